package dev.dunning.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;

/**
 * How the debt queries split a customer's debt into the parts that are worked: all of it as one ({@code ''}), or,
 * where providers are worked separately, one part per provider (their services' invoices, the payments naming them or
 * their invoices, the freezes of their cases) and {@code ''} for what no provider billed.
 * <p>
 * Allocation when worked separately: a payment naming an invoice pays it, and what it overpays stays with the
 * invoice's provider; a payment naming a provider pays that provider's oldest invoices; a payment naming neither pays
 * the oldest invoices left, whoever billed them. So money given to one provider never settles another's debt.
 */
final class DebtScopes {

    /** The scope of a customer's whole debt, and of what no provider billed. */
    static final String WHOLE = "";

    private final Providers providers;

    DebtScopes(Providers providers) {
        this.providers = providers;
    }

    boolean separate() {
        return providers.workSeparately();
    }

    /** Fills a debt query's scope placeholders; {@code separate} false works every customer's debt as one. */
    String apply(String sql, boolean separate, MapSqlParameterSource params) {
        if (!separate) {
            return sql.replace("%DEBT_SCOPES%", "VALUES (CAST('' AS VARCHAR(64)), CAST(NULL AS VARCHAR(128)))")
                    .replace("%SCOPE_PLAN%", "%PLAN%")
                    .replace("%SCOPE_OF_SERVICE_IV%", "CAST('' AS VARCHAR(64))")
                    .replace("%OVERPAID_TO_PROVIDER%", "GREATEST(i.paid - i.amount, 0)")
                    .replace("%OVERPAID_TO_COMMON%", "CAST(0 AS NUMERIC(19,2))")
                    .replace("%SCOPE_OF_PAYMENT%", "CAST('' AS VARCHAR(64))")
                    .replace("%SCOPE_OF_UNCONFIRMED%", "CAST('' AS VARCHAR(64))")
                    .replace("%SCOPE_OF_FREEZE%", "CAST('' AS VARCHAR(64))")
                    .replace("%PROVIDER_POOL%", "p.amount")
                    .replace("%COMMON_POOL%", "CAST(0 AS NUMERIC(19,2))")
                    .replace("%ALLOCATION%", ONE_POOL);
        }
        List<Provider> all = providers.all();
        StringBuilder scopes = new StringBuilder("VALUES (CAST('' AS VARCHAR(64)), CAST(NULL AS VARCHAR(128)))");
        StringBuilder ofService = new StringBuilder("CASE WHEN 1 = 0 THEN CAST(NULL AS VARCHAR(64))");
        for (int index = 0; index < all.size(); index++) {
            Provider provider = all.get(index);
            params.addValue("scope" + index, provider.id());
            params.addValue("scopePlan" + index, provider.plan());
            params.addValue("scopeServices" + index, provider.services());
            scopes.append(", (CAST(:scope").append(index).append(" AS VARCHAR(64)), CAST(:scopePlan").append(index)
                    .append(" AS VARCHAR(128)))");
            ofService.append(" WHEN %S.service IN (:scopeServices").append(index).append(") THEN CAST(:scope")
                    .append(index).append(" AS VARCHAR(64))");
        }
        String providerOf = ofService.append(" END").toString();
        return sql.replace("%DEBT_SCOPES%", scopes)
                .replace("%SCOPE_PLAN%", "COALESCE(ds.plan_key, %PLAN%)")
                .replace("%SCOPE_OF_SERVICE_IV%", "COALESCE(" + providerOf.replace("%S", "iv") + ", '')")
                // what overpays an invoice no provider billed is nobody's: it joins the common pool
                .replace("%OVERPAID_TO_PROVIDER%", "CASE WHEN i.scope = '' THEN 0 ELSE GREATEST(i.paid - i.amount, 0) END")
                .replace("%OVERPAID_TO_COMMON%", "CASE WHEN i.scope = '' THEN GREATEST(i.paid - i.amount, 0) ELSE 0 END")
                .replace("%SCOPE_OF_PAYMENT%", "COALESCE(p.provider, '')")
                .replace("%SCOPE_OF_UNCONFIRMED%", "COALESCE(p.provider, (SELECT " + providerOf.replace("%S", "iu")
                        + " FROM invoice iu WHERE iu.invoice_id = p.invoice_id), '')")
                .replace("%SCOPE_OF_FREEZE%", "COALESCE(f.provider, (SELECT " + providerOf.replace("%S", "ifz")
                        + " FROM invoice ifz WHERE ifz.invoice_id = f.invoice_id), '')")
                .replace("%PROVIDER_POOL%", "CASE WHEN p.provider IS NULL THEN 0 ELSE p.amount END")
                .replace("%COMMON_POOL%", "CASE WHEN p.provider IS NULL THEN p.amount ELSE 0 END")
                .replace("%ALLOCATION%", TWO_POOLS);
    }

    /** Every scope a customer may have debt in, {@link #WHOLE} first. */
    List<String> scopes() {
        List<String> scopes = new ArrayList<>(List.of(WHOLE));
        if (separate()) {
            providers.all().forEach(provider -> scopes.add(provider.id()));
        }
        return scopes;
    }

    /** The scope of an invoice of this service where providers are worked separately. */
    String scopeOfService(String service) {
        return providers.ofService(service).map(Provider::id).orElse(WHOLE);
    }

    static String scopeOf(String provider) {
        return provider == null ? WHOLE : provider;
    }

    static String providerOf(String scope) {
        return scope == null || scope.isEmpty() ? null : scope;
    }

    /** One pool per customer: payments and overpayments pay the oldest invoices first. */
    private static final String ONE_POOL = """
            allocated AS (
                SELECT e.*,
                       SUM(e.to_pool) OVER (PARTITION BY e.customer_id) AS pool,
                       SUM(e.after_named) OVER (PARTITION BY e.customer_id ORDER BY e.due_on, e.invoice_id
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                       MAX(e.real_cutoff) OVER (PARTITION BY e.customer_id) AS cutoff
                FROM entries e
            ),
            opened AS (
                SELECT a.*,
                       CASE WHEN a.entry = 'I' THEN GREATEST(0, LEAST(a.after_named, a.running - a.pool)) ELSE 0 END
                           AS open_amount
                FROM allocated a
            ),
            """;

    /**
     * A pool per provider first (overpaid invoices, payments naming the provider), then the common pool of payments
     * naming nobody over what is left, oldest first.
     */
    private static final String TWO_POOLS = """
            allocated AS (
                SELECT e.*,
                       SUM(e.to_pool) OVER (PARTITION BY e.customer_id, e.scope) AS pool,
                       SUM(e.after_named) OVER (PARTITION BY e.customer_id, e.scope ORDER BY e.due_on, e.invoice_id
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                       MAX(e.real_cutoff) OVER (PARTITION BY e.customer_id, e.scope) AS cutoff,
                       SUM(e.to_common) OVER (PARTITION BY e.customer_id) AS common_pool
                FROM entries e
            ),
            provider_opened AS (
                SELECT a.*,
                       CASE WHEN a.entry = 'I' THEN GREATEST(0, LEAST(a.after_named, a.running - a.pool)) ELSE 0 END
                           AS provider_open
                FROM allocated a
            ),
            opened AS (
                SELECT po.*,
                       CASE WHEN po.entry = 'I'
                            THEN GREATEST(0, LEAST(po.provider_open,
                                                   SUM(po.provider_open) OVER (PARTITION BY po.customer_id
                                                                               ORDER BY po.due_on, po.invoice_id
                                                                               ROWS BETWEEN UNBOUNDED PRECEDING
                                                                                        AND CURRENT ROW)
                                                   - po.common_pool))
                            ELSE 0 END AS open_amount
                FROM provider_opened po
            ),
            """;

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
