package dev.dunning.answers;

import java.time.LocalDate;

/**
 * Published, in the answer's transaction, when a debtor confirmed a payment date, asked to postpone, or
 * disputed the debt.
 *
 * @param action  {@code confirm}, {@code postpone} or {@code dispute}
 * @param date    the date to pay by (confirm, postpone); null for a dispute
 * @param comment the dispute's comment (personal data: never log it); null otherwise
 */
public record DebtorAnswered(String customerId, String caseId, String noticeId, String action, LocalDate date,
        String comment) {
}
