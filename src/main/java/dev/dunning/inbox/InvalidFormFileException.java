package dev.dunning.inbox;

import java.util.List;

/** A form file that cannot be used, with the file and every problem found in it. */
public class InvalidFormFileException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    InvalidFormFileException(String file, List<String> problems) {
        super("form " + file + " cannot be used: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file as {@code forms/<key>.form.json}. */
    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
