package dev.trainyard.worker.client;

/**
 * Estimates a request's input tokens before sending it, about four characters a token plus framing,
 * so the limiter can reserve input tokens; the real count replaces it when the answer comes.
 */
final class InputEstimate {

    private static final int CHARS_PER_TOKEN = 4;
    private static final long TOKENS_PER_MESSAGE = 4;

    private InputEstimate() {}

    static long of(MessagesRequest request) {
        long chars = request.systemText().length();
        for (MessagesRequest.Message message : request.messages()) {
            chars += message.content() == null ? 0 : message.content().length();
        }
        return chars / CHARS_PER_TOKEN
                + 1
                + TOKENS_PER_MESSAGE * request.messages().size();
    }
}
