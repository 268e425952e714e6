import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Trainyard's topics on a running broker, leaving existing ones alone, in one JVM start (the
 * console TopicCommand would cost a JVM per topic). Args: bootstrap servers, then name:partitions[:compact].
 */
public final class CreateTopics {

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                NewTopic topic = parse(args[i]);
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            create(admin, missing);
            describeWhenKnown(admin, names(args));
        }
    }

    /** New topics reach the broker's metadata a moment after creation: ask again until all are there. */
    private static void describeWhenKnown(Admin admin, List<String> names) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                for (var description : admin.describeTopics(names).allTopicNames().get().values()) {
                    int partitions = description.partitions().size();
                    System.out.println("topic " + description.name() + " partitions=" + partitions);
                }
                return;
            } catch (ExecutionException e) {
                if (attempt == 60) {
                    throw new IllegalStateException("topics not visible after 30 s", e.getCause());
                }
                Thread.sleep(500);
            }
        }
    }

    private static NewTopic parse(String spec) {
        String[] parts = spec.split(":");
        NewTopic topic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
        if (parts.length > 2 && parts[2].equals("compact")) {
            topic.configs(Map.of("cleanup.policy", "compact"));
        }
        return topic;
    }

    private static void create(Admin admin, List<NewTopic> topics) throws InterruptedException {
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get();
                System.out.println("created " + topic.name());
            } catch (ExecutionException e) {
                // Another launcher may have created it between the listing and now: that is the wanted state.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                }
            }
        }
    }

    private static List<String> names(String[] args) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            names.add(args[i].split(":")[0]);
        }
        return names;
    }
}
