package dev.trainyard.batch.rest;

import dev.trainyard.batch.service.InvalidRequestException;
import dev.trainyard.batch.store.Page;
import java.util.List;
import java.util.Set;

/**
 * One page of a list.
 *
 * @param page zero-based page number
 * @param total items across all pages
 */
public record PageView<T>(List<T> items, int page, int size, long total, int totalPages) {

    public static final int MAX_SIZE = 500;

    static final Set<String> ITEM_STATUSES = Set.of("queued", "processing", "completed", "failed", "cancelled");

    static final Set<String> BATCH_STATUSES =
            Set.of("queued", "running", "completed", "completed_with_errors", "failed", "cancelled");

    public static <T> PageView<T> of(Page<T> page) {
        int pages = (int) ((page.total() + page.size() - 1) / page.size());
        return new PageView<>(page.items(), page.page(), page.size(), page.total(), pages);
    }

    /** @throws InvalidRequestException naming {@code page} or {@code size} */
    static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    static String status(String status, Set<String> allowed) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!allowed.contains(status)) {
            throw new InvalidRequestException(
                    "status", "must be one of " + allowed.stream().sorted().toList());
        }
        return status;
    }
}
