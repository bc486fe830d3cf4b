package dev.dunning.ledger;

import java.math.BigDecimal;

/**
 * What a group's plan choice (its decision table) is given about one customer, with the debt worked out under the
 * group's master plan.
 *
 * @param amount         real debt
 * @param unpaidInvoices invoices with something unpaid in the real debt
 * @param service        the service of the real debt's invoices; {@link #MIXED} when they are of several, null when
 *                       none names one
 * @param building       the customer's building, as the registry gives it
 */
public record PlanChoiceInput(String customerId, BigDecimal amount, int unpaidInvoices, String service, String building) {

    public static final String MIXED = "mixed";
}
