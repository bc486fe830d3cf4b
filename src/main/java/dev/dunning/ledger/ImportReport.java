package dev.dunning.ledger;

import java.util.List;

/**
 * What an import did. {@code accepted} rows were new or changed and are stored; {@code unchanged}
 * rows matched what was stored; {@code rejected} rows were not stored, and {@code errors} says why
 * (the first ones only: {@code moreErrors} counts the rest, so a broken file of a million rows does
 * not produce a million-entry report). A file that cannot be read to its end is not reported here: it
 * is refused as a whole before any row is stored ({@link RejectedRegistryException}).
 */
public record ImportReport(long accepted, long unchanged, long rejected, List<ImportError> errors, long moreErrors) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /** The report of a file that was refused as a whole: nothing was imported. */
    static ImportReport refused(List<ImportError> problems) {
        return new ImportReport(0, 0, 0, problems, 0);
    }
}
