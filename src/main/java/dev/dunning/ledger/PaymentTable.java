package dev.dunning.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;

/**
 * The payments registry, also the path of single payments from payment systems. A payment once
 * received is never rewritten, except that an unconfirmed payment may become confirmed: that is how
 * a payment clears. A confirmed payment going back to unconfirmed is a conflict, not an update.
 */
@Component
class PaymentTable implements RegistryTable<PaymentRow> {

    static final String PAYMENT_ID = "payment_id";
    static final String CUSTOMER_ID = "customer_id";
    static final String INVOICE_ID = "invoice_id";
    static final String PAID_ON = "paid_on";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String STATUS = "status";
    static final String PROVIDER = "provider";

    private final JdbcTemplate jdbc;
    private final BulkInsert bulk;
    private final String ledgerCurrency;
    private final Providers providers;

    PaymentTable(JdbcTemplate jdbc, BulkInsert bulk, @Value("${dunning.ledger.currency:RUB}") String ledgerCurrency,
            Providers providers) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.bulk = bulk;
        this.ledgerCurrency = ledgerCurrency;
    }

    @Override
    public RegistryKind kind() {
        return RegistryKind.PAYMENTS;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(PAYMENT_ID, CUSTOMER_ID, PAID_ON, AMOUNT);
    }

    @Override
    public String id(PaymentRow row) {
        return row.paymentId();
    }

    @Override
    public String customerId(PaymentRow row) {
        return row.customerId();
    }

    @Override
    public PaymentRow read(RowValues values) {
        return new PaymentRow(
                values.requiredId(PAYMENT_ID),
                values.requiredId(CUSTOMER_ID),
                values.optionalId(INVOICE_ID),
                values.date(PAID_ON, true),
                values.amount(AMOUNT),
                values.currency(CURRENCY, ledgerCurrency),
                status(values),
                provider(values));
    }

    private String provider(RowValues values) {
        String provider = values.optionalId(PROVIDER);
        if (provider != null && providers.byId(provider).isEmpty()) {
            values.invalid(PROVIDER, "provider '" + RowValues.echo(provider) + "' is not one of this deployment's"
                    + " providers (" + String.join(", ", providers.all().stream().map(Provider::id).toList())
                    + "); see dunning.providers.list");
            return null;
        }
        return provider;
    }

    private static PaymentRow.Status status(RowValues values) {
        String status = values.optional(STATUS, 64);
        if (status == null) {
            return PaymentRow.Status.CONFIRMED;
        }
        return PaymentRow.Status.of(status).orElseGet(() -> {
            values.invalid(STATUS, "status must be confirmed or unconfirmed, not '" + RowValues.echo(status) + "'");
            return null;
        });
    }

    @Override
    public Map<String, PaymentRow> findStored(Collection<String> ids) {
        return IdLookup.query(jdbc, """
                SELECT payment_id, customer_id, invoice_id, paid_on, amount, currency, status, provider
                FROM payment WHERE payment_id = ANY (?)""", ids, PaymentTable::payment)
                .stream().collect(Collectors.toMap(PaymentRow::paymentId, Function.identity()));
    }

    private static PaymentRow payment(ResultSet rs, int row) throws SQLException {
        return new PaymentRow(rs.getString("payment_id"), rs.getString("customer_id"), rs.getString("invoice_id"),
                rs.getObject("paid_on", LocalDate.class), rs.getBigDecimal("amount"), rs.getString("currency"),
                PaymentRow.Status.of(rs.getString("status")).orElseThrow(), rs.getString("provider"));
    }

    /** The batch's customers must exist, and a named invoice must exist and belong to the payment's customer. */
    @Override
    public ReferenceCheck<PaymentRow> references(List<PaymentRow> rows) {
        Set<String> knownCustomers = KnownCustomers.among(jdbc,
                rows.stream().map(PaymentRow::customerId).collect(Collectors.toSet()));
        Map<String, String> customerOfInvoice = new HashMap<>();
        Map<String, String> serviceOfInvoice = new HashMap<>();
        IdLookup.query(jdbc, "SELECT invoice_id, customer_id, service FROM invoice WHERE invoice_id = ANY (?)",
                rows.stream().map(PaymentRow::invoiceId).filter(Objects::nonNull).collect(Collectors.toSet()),
                (rs, row) -> {
                    customerOfInvoice.put(rs.getString("invoice_id"), rs.getString("customer_id"));
                    return serviceOfInvoice.put(rs.getString("invoice_id"), rs.getString("service"));
                });
        return (row, problems) -> {
            if (!knownCustomers.contains(row.customerId())) {
                problems.add(RowProblem.invalid(CUSTOMER_ID, KnownCustomers.unknown(row.customerId())));
            }
            if (row.invoiceId() != null) {
                String owner = customerOfInvoice.get(row.invoiceId());
                if (owner == null) {
                    problems.add(RowProblem.invalid(INVOICE_ID, "invoice " + row.invoiceId()
                            + " does not exist; import it with the invoices registry first"));
                } else if (!owner.equals(row.customerId())) {
                    problems.add(RowProblem.invalid(INVOICE_ID, "invoice " + row.invoiceId() + " belongs to customer "
                            + owner + ", not to " + row.customerId()));
                } else if (row.provider() != null) {
                    String invoiceProvider = providers.ofService(serviceOfInvoice.get(row.invoiceId()))
                            .map(Provider::id).orElse(null);
                    if (!row.provider().equals(invoiceProvider)) {
                        problems.add(RowProblem.invalid(PROVIDER, "invoice " + row.invoiceId() + " is "
                                + (invoiceProvider == null ? "no provider's" : "provider " + invoiceProvider + "'s")
                                + ", not provider " + row.provider() + "'s"));
                    }
                }
            }
        };
    }

    @Override
    public void checkChange(PaymentRow earlier, PaymentRow later, List<RowProblem> problems) {
        if (!earlier.customerId().equals(later.customerId())) {
            problems.add(conflict(earlier, CUSTOMER_ID, "for customer " + earlier.customerId()));
        }
        if (!Objects.equals(earlier.invoiceId(), later.invoiceId())) {
            problems.add(conflict(earlier, INVOICE_ID,
                    earlier.invoiceId() == null ? "without an invoice" : "for invoice " + earlier.invoiceId()));
        }
        if (!earlier.paidOn().equals(later.paidOn())) {
            problems.add(conflict(earlier, PAID_ON, "as paid on " + earlier.paidOn()));
        }
        if (earlier.amount().compareTo(later.amount()) != 0) {
            problems.add(conflict(earlier, AMOUNT, "with amount " + earlier.amount().toPlainString()));
        }
        if (!Objects.equals(earlier.provider(), later.provider())) {
            problems.add(conflict(earlier, PROVIDER,
                    earlier.provider() == null ? "for no provider" : "for provider " + earlier.provider()));
        }
        if (!Objects.equals(earlier.currency(), later.currency())) {
            problems.add(conflict(earlier, CURRENCY, "in currency " + earlier.currency()));
        }
        if (earlier.status() == PaymentRow.Status.CONFIRMED && later.status() == PaymentRow.Status.UNCONFIRMED) {
            problems.add(RowProblem.conflict(STATUS, "payment " + earlier.paymentId()
                    + " was imported as confirmed; a confirmed payment cannot become unconfirmed"));
        }
    }

    private static RowProblem conflict(PaymentRow earlier, String column, String storedValue) {
        return RowProblem.conflict(column, "payment " + earlier.paymentId() + " was imported " + storedValue
                + "; a correction must come as a new payment");
    }

    @Override
    public void insert(List<PaymentRow> rows, OffsetDateTime now) {
        bulk.insert("payment", List.of("payment_id", "customer_id", "invoice_id", "paid_on", "amount", "currency", "status",
                "received_at", "provider"), rows, payment -> new Object[] {
                    payment.paymentId(), payment.customerId(), payment.invoiceId(), payment.paidOn(), payment.amount(),
                    payment.currency(), payment.status().code(), now, payment.provider()});
    }

    /**
     * The only permitted change is the status (unconfirmed to confirmed). {@code received_at} stays:
     * it tells when the payment first reached the ledger, and confirmation does not move that.
     */
    @Override
    public void update(List<PaymentRow> rows, OffsetDateTime now) {
        jdbc.batchUpdate("UPDATE payment SET status = ? WHERE payment_id = ?", rows, rows.size(), (sql, payment) -> {
            sql.setString(1, payment.status().code());
            sql.setString(2, payment.paymentId());
        });
    }
}
