package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the values of one raw row and remembers every problem found on the way, so one pass over a
 * row reports all of its bad columns. Messages echo a value only for columns that hold no personal
 * data (dates, amounts, codes), because reports are passed around.
 */
final class RowValues {

    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /**
     * Below a trillion. NUMERIC(19,2) holds 17 digits before the point, but the debt picture adds up a customer's
     * invoices in columns of the same type: 17-digit amounts would overflow the sums and stop the rebuild for
     * every customer. Twelve digits leave room for a hundred thousand of the largest invoices per customer.
     */
    static final int MAX_INTEGER_DIGITS = 12;
    /** Longer than any amount that fits, with room for leading zeros. */
    private static final int MAX_AMOUNT_CHARS = 40;
    private static final int MAX_ECHOED_LENGTH = 40;

    private final RawRow row;
    private final List<RowProblem> problems = new ArrayList<>(2);

    RowValues(RawRow row) {
        this.row = row;
    }

    long line() {
        return row.line();
    }

    List<RowProblem> problems() {
        return problems;
    }

    boolean valid() {
        return problems.isEmpty();
    }

    void invalid(String column, String message) {
        problems.add(RowProblem.invalid(column, message));
    }

    /** An id that must be given: at most 64 characters on one line. */
    String requiredId(String column) {
        return singleLine(column, required(column, 64));
    }

    /** An id that may be absent. */
    String optionalId(String column) {
        return singleLine(column, optional(column, 64));
    }

    private String singleLine(String column, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                invalid(column, column + " must be on one line without control characters (is a quote left open above?)");
                return null;
            }
        }
        return value;
    }

    String required(String column, int maxLength) {
        String value = row.value(column);
        if (value == null) {
            invalid(column, column + " is required");
            return null;
        }
        return withinLength(column, value, maxLength);
    }

    String optional(String column, int maxLength) {
        String value = row.value(column);
        return value == null ? null : withinLength(column, value, maxLength);
    }

    /**
     * Text within its length and free of control characters: tabs and line breaks may stand inside a
     * quoted field (an address on two lines), but a NUL or an escape byte is the mark of a binary file
     * or a broken export, and would reach notices, letters and exports.
     */
    private String withinLength(String column, String value, int maxLength) {
        if (value.length() > maxLength) {
            invalid(column, column + " is longer than " + maxLength + " characters");
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                invalid(column, column + " holds the control character U+%04X at position %d; a registry holds text only"
                        .formatted((int) c, i + 1));
                return null;
            }
        }
        return value;
    }

    /** An ISO date (2026-01-31), or null when absent and not required. */
    LocalDate date(String column, boolean required) {
        String value = required ? required(column, Integer.MAX_VALUE) : row.value(column);
        if (value == null) {
            return null;
        }
        if (!ISO_DATE.matcher(value).matches()) {
            invalid(column, column + " must be a date like 2026-01-31, not '" + echo(value) + "'");
            return null;
        }
        try {
            // the pattern fixed the positions of the digits; LocalDate.parse costs several times more per row
            return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                    Integer.parseInt(value, 8, 10, 10));
        } catch (DateTimeException e) {
            invalid(column, column + " '" + value + "' is not a date of the calendar");
            return null;
        }
    }

    /** A required amount of money: a dot as decimal separator, at most 2 decimals, more than zero; scale 2. */
    BigDecimal amount(String column) {
        String value = required(column, Integer.MAX_VALUE);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_AMOUNT_CHARS) {
            // no amount is this long; parsing a million digits would take seconds
            invalid(column, column + " is " + value.length() + " characters long; an amount has at most "
                    + MAX_INTEGER_DIGITS + " digits before the point and 2 after");
            return null;
        }
        if (!AMOUNT.matcher(value).matches()) {
            invalid(column, column + " must be a number with a dot as decimal separator, like 1250.50, not '"
                    + echo(value) + "'");
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.signum() <= 0) {
            invalid(column, column + " must be greater than 0, not " + value);
            return null;
        }
        if (amount.scale() > 2) {
            invalid(column, column + " " + value + " has " + amount.scale() + " decimals; at most 2 are allowed");
            return null;
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            invalid(column, column + " is too large: an amount has at most " + MAX_INTEGER_DIGITS + " digits before the point");
            return null;
        }
        return amount.setScale(2);
    }

    /** The currency of a money row: the ledger's when absent; any other currency is refused. */
    String currency(String column, String ledgerCurrency) {
        String currency = row.value(column);
        if (currency == null) {
            return ledgerCurrency;
        }
        if (!currency.equalsIgnoreCase(ledgerCurrency)) {
            invalid(column, column + " must be " + ledgerCurrency + " (the ledger currency), not '" + echo(currency) + "'");
            return null;
        }
        return ledgerCurrency;
    }

    /** A value short enough to quote in a message. */
    static String echo(String value) {
        return value.length() <= MAX_ECHOED_LENGTH ? value : value.substring(0, MAX_ECHOED_LENGTH) + "…";
    }
}
