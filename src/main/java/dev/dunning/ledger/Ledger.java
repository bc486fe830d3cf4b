package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.providers.Providers;

/** What other features may ask the ledger: who a customer is and what they owe. */
@Service
public class Ledger {

    /** Customers per statement when a set of ids is asked for; keeps parameter lists small. */
    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final DebtQuery debts;
    private final DueQuery dues;
    private final StatementQuery statements;
    private final BusinessClock clock;
    private final ObjectProvider<PlanCatalog> plans;
    private final ObjectProvider<GroupPlans> groups;
    private final DebtScopes scopes;

    Ledger(JdbcClient jdbc, javax.sql.DataSource dataSource, BusinessClock clock, ObjectProvider<PlanCatalog> plans,
            ObjectProvider<GroupPlans> groups, Providers providers) {
        this.jdbc = jdbc;
        this.scopes = new DebtScopes(providers);
        // Stream large results instead of buffering them (PostgreSQL needs a fetch size inside a transaction).
        var streaming = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        this.debts = new DebtQuery(new NamedParameterJdbcTemplate(streaming), scopes);
        this.dues = new DueQuery(new NamedParameterJdbcTemplate(streaming), scopes);
        this.statements = new StatementQuery(jdbc);
        this.clock = clock;
        this.plans = plans;
        this.groups = groups;
    }

    public Optional<Customer> customer(String customerId) {
        return jdbc.sql("""
                SELECT customer_id, name, group_name AS "group", email, phone, telegram_chat_id, locale, time_zone,
                       plan, address, building
                FROM customer WHERE customer_id = :id""")
                .param("id", customerId)
                .query(Customer.class)
                .optional();
    }

    /** Everything the customer paid (confirmed or not) on or after {@code day}. */
    public java.math.BigDecimal paidSince(String customerId, java.time.LocalDate day) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment WHERE customer_id = :customer AND paid_on >= :day")
                .param("customer", customerId)
                .param("day", day)
                .query(java.math.BigDecimal.class)
                .single();
    }

    /** Today's debt of one customer; throws when the customer is unknown. */
    public DebtSummary debtOf(String customerId) {
        return debtOf(List.of(customerId)).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
    }

    /** Today's whole debt of these customers (unknown ids are left out), whatever parts it is worked in. */
    @Transactional(readOnly = true)
    public List<DebtSummary> debtOf(Collection<String> customerIds) {
        List<DebtSummary> parts = debtPartsOf(customerIds);
        if (!scopes.separate()) {
            return parts;
        }
        Map<String, List<DebtSummary>> byCustomer = new java.util.LinkedHashMap<>();
        parts.forEach(part -> byCustomer.computeIfAbsent(part.customerId(), id -> new ArrayList<>()).add(part));
        return byCustomer.values().stream().map(DebtSummary::whole).toList();
    }

    /**
     * Today's debt of these customers in the parts it is worked in: one per customer, or, where providers are worked
     * separately, one per provider that billed them and one ({@code provider} null) for what no provider billed.
     */
    @Transactional(readOnly = true)
    public List<DebtSummary> debtPartsOf(Collection<String> customerIds) {
        List<String> ids = List.copyOf(customerIds);
        List<DebtSummary> result = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            result.addAll(debts.list(clock.today(), planRules(), masterPlans(),
                    ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
        return result;
    }

    /**
     * The part of the customer's debt a case works: the provider's part for a provider's case ({@code provider}
     * given, providers worked separately), else what no provider billed where providers are worked separately, else
     * the whole debt. Throws when the customer is unknown.
     */
    public DebtSummary debtOf(String customerId, String provider) {
        if (!scopes.separate()) {
            return debtOf(customerId);
        }
        return debtPartsOf(List.of(customerId)).stream()
                .filter(part -> java.util.Objects.equals(part.provider(), provider))
                .findFirst()
                .orElseGet(() -> {
                    DebtSummary whole = debtOf(customerId);
                    BigDecimal zero = BigDecimal.ZERO.setScale(2);
                    // the provider billed nothing (any more): nothing of theirs is owed
                    return new DebtSummary(customerId, whole.planKey(), whole.minimumAmount(), zero, zero,
                            new DebtSummary.Frozen(zero, zero, zero, zero), zero, null, null, provider);
                });
    }

    /** Whether each provider's debt is worked in cases of its own. */
    public boolean worksProvidersSeparately() {
        return scopes.separate();
    }

    DebtScopes scopes() {
        return scopes;
    }

    /**
     * Streams, smallest conditional debt first, every customer whose debt is worth working under
     * their plan today, leaving out those matching {@code unlessSql}: an SQL condition owned by the
     * caller over the result row {@code s} (columns {@code customer_id}, {@code newest_due_on}, ...).
     */
    @Transactional(readOnly = true)
    public void forEachWorthWorking(String unlessSql, Consumer<DebtSummary> each) {
        String condition = "s.real_debt > 0 AND s.minimum_amount IS NOT NULL"
                + " AND s.real_debt - LEAST(s.real_debt, s.dispute + s.promise + s.installment + s.unconfirmed) >= s.minimum_amount"
                + (unlessSql == null ? "" : " AND NOT (" + unlessSql + ")")
                + " ORDER BY conditional_debt, s.customer_id";
        debts.forEach(clock.today(), planRules(), masterPlans(), null, condition, Map.of(), each);
    }

    /**
     * Streams, by date and customer, what customers of these groups still have to pay on each day from
     * {@code from} to {@code to} (see {@link AmountDue}), leaving out rows matching any of {@code unless}: SQL
     * conditions owned by the caller over the row {@code d} (columns {@code customer_id}, {@code group_name},
     * {@code due_on}). They are applied before amounts are worked out, so that a day's run costs little for
     * the customers and dates it leaves out; each becomes an {@code AND NOT (...)}, so that the database can
     * turn a {@code NOT EXISTS} into an anti-join.
     */
    @Transactional(readOnly = true)
    public void forEachAmountDue(LocalDate from, LocalDate to, Collection<String> groups, Collection<String> unless,
            Consumer<AmountDue> each) {
        if (groups.isEmpty() || to.isBefore(from)) {
            return;
        }
        StringBuilder condition = new StringBuilder("d.group_name IN (:groups)");
        unless.forEach(excluded -> condition.append(" AND NOT (").append(excluded).append(")"));
        dues.forEachInWindow(clock.today(), from, to, condition.toString(), Map.of("groups", List.copyOf(groups)), each);
    }

    /** What the customer still has to pay on {@code dueOn}: zero when nothing (any more). */
    public BigDecimal amountDue(String customerId, LocalDate dueOn) {
        return dues.ofCustomer(clock.today(), customerId, dueOn, dueOn, 1).stream()
                .map(AmountDue::amount).findFirst().orElse(BigDecimal.ZERO);
    }

    /**
     * The customer's invoices with something still to pay, oldest due first, allocating payments as the debt
     * is worked out: confirmed payments naming an invoice pay it first; the rest, and what those overpay, pay
     * the oldest invoices first (where providers are worked separately, a provider's money pays that provider's
     * invoices first; see {@link DebtScopes}). Unconfirmed payments pay nothing yet.
     */
    public List<OpenInvoice> openInvoices(String customerId) {
        record Billed(String invoiceId, String contract, String service, LocalDate dueOn, BigDecimal amount,
                BigDecimal paidByName, String scope) {
        }
        boolean separate = scopes.separate();
        List<Billed> billed = jdbc.sql("""
                SELECT i.invoice_id, i.contract, i.service, i.due_on, i.amount,
                       COALESCE((SELECT SUM(p.amount) FROM payment p
                                 WHERE p.invoice_id = i.invoice_id AND p.status = 'confirmed'), 0) AS paid
                FROM invoice i WHERE i.customer_id = :customer
                ORDER BY i.due_on, i.invoice_id""")
                .param("customer", customerId)
                .query((rs, row) -> new Billed(rs.getString("invoice_id"), rs.getString("contract"),
                        rs.getString("service"), rs.getObject("due_on", LocalDate.class), rs.getBigDecimal("amount"),
                        rs.getBigDecimal("paid"), separate ? scopes.scopeOfService(rs.getString("service"))
                                : DebtScopes.WHOLE))
                .list();
        Map<String, BigDecimal> pools = new HashMap<>();
        jdbc.sql("""
                SELECT provider, SUM(amount) AS amount FROM payment
                WHERE customer_id = :customer AND status = 'confirmed' AND invoice_id IS NULL
                GROUP BY provider""")
                .param("customer", customerId)
                .query((rs, row) -> pools.merge(separate ? DebtScopes.scopeOf(rs.getString("provider"))
                        : DebtScopes.WHOLE, rs.getBigDecimal("amount"), BigDecimal::add))
                .list();
        // the pool of scope '' is the common one: money naming nobody, and what overpays invoices nobody else billed
        for (Billed invoice : billed) {
            pools.merge(invoice.scope(), invoice.paidByName().subtract(invoice.amount()).max(BigDecimal.ZERO),
                    BigDecimal::add);
        }
        Map<String, BigDecimal> owed = new java.util.LinkedHashMap<>();
        for (Billed invoice : billed) {
            BigDecimal left = invoice.amount().subtract(invoice.paidByName().min(invoice.amount()));
            if (!invoice.scope().equals(DebtScopes.WHOLE)) {
                BigDecimal pool = pools.getOrDefault(invoice.scope(), BigDecimal.ZERO);
                BigDecimal fromPool = left.min(pool);
                pools.put(invoice.scope(), pool.subtract(fromPool));
                left = left.subtract(fromPool);
            }
            owed.put(invoice.invoiceId(), left);
        }
        BigDecimal common = pools.getOrDefault(DebtScopes.WHOLE, BigDecimal.ZERO);
        List<OpenInvoice> open = new ArrayList<>();
        for (Billed invoice : billed) {
            BigDecimal left = owed.get(invoice.invoiceId());
            BigDecimal fromCommon = left.min(common);
            common = common.subtract(fromCommon);
            left = left.subtract(fromCommon);
            if (left.signum() > 0) {
                open.add(new OpenInvoice(invoice.invoiceId(), invoice.contract(), invoice.service(), invoice.dueOn(),
                        invoice.amount(), left));
            }
        }
        return open;
    }

    /** The customer's open invoices of one part of their debt (see {@link #debtOf(String, String)}). */
    public List<OpenInvoice> openInvoices(String customerId, String provider) {
        if (!scopes.separate()) {
            return openInvoices(customerId);
        }
        String scope = DebtScopes.scopeOf(provider);
        return openInvoices(customerId).stream()
                .filter(invoice -> scopes.scopeOfService(invoice.service()).equals(scope))
                .toList();
    }

    /**
     * The customer's statement of account: every invoice with what was paid of it and what is outstanding, every
     * payment with the invoices it paid, allocated as {@link #debtOf} allocates them. Empty for an unknown customer.
     */
    public Statement statement(String customerId) {
        return scopes.separate() ? new ProviderStatement(jdbc, scopes).of(customerId) : statements.of(customerId);
    }

    /** The next date, today or later, on which the customer has something to pay, and how much. */
    public Optional<AmountDue> nextDue(String customerId) {
        return dues.ofCustomer(clock.today(), customerId, clock.today(), null, 1).stream().findFirst();
    }

    /**
     * Streams the inputs of a plan choice for the customers of {@code group} matching {@code customerSql} (an SQL
     * condition owned by the caller over {@code customer c}, with its own {@code params}), their debt worked out under
     * the group's master plan. One pass of the debt query for the whole group.
     */
    @Transactional(readOnly = true)
    public void forEachChoiceInput(String group, String customerSql, Map<String, Object> params,
            Consumer<PlanChoiceInput> each) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("choiceGroup", group);
        debts.forEachChoiceInput(clock.today(), planRules(), masterPlans(),
                "c.group_name = :choiceGroup AND (" + customerSql + ")", all, each);
    }

    List<PlanRule> planRules() {
        return plans.getObject().latestOfEach().stream()
                .map(plan -> new PlanRule(plan.key(), plan.graceDays(), plan.minimumAmount()))
                .toList();
    }

    Map<String, String> masterPlans() {
        return groups.getObject().masterPlans();
    }
}
