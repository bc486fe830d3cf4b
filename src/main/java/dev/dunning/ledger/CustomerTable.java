package dev.dunning.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dunning.plans.PlanCatalog;

/** The customers registry: any change of a stored customer is an update. */
@Component
class CustomerTable implements RegistryTable<Customer> {

    static final String CUSTOMER_ID = "customer_id";
    static final String NAME = "name";
    static final String GROUP = "group";
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String TELEGRAM_CHAT_ID = "telegram_chat_id";
    static final String LOCALE = "locale";
    static final String TIME_ZONE = "time_zone";
    static final String PLAN = "plan";
    static final String ADDRESS = "address";
    static final String BUILDING = "building";

    /** The languages notices are written in. */
    static final Set<String> LOCALES = Set.of("ru", "en");

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE_DECORATION = Pattern.compile("[\\s\\-()]");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\d{7,15}");

    private final JdbcTemplate jdbc;
    private final BulkInsert bulk;
    private final GroupPlans groups;
    private final PlanCatalog plans;
    /** Deployed plans stay deployed, so a plan once found need not be asked for again; misses are asked again. */
    private final Set<String> knownPlans = ConcurrentHashMap.newKeySet();

    CustomerTable(JdbcTemplate jdbc, BulkInsert bulk, GroupPlans groups, PlanCatalog plans) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.groups = groups;
        this.plans = plans;
    }

    @Override
    public RegistryKind kind() {
        return RegistryKind.CUSTOMERS;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(CUSTOMER_ID, NAME, GROUP);
    }

    @Override
    public String id(Customer row) {
        return row.customerId();
    }

    @Override
    public String customerId(Customer row) {
        return row.customerId();
    }

    @Override
    public Customer read(RowValues values) {
        String id = values.requiredId(CUSTOMER_ID);
        String name = values.required(NAME, 300);
        String group = group(values);
        return new Customer(
                id,
                name,
                group,
                email(values),
                phone(values),
                values.optional(TELEGRAM_CHAT_ID, 64),
                locale(values),
                timeZone(values),
                plan(values, group),
                values.optional(ADDRESS, 500),
                values.optional(BUILDING, 128));
    }

    private String group(RowValues values) {
        String group = values.required(GROUP, 64);
        if (group != null && !groups.names().contains(group)) {
            values.invalid(GROUP, "group must be one of " + String.join(", ", groups.names().stream().sorted().toList())
                    + ", not '" + RowValues.echo(group) + "'");
            return null;
        }
        return group;
    }

    private static String email(RowValues values) {
        String email = values.optional(EMAIL, 254);
        if (email != null && !EMAIL_ADDRESS.matcher(email).matches()) {
            values.invalid(EMAIL, "email is not an address like name@example.org");
            return null;
        }
        return email;
    }

    /** Stored as digits with an optional leading +, so the same number written differently is the same number. */
    private static String phone(RowValues values) {
        String phone = values.optional(PHONE, 64);
        if (phone == null) {
            return null;
        }
        String digits = PHONE_DECORATION.matcher(phone).replaceAll("");
        if (!PHONE_NUMBER.matcher(digits).matches()) {
            values.invalid(PHONE, "phone must have 7 to 15 digits with an optional leading + (spaces, dashes and brackets are ignored)");
            return null;
        }
        return digits;
    }

    private static String locale(RowValues values) {
        String locale = values.optional(LOCALE, 16);
        if (locale == null) {
            return null;
        }
        String language = locale.toLowerCase(Locale.ROOT);
        if (!LOCALES.contains(language)) {
            values.invalid(LOCALE, "locale must be one of " + String.join(", ", LOCALES.stream().sorted().toList())
                    + ", not '" + RowValues.echo(locale) + "'");
            return null;
        }
        return language;
    }

    private static String timeZone(RowValues values) {
        String zone = values.optional(TIME_ZONE, 64);
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            values.invalid(TIME_ZONE, "time_zone must be a zone like Europe/Moscow, not '" + RowValues.echo(zone) + "'");
            return null;
        }
    }

    /** A customer's own plan must be deployed and one of the plans their group allows. */
    private String plan(RowValues values, String group) {
        String plan = values.optional(PLAN, 128);
        if (plan == null) {
            return null;
        }
        if (!knownPlans.contains(plan)) {
            if (!plans.exists(plan)) {
                values.invalid(PLAN, "plan '" + RowValues.echo(plan) + "' is not deployed");
                return null;
            }
            knownPlans.add(plan);
        }
        if (group != null && !groups.allows(group, plan)) {
            values.invalid(PLAN, "plan '" + RowValues.echo(plan) + "' is not allowed for group '" + group
                    + "' (allowed: " + String.join(", ", groups.allowedPlans(group)) + ")");
            return null;
        }
        return plan;
    }

    @Override
    public Map<String, Customer> findStored(Collection<String> ids) {
        return IdLookup.query(jdbc, """
                SELECT customer_id, name, group_name, email, phone, telegram_chat_id, locale, time_zone, plan, address, building
                FROM customer WHERE customer_id = ANY (?)""", ids, CustomerTable::customer)
                .stream().collect(Collectors.toMap(Customer::customerId, Function.identity()));
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getString("customer_id"), rs.getString("name"), rs.getString("group_name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("telegram_chat_id"), rs.getString("locale"),
                rs.getString("time_zone"), rs.getString("plan"), rs.getString("address"), rs.getString("building"));
    }

    @Override
    public ReferenceCheck<Customer> references(List<Customer> rows) {
        return ReferenceCheck.none();
    }

    @Override
    public void checkChange(Customer earlier, Customer later, List<RowProblem> problems) {
        // the registry is the master of customer data: every change is taken, except a move to a group that
        // does not allow the plan an analyst put the customer on (they decide first: lift or change the override)
        if (earlier.group().equals(later.group())) {
            return;
        }
        jdbc.query("SELECT plan_key FROM plan_override WHERE customer_id = ?", (java.sql.ResultSet rs) -> {
            String override = rs.getString(1);
            if (!groups.allows(later.group(), override)) {
                problems.add(RowProblem.invalid(GROUP, "customer is on plan '" + override + "' by an analyst's override,"
                        + " which group '" + later.group() + "' does not allow (allowed: "
                        + String.join(", ", groups.allowedPlans(later.group())) + "); lift the override first"
                        + " (DELETE /api/plans/overrides/" + later.customerId() + ") or allow the plan for the group"));
            }
        }, later.customerId());
    }

    @Override
    public void insert(List<Customer> rows, OffsetDateTime now) {
        bulk.insert("customer", List.of("customer_id", "name", "group_name", "email", "phone", "telegram_chat_id", "locale",
                "time_zone", "plan", "address", "building", "updated_at"), rows, customer -> new Object[] {
                    customer.customerId(), customer.name(), customer.group(), customer.email(), customer.phone(),
                    customer.telegramChatId(), customer.locale(), customer.timeZone(), customer.plan(), customer.address(),
                    customer.building(), now});
    }

    @Override
    public void update(List<Customer> rows, OffsetDateTime now) {
        jdbc.batchUpdate("""
                UPDATE customer SET name = ?, group_name = ?, email = ?, phone = ?, telegram_chat_id = ?, locale = ?,
                                    time_zone = ?, plan = ?, address = ?, building = ?, updated_at = ?
                WHERE customer_id = ?""", rows, rows.size(), (sql, customer) -> {
            sql.setString(1, customer.name());
            sql.setString(2, customer.group());
            sql.setString(3, customer.email());
            sql.setString(4, customer.phone());
            sql.setString(5, customer.telegramChatId());
            sql.setString(6, customer.locale());
            sql.setString(7, customer.timeZone());
            sql.setString(8, customer.plan());
            sql.setString(9, customer.address());
            sql.setString(10, customer.building());
            sql.setObject(11, now);
            sql.setString(12, customer.customerId());
        });
    }
}
