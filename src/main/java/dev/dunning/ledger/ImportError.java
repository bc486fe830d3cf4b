package dev.dunning.ledger;

/**
 * One problem found in a registry: the line where the record starts (the header is line 1), the
 * column, and what is wrong. {@code column} is absent when the whole row is malformed;
 * {@code line} is absent when the problem concerns the file itself (its name, for instance).
 * Messages name ids and values of non-personal columns only.
 */
public record ImportError(Long line, String column, String message) {
}
