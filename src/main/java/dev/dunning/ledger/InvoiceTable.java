package dev.dunning.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The invoices registry. What was charged (customer, amount, currency) is never rewritten: a
 * correction comes as a new invoice, so debts already worked on keep their history. Contract,
 * service and dates may be corrected.
 */
@Component
class InvoiceTable implements RegistryTable<InvoiceRow> {

    static final String INVOICE_ID = "invoice_id";
    static final String CUSTOMER_ID = "customer_id";
    static final String CONTRACT = "contract";
    static final String SERVICE = "service";
    static final String ISSUED_ON = "issued_on";
    static final String DUE_ON = "due_on";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";

    private final JdbcTemplate jdbc;
    private final BulkInsert bulk;
    private final String ledgerCurrency;

    InvoiceTable(JdbcTemplate jdbc, BulkInsert bulk, @Value("${dunning.ledger.currency:RUB}") String ledgerCurrency) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.ledgerCurrency = ledgerCurrency;
    }

    @Override
    public RegistryKind kind() {
        return RegistryKind.INVOICES;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(INVOICE_ID, CUSTOMER_ID, DUE_ON, AMOUNT);
    }

    @Override
    public String id(InvoiceRow row) {
        return row.invoiceId();
    }

    @Override
    public String customerId(InvoiceRow row) {
        return row.customerId();
    }

    @Override
    public InvoiceRow read(RowValues values) {
        return new InvoiceRow(
                values.requiredId(INVOICE_ID),
                values.requiredId(CUSTOMER_ID),
                values.optionalId(CONTRACT),
                values.optionalId(SERVICE),
                values.date(ISSUED_ON, false),
                values.date(DUE_ON, true),
                values.amount(AMOUNT),
                values.currency(CURRENCY, ledgerCurrency));
    }

    @Override
    public Map<String, InvoiceRow> findStored(Collection<String> ids) {
        return IdLookup.query(jdbc, """
                SELECT invoice_id, customer_id, contract, service, issued_on, due_on, amount, currency
                FROM invoice WHERE invoice_id = ANY (?)""", ids, InvoiceTable::invoice)
                .stream().collect(Collectors.toMap(InvoiceRow::invoiceId, Function.identity()));
    }

    private static InvoiceRow invoice(ResultSet rs, int row) throws SQLException {
        return new InvoiceRow(rs.getString("invoice_id"), rs.getString("customer_id"), rs.getString("contract"),
                rs.getString("service"), rs.getObject("issued_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                rs.getBigDecimal("amount"), rs.getString("currency"));
    }

    @Override
    public ReferenceCheck<InvoiceRow> references(List<InvoiceRow> rows) {
        Set<String> known = KnownCustomers.among(jdbc, rows.stream().map(InvoiceRow::customerId).collect(Collectors.toSet()));
        return (row, problems) -> {
            if (!known.contains(row.customerId())) {
                problems.add(RowProblem.invalid(CUSTOMER_ID, KnownCustomers.unknown(row.customerId())));
            }
        };
    }

    @Override
    public void checkChange(InvoiceRow earlier, InvoiceRow later, List<RowProblem> problems) {
        if (!earlier.customerId().equals(later.customerId())) {
            problems.add(conflict(earlier, CUSTOMER_ID, "for customer " + earlier.customerId()));
        }
        if (earlier.amount().compareTo(later.amount()) != 0) {
            problems.add(conflict(earlier, AMOUNT, "with amount " + earlier.amount().toPlainString()));
        }
        if (!Objects.equals(earlier.currency(), later.currency())) {
            problems.add(conflict(earlier, CURRENCY, "in currency " + earlier.currency()));
        }
    }

    private static RowProblem conflict(InvoiceRow earlier, String column, String storedValue) {
        return RowProblem.conflict(column, "invoice " + earlier.invoiceId() + " was imported " + storedValue
                + "; a correction must come as a new invoice");
    }

    @Override
    public void insert(List<InvoiceRow> rows, OffsetDateTime now) {
        bulk.insert("invoice", List.of("invoice_id", "customer_id", "contract", "service", "issued_on", "due_on", "amount",
                "currency", "imported_at"), rows, invoice -> new Object[] {
                    invoice.invoiceId(), invoice.customerId(), invoice.contract(), invoice.service(), invoice.issuedOn(),
                    invoice.dueOn(), invoice.amount(), invoice.currency(), now});
    }

    /** Only what may change is written; {@code imported_at} tells when the stored version came in. */
    @Override
    public void update(List<InvoiceRow> rows, OffsetDateTime now) {
        jdbc.batchUpdate("""
                UPDATE invoice SET contract = ?, service = ?, issued_on = ?, due_on = ?, imported_at = ?
                WHERE invoice_id = ?""", rows, rows.size(), (sql, invoice) -> {
            sql.setString(1, invoice.contract());
            sql.setString(2, invoice.service());
            sql.setObject(3, invoice.issuedOn());
            sql.setObject(4, invoice.dueOn());
            sql.setObject(5, now);
            sql.setString(6, invoice.invoiceId());
        });
    }
}
