package dev.trainyard.builder.store;

/** Where one appended conversation's lines sit in its file. */
public record ItemRange(long offset, long length, int lineCount) {}
