package dev.dunning.ledger;

/** One row of a registry before any check: a line number and text values by column. */
interface RawRow {

    /** Where the row starts in its file (the header is line 1); 1 for a row that came alone. */
    long line();

    /** The value without surrounding blanks, or null when the column is absent or blank. */
    String value(String column);
}
