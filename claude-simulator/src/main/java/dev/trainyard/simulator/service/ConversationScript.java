package dev.trainyard.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the reply a model would give to Trainyard's generation prompt: one JSON object with a system
 * prompt and alternating user/assistant turns about the requested persona, topic and emotional arc.
 * The prompt's lines ({@code Persona:}, {@code Topic:}, {@code Emotional arc:}, {@code Exchanges:}) are read
 * tolerantly; a prompt without them gets a short prose answer, as a model would give.
 */
public final class ConversationScript {

    private static final Pattern PERSONA = line("persona");
    private static final Pattern TOPIC = line("topic");
    private static final Pattern ARC = line("emotional\\s+arc");
    private static final Pattern EXCHANGES = line("exchanges");
    private static final int MAX_EXCHANGES = 50;

    private static final String[] OPENERS = {
        "I have a question about %s.",
        "Can you help me with %s?",
        "I've been struggling with %s lately.",
        "Quick one about %s, if you have a minute."
    };
    private static final String[] FOLLOW_UPS = {
        "That makes sense, but what about the details of %s?",
        "Okay. How would that work in practice for %s?",
        "I tried that already. Is there another angle on %s?",
        "Thanks. One more thing about %s before I go."
    };
    private static final String[] ANSWERS = {
        "Good question. With %s, the first step is to look at what you already have and change one thing at a time.",
        "Here is how I would approach %s: start small, check the result, then build on what works.",
        "Many people find %s confusing at first. Let's break it into two or three concrete steps.",
        "For %s, it helps to write down the goal first; then the options become much easier to compare."
    };

    private final ObjectMapper mapper;

    public ConversationScript(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The text of the reply to the given user message. */
    public String reply(String userText) {
        Optional<Integer> exchanges = find(EXCHANGES, userText).map(ConversationScript::parseCount);
        if (exchanges.isEmpty()) {
            return "Hello! I am a simulated Claude model. You said: " + abbreviate(userText, 200);
        }
        String persona = find(PERSONA, userText).orElse("a curious person");
        String topic = find(TOPIC, userText).orElse("everyday life");
        String arc = find(ARC, userText).orElse("steady");
        return conversationJson(persona, topic, arc, exchanges.get(), new Random(userText.hashCode()));
    }

    private String conversationJson(String persona, String topic, String arc, int exchanges, Random random) {
        List<Map<String, String>> turns = new ArrayList<>();
        for (int i = 0; i < exchanges; i++) {
            String mood = moodAt(arc, i, exchanges);
            String question = pick(i == 0 ? OPENERS : FOLLOW_UPS, random).formatted(topic);
            turns.add(turn("user", "(" + mood + ") As " + persona + ": " + question));
            turns.add(turn("assistant", pick(ANSWERS, random).formatted(topic)));
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put(
                "system_prompt",
                "You are a patient, knowledgeable assistant helping " + persona + " with " + topic + ".");
        conversation.put("turns", turns);
        try {
            return mapper.writeValueAsString(conversation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Moves the user's mood from the arc's start to its end ("frustrated to relieved"). */
    private static String moodAt(String arc, int index, int exchanges) {
        String[] ends = arc.split("(?i)\\s+(to|->|→)\\s+", 2);
        if (ends.length < 2 || exchanges < 2) {
            return ends[0].trim();
        }
        return (index < exchanges / 2.0 ? ends[0] : ends[1]).trim();
    }

    private static Map<String, String> turn(String role, String content) {
        Map<String, String> turn = new LinkedHashMap<>();
        turn.put("role", role);
        turn.put("content", content);
        return turn;
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static int parseCount(String value) {
        Matcher digits = Pattern.compile("\\d+").matcher(value);
        return digits.find() ? Math.min(MAX_EXCHANGES, Integer.parseInt(digits.group())) : 1;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    private static Pattern line(String label) {
        return Pattern.compile("(?im)^[\\s*-]*" + label + "\\s*:\\s*(.+?)\\s*$");
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }
}
