package dev.dunning.notify;

import java.util.Map;

/**
 * Makes the signed links a notice carries so that the debtor can answer without logging in: {@code confirm}
 * (I will pay by a date), {@code postpone}, {@code dispute}, and {@code unsubscribe} (from this channel).
 * Templates see them as {@code links.confirm} and so on.
 */
public interface NoticeLinks {

    /**
     * @param caseId null for a notice outside a case: then only {@code unsubscribe} is made
     */
    Map<String, String> linksFor(String noticeId, String customerId, String caseId, String channel);
}
