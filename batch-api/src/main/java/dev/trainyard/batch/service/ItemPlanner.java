package dev.trainyard.batch.service;

import dev.trainyard.batch.store.NewItem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decides what each item is about. Items walk through the persona x topic x arc combinations in order,
 * so any prefix of a batch covers the lists as evenly as its size allows, and a batch is reproducible.
 */
public final class ItemPlanner {

    private ItemPlanner() {}

    public static List<NewItem> plan(int count, List<String> personas, List<String> topics, List<String> arcs) {
        List<String> arcChoices = arcs == null || arcs.isEmpty() ? java.util.Collections.singletonList(null) : arcs;
        List<NewItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String persona = personas.get(i % personas.size());
            String topic = topics.get((i / personas.size()) % topics.size());
            String arc = arcChoices.get((i / (personas.size() * topics.size())) % arcChoices.size());
            items.add(new NewItem(UUID.randomUUID(), i + 1, persona, topic, arc));
        }
        return items;
    }
}
