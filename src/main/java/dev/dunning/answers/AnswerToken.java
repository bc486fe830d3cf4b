package dev.dunning.answers;

import java.time.Instant;

/**
 * What an answer link carries, signed: who may answer which notice how, on which channel, until when.
 *
 * @param caseId    null only for an unsubscribe link of a notice outside a case
 * @param expiresAt business time after which the link no longer works (whole seconds)
 */
record AnswerToken(String noticeId, String customerId, String caseId, DebtorAction action, String channel,
        Instant expiresAt) {

    AnswerToken {
        if (noticeId == null || noticeId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("an answer link needs a notice id and a customer id");
        }
        if (action == null || channel == null || channel.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException("an answer link needs an action, a channel and an expiry");
        }
        if (action.answersTheDebt() && caseId == null) {
            throw new IllegalArgumentException("a " + action.code() + " link needs the notice's case");
        }
    }

    /** True once business time has passed the link's expiry. */
    boolean expiredAt(Instant now) {
        return now.isAfter(expiresAt);
    }
}
