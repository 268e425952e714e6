package dev.trainyard.model;

/** One message of a conversation. */
public record Turn(Role role, String content) {

    public static Turn user(String content) {
        return new Turn(Role.USER, content);
    }

    public static Turn assistant(String content) {
        return new Turn(Role.ASSISTANT, content);
    }
}
