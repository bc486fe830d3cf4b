package dev.dunning.distribution;

import java.util.List;

/** An assignment rules file that cannot be used, with the file and every problem (line, rule and field). */
public class InvalidRulesFileException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    InvalidRulesFileException(String file, List<String> problems) {
        super("assignment rules " + file + " cannot be used: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
