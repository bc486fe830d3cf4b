package dev.dunning.ledger;

/**
 * The database refused a batch that passed every check. The driver's own message is left out on
 * purpose: it can quote the rows' values, names and phone numbers among them, and this message ends
 * up in logs. The SQL state and the lines tell an operator where to look.
 */
class RegistryWriteException extends RuntimeException {

    RegistryWriteException(RegistryKind kind, long firstLine, long lastLine, String sqlState, String errorType) {
        super("the database refused the " + kind.registryName() + " rows of lines " + firstLine + "–" + lastLine
                + " (" + errorType + ", SQL state " + sqlState + "); earlier rows were kept");
    }
}
