package dev.dunning.answers;

import java.time.LocalDate;

/**
 * A debtor's answer to one notice, as {@link DebtorAnswers#answer} takes it.
 *
 * @param caseId  the notice's case; required for every action but unsubscribe
 * @param channel the channel the notice came by (the one an unsubscribe is for)
 * @param date    the date for confirm (pay by) and postpone (pay by, later); null otherwise
 * @param comment why the debtor disputes the debt; null otherwise
 * @param source  how the answer came: {@code link}, {@code one-click} (RFC 8058), {@code telegram}
 * @param tokenId the signed link's id when the answer came through a link, else null
 */
public record DebtorAnswer(String noticeId, String customerId, String caseId, DebtorAction action, String channel,
        LocalDate date, String comment, String source, String tokenId) {
}
