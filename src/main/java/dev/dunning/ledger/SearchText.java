package dev.dunning.ledger;

import java.util.Locale;

/**
 * What a person typed into a search or filter box, made safe to match in SQL: stripped, at most
 * {@value #MAX_LENGTH} characters (the longest name a registry accepts), without control characters (PostgreSQL
 * cannot hold a NUL in text and would fail the whole query), and matched literally, so that {@code %}, {@code _}
 * and {@code \} are letters, not wildcards. The value always travels as a bind parameter; the patterns here only
 * decide what LIKE sees.
 */
public final class SearchText {

    /** The longest customer name a registry accepts; nothing longer can match. */
    public static final int MAX_LENGTH = 300;

    private SearchText() {
    }

    /**
     * The typed text, stripped; null when nothing was typed.
     *
     * @param field the request parameter, named in the error
     * @throws IllegalArgumentException when the text is too long or holds a control character
     */
    public static String typed(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String typed = text.strip();
        if (typed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + ": the text is " + typed.length() + " characters long; a search"
                    + " or filter takes at most " + MAX_LENGTH);
        }
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + ": the text holds the control character U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1) + "; type letters, digits and signs only");
            }
        }
        return typed;
    }

    /** A LIKE pattern (with {@code ESCAPE '\'}) for values that start with {@code typed}. */
    public static String startingWith(String typed) {
        return escape(typed) + "%";
    }

    /** A LIKE pattern (with {@code ESCAPE '\'}) for lower-cased values that start with {@code typed}, any case. */
    public static String startingWithAnyCase(String typed) {
        return escape(typed.toLowerCase(Locale.ROOT)) + "%";
    }

    /** A LIKE pattern (with {@code ESCAPE '\'}) for lower-cased values that contain {@code typed}, any case. */
    public static String containingAnyCase(String typed) {
        return "%" + escape(typed.toLowerCase(Locale.ROOT)) + "%";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
