package dev.trainyard.builder.service;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives JSONL bytes and passes them on as the elements of a JSON array: each line becomes one element, a
 * comma goes between lines, newlines are dropped. Holds no line in memory, so the JSON export is the JSONL
 * byte for byte, line for line, whatever its size. The caller writes the brackets around it.
 */
final class JsonArrayOfLines extends FilterOutputStream {

    private boolean insideLine;
    private boolean anyLine;

    JsonArrayOfLines(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                out.write(bytes, start, i - start);
                insideLine = false;
                start = i + 1;
            } else if (!insideLine) {
                out.write(bytes, start, i - start);
                startLine();
                start = i;
            }
        }
        out.write(bytes, start, end - start);
    }

    private void startLine() throws IOException {
        if (anyLine) {
            out.write(',');
        }
        out.write('\n');
        anyLine = true;
        insideLine = true;
    }

    /** Does not close the underlying stream: the caller still writes the closing brackets. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
