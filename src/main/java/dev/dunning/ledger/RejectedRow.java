package dev.dunning.ledger;

import java.util.List;

/** A row that was not stored, and why. */
record RejectedRow(long line, List<RowProblem> problems) {

    boolean conflict() {
        return problems.stream().anyMatch(RowProblem::conflict);
    }
}
