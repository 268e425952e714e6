package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch may only target a training file of its own tenant. The files are training-file-builder's: here its
 * {@code training_files.files} table holds just the two columns batch-api reads (id, tenant).
 */
@QuarkusTest
class TargetTrainingFileTest {

    @Inject
    Pool pool;

    @BeforeEach
    void builderTable() {
        pool.query("CREATE SCHEMA IF NOT EXISTS training_files")
                .execute()
                .await()
                .indefinitely();
        pool.query("CREATE TABLE IF NOT EXISTS training_files.files (id uuid PRIMARY KEY, tenant text NOT NULL)")
                .execute()
                .await()
                .indefinitely();
    }

    @Test
    void aBatchIntoItsTenantsOwnFileIsAccepted() {
        UUID file = fileOf("acme");

        acme().body(batchInto(file)).post("/api/batches").then().statusCode(202);
    }

    @Test
    void aBatchIntoAnotherTenantsFileIsRefusedAsIfTheFileDidNotExist() {
        UUID globexFile = fileOf("globex");

        acme().body(batchInto(globexFile))
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("targetTrainingFileId"))
                .body("detail", containsString("no training file " + globexFile));
    }

    @Test
    void aBatchIntoAFileThatDoesNotExistIsRefusedNamingTheField() {
        UUID unknown = UUID.randomUUID();

        acme().body(batchInto(unknown))
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("targetTrainingFileId"))
                .body("detail", containsString("no training file " + unknown));
    }

    private UUID fileOf(String tenant) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO training_files.files (id, tenant) VALUES ($1, $2)")
                .execute(Tuple.of(id, tenant))
                .await()
                .indefinitely();
        return id;
    }

    private static String batchInto(UUID file) {
        return TestApi.batchJson("targeted", 1).replaceFirst("\\{", "{\"targetTrainingFileId\": \"" + file + "\", ");
    }
}
