package dev.trainyard.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.simulator.service.Behaviour;
import dev.trainyard.simulator.service.Fault;
import dev.trainyard.simulator.service.SimulatorControl;
import dev.trainyard.simulator.service.Stats;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The simulator's own controls, for tests and benchmarks: read and change its behaviour at run time,
 * script the faults of the next requests, and read what it served.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    private final SimulatorControl control;
    private final Stats stats;
    private final ObjectMapper mapper;

    public SimulatorResource(SimulatorControl control, Stats stats, ObjectMapper mapper) {
        this.control = control;
        this.stats = stats;
        this.mapper = mapper;
    }

    /** Faults the next requests get, in order, before the configured rates apply again. */
    public record FaultScript(List<Fault> faults) {}

    @GET
    @Path("/behaviour")
    public Behaviour behaviour() {
        return control.behaviour();
    }

    /** Changes the given fields of the behaviour (others keep their values); the buckets start full. */
    @PUT
    @Path("/behaviour")
    public Behaviour change(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            throw new BadRequestException("body must be a JSON object of behaviour fields");
        }
        ObjectNode merged = mapper.valueToTree(control.behaviour());
        changes.fields().forEachRemaining(field -> {
            if (!merged.has(field.getKey())) {
                throw new BadRequestException("unknown behaviour field " + field.getKey());
            }
            merged.set(field.getKey(), field.getValue());
        });
        control.apply(mapper.convertValue(merged, Behaviour.class));
        return control.behaviour();
    }

    @POST
    @Path("/faults")
    public FaultScript script(FaultScript script) {
        control.script(script.faults());
        return script;
    }

    @DELETE
    @Path("/faults")
    public void clearScript() {
        control.clearScript();
    }

    @GET
    @Path("/stats")
    public Stats.Snapshot stats() {
        return stats.snapshot();
    }

    @DELETE
    @Path("/stats")
    public void resetStats() {
        stats.reset();
    }
}
