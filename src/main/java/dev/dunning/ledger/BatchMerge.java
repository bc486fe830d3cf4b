package dev.dunning.ledger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges one batch of checked rows into their table, in the caller's transaction: one query for the
 * stored rows, one (or two) for what the rows refer to, the comparison in Java, then one JDBC batch
 * of inserts and one of updates. A row whose id came earlier in the same batch is compared with
 * that earlier row, exactly as a later file is compared with what is stored.
 */
final class BatchMerge {

    private BatchMerge() {
    }

    /** What a merged batch did: rows created, rows updated, rows unchanged, rows rejected. */
    record Result<T>(List<T> created, List<T> updated, long unchanged, List<RejectedRow> rejected) {

        long accepted() {
            return created.size() + updated.size();
        }
    }

    /** The row that will be written for an id, and whether a stored row is there already. */
    private record Pending<T>(T value, boolean stored) {
    }

    static <T> Result<T> merge(RegistryTable<T> table, List<CheckedRow<T>> rows, OffsetDateTime now) {
        Set<String> ids = new LinkedHashSet<>();
        List<T> values = new ArrayList<>(rows.size());
        for (CheckedRow<T> row : rows) {
            ids.add(table.id(row.value()));
            values.add(row.value());
        }
        Map<String, T> stored = table.findStored(ids);
        RegistryTable.ReferenceCheck<T> references = table.references(values);

        Map<String, Pending<T>> pending = new LinkedHashMap<>();
        List<T> created = new ArrayList<>();
        List<T> updated = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        long unchanged = 0;
        for (CheckedRow<T> row : rows) {
            T value = row.value();
            String id = table.id(value);
            List<RowProblem> problems = new ArrayList<>(1);
            references.check(value, problems);
            Pending<T> earlierInBatch = pending.get(id);
            T earlier = earlierInBatch != null ? earlierInBatch.value() : stored.get(id);
            if (problems.isEmpty() && earlier != null && !earlier.equals(value)) {
                table.checkChange(earlier, value, problems);
            }
            if (!problems.isEmpty()) {
                rejected.add(new RejectedRow(row.line(), problems));
            } else if (earlier == null) {
                pending.put(id, new Pending<>(value, false));
                created.add(value);
            } else if (earlier.equals(value)) {
                unchanged++;
            } else {
                boolean isStored = earlierInBatch == null || earlierInBatch.stored();
                pending.put(id, new Pending<>(value, isStored));
                (isStored ? updated : created).add(value);
            }
        }

        List<T> inserts = new ArrayList<>();
        List<T> updates = new ArrayList<>();
        for (Pending<T> each : pending.values()) {
            (each.stored() ? updates : inserts).add(each.value());
        }
        if (!inserts.isEmpty()) {
            table.insert(inserts, now);
        }
        if (!updates.isEmpty()) {
            table.update(updates, now);
        }
        return new Result<>(created, updated, unchanged, rejected);
    }
}
