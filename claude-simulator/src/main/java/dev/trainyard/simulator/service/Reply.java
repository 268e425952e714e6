package dev.trainyard.simulator.service;

import java.time.Duration;
import java.util.Map;

/** What to answer to one request: status, body, extra headers, and after how long. */
public record Reply(int status, Object body, Map<String, String> headers, Duration delay) {}
