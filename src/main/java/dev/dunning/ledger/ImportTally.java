package dev.dunning.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Counts what an import does and keeps the first errors only, so memory stays flat however bad a file is. */
final class ImportTally {

    private final int maxErrors;
    private final List<ImportError> errors = new ArrayList<>();
    private long accepted;
    private long unchanged;
    private long rejected;
    private long moreErrors;

    ImportTally(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    void add(BatchMerge.Result<?> batch) {
        accepted += batch.accepted();
        unchanged += batch.unchanged();
        batch.rejected().forEach(row -> reject(row.line(), row.problems()));
    }

    void reject(long line, List<RowProblem> problems) {
        rejected++;
        problems.forEach(problem -> error(new ImportError(line, problem.column(), problem.message())));
    }

    private void error(ImportError error) {
        if (errors.size() < maxErrors) {
            errors.add(error);
        } else {
            moreErrors++;
        }
    }

    /**
     * The report, errors in line order: a row's own mistakes are found as it is read, its references
     * only when its batch is written, so they are collected out of order.
     */
    ImportReport report() {
        List<ImportError> byLine = new ArrayList<>(errors);
        byLine.sort(Comparator.comparing(ImportError::line, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new ImportReport(accepted, unchanged, rejected, byLine, moreErrors);
    }
}
