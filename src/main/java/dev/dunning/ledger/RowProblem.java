package dev.dunning.ledger;

/**
 * Why a row cannot be stored. A conflict is a valid row that contradicts what is stored under its
 * id; everything else is invalid data.
 */
record RowProblem(String column, String message, boolean conflict) {

    static RowProblem invalid(String column, String message) {
        return new RowProblem(column, message, false);
    }

    static RowProblem conflict(String column, String message) {
        return new RowProblem(column, message, true);
    }
}
