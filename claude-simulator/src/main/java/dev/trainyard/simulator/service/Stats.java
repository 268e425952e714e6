package dev.trainyard.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator served since start (or the last reset): requests, answers by status, tokens, and
 * the most requests admitted in any 60-second window, the figure a rate limit must keep under.
 */
@ApplicationScoped
public class Stats {

    private static final long WINDOW_MS = 60_000;

    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final List<Long> admittedAt = new ArrayList<>();
    private final Deque<long[]> tokensAt = new ArrayDeque<>();
    private long requests;
    private long streamed;
    private long inputTokens;
    private long outputTokens;

    /** A snapshot, as {@code GET /simulator/stats} shows it. */
    public record Snapshot(
            long requests,
            long ok,
            long throttled,
            Map<Integer, Long> byStatus,
            long inputTokens,
            long outputTokens,
            long peakRequestsPer60s,
            long streamed,
            long inputTokensLastMinute,
            long outputTokensLastMinute) {}

    public synchronized void received() {
        requests++;
    }

    public synchronized void streamedOne() {
        streamed++;
    }

    public synchronized void admitted() {
        admittedAt.add(System.currentTimeMillis());
    }

    public synchronized void answered(int status) {
        byStatus.merge(status, 1L, Long::sum);
    }

    public synchronized void served(long input, long output) {
        inputTokens += input;
        outputTokens += output;
        tokensAt.addLast(new long[] {System.currentTimeMillis(), input, output});
        prune();
    }

    public synchronized Snapshot snapshot() {
        prune();
        long lastInput = tokensAt.stream().mapToLong(t -> t[1]).sum();
        long lastOutput = tokensAt.stream().mapToLong(t -> t[2]).sum();
        return new Snapshot(
                requests,
                byStatus.getOrDefault(200, 0L),
                byStatus.getOrDefault(429, 0L),
                new TreeMap<>(byStatus),
                inputTokens,
                outputTokens,
                peakPerWindow(),
                streamed,
                lastInput,
                lastOutput);
    }

    public synchronized void reset() {
        byStatus.clear();
        admittedAt.clear();
        tokensAt.clear();
        requests = 0;
        streamed = 0;
        inputTokens = 0;
        outputTokens = 0;
    }

    /** Two pointers over the admission times: the largest count within any 60 s span. */
    private long peakPerWindow() {
        long peak = 0;
        int start = 0;
        for (int end = 0; end < admittedAt.size(); end++) {
            while (admittedAt.get(end) - admittedAt.get(start) >= WINDOW_MS) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }

    private void prune() {
        long cutoff = System.currentTimeMillis() - WINDOW_MS;
        while (!tokensAt.isEmpty() && tokensAt.peekFirst()[0] < cutoff) {
            tokensAt.removeFirst();
        }
    }
}
