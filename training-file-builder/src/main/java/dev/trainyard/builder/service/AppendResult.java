package dev.trainyard.builder.service;

/** What one append did: conversations written, skipped as already present, rejected as invalid. */
public record AppendResult(int appended, int duplicates, int rejected, long linesWritten, long bytesWritten) {

    public static final AppendResult NOTHING = new AppendResult(0, 0, 0, 0, 0);

    public AppendResult plus(AppendResult other) {
        return new AppendResult(
                appended + other.appended,
                duplicates + other.duplicates,
                rejected + other.rejected,
                linesWritten + other.linesWritten,
                bytesWritten + other.bytesWritten);
    }
}
