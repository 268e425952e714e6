package dev.trainyard.batch.store;

/** Items of one batch per status, plus the tokens their generations used so far. */
public record BatchCounts(
        long queued,
        long processing,
        long completed,
        long failed,
        long cancelled,
        long inputTokens,
        long outputTokens) {

    public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0, 0, 0);

    /** Items that will not change any more unless someone retries them. */
    public long finished() {
        return completed + failed + cancelled;
    }

    /** Items still waiting for a worker or being generated. */
    public long open() {
        return queued + processing;
    }

    BatchCounts plus(String status, long count, long input, long output) {
        return new BatchCounts(
                queued + ("queued".equals(status) ? count : 0),
                processing + ("processing".equals(status) ? count : 0),
                completed + ("completed".equals(status) ? count : 0),
                failed + ("failed".equals(status) ? count : 0),
                cancelled + ("cancelled".equals(status) ? count : 0),
                inputTokens + input,
                outputTokens + output);
    }
}
