package dev.trainyard.builder.store;

import java.util.List;
import java.util.UUID;

/**
 * What one append transaction records: the lines written after the committed length, and the rejections.
 *
 * @param newCommittedBytes the file's length once this append commits
 */
public record AppendRecord(
        UUID fileId, long newCommittedBytes, List<WrittenItem> written, List<RejectedItem> rejected) {

    /** One conversation's lines as written. */
    public record WrittenItem(UUID conversationId, long offset, long length, int lineCount, String split, long tokens) {

        public boolean isValidation() {
            return "validation".equals(split);
        }
    }

    /** One conversation refused with its reason. */
    public record RejectedItem(UUID conversationId, String reason) {}

    public long lineCount() {
        return written.stream().mapToLong(WrittenItem::lineCount).sum();
    }

    public long validationLineCount() {
        return written.stream()
                .filter(WrittenItem::isValidation)
                .mapToLong(WrittenItem::lineCount)
                .sum();
    }

    public long validationConversationCount() {
        return written.stream().filter(WrittenItem::isValidation).count();
    }

    public long tokens() {
        return written.stream().mapToLong(WrittenItem::tokens).sum();
    }
}
