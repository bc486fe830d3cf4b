package dev.dunning.inbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A task in an inbox, with the case it belongs to, what makes it urgent and the form to answer it.
 *
 * @param amount      the customer's conditional debt
 * @param oldestDueOn the due date of the customer's oldest unpaid invoice
 * @param promiseDue  the date the debtor had promised to pay by, when the task follows a promise
 */
public record TaskView(
        String id,
        String name,
        String activityId,
        String caseId,
        String customerId,
        String customerName,
        String stage,
        String assignee,
        int priority,
        BigDecimal amount,
        LocalDate oldestDueOn,
        LocalDate promiseDue,
        Instant createdAt,
        Instant dueAt,
        Instant followUpAt,
        FormDefinition form) {
}
