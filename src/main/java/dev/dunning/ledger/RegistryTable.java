package dev.dunning.ledger;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How one registry maps onto its table: which columns a file must have, how a row is read and
 * checked, what counts as a permitted change of a stored row, and how rows are written in bulk.
 * Every method that touches the database handles a whole batch with one statement.
 *
 * @param <T> the checked row ({@link Customer}, {@link InvoiceRow}, {@link PaymentRow})
 */
interface RegistryTable<T> {

    RegistryKind kind();

    List<String> requiredColumns();

    String id(T row);

    /** The customer whose ledger the row belongs to. */
    String customerId(T row);

    /**
     * Reads and checks one row on its own (formats, codes, configured groups and plans); problems go
     * to {@code values}, and the result is only used when there are none.
     */
    T read(RowValues values);

    /** The stored rows with these ids, by id. */
    Map<String, T> findStored(Collection<String> ids);

    /** Looks up, for a whole batch at once, what its rows refer to; the check then runs per row. */
    ReferenceCheck<T> references(List<T> rows);

    /**
     * Adds a conflict for each difference between {@code earlier} (stored, or earlier in the same
     * file) and {@code later} that is not a permitted update; {@code later} differs from {@code earlier}.
     */
    void checkChange(T earlier, T later, List<RowProblem> problems);

    void insert(List<T> rows, OffsetDateTime now);

    void update(List<T> rows, OffsetDateTime now);

    /** Checks one row's references against what {@link #references} looked up. */
    interface ReferenceCheck<T> {

        ReferenceCheck<Object> NONE = (row, problems) -> { };

        void check(T row, List<RowProblem> problems);

        @SuppressWarnings("unchecked")
        static <T> ReferenceCheck<T> none() {
            return (ReferenceCheck<T>) NONE;
        }
    }
}
