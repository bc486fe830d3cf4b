package dev.dunning.reports;

/**
 * Text from customer data written into a file a person opens in a spreadsheet (report exports, the print shop's
 * letter manifest, the court package's statement): a value that a spreadsheet would run as a formula (it starts with
 * = + - @, or a tab or carriage return that some strip first) gets a leading apostrophe, so that a customer named
 * "=HYPERLINK(...)" stays a name. Registries keep such values as they came; only what is written out is changed.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
