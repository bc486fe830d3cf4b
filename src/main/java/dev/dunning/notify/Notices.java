package dev.dunning.notify;

import org.springframework.stereotype.Service;

/** The outbox: notices are written in the caller's transaction and delivered later, with retries. */
@Service
public class Notices {

    /** Renders and stores a notice in the current transaction; returns its id. Delivery happens later. */
    public String compose(NoticeRequest request) {
        throw new UnsupportedOperationException("notify module is being written");
    }

    /** Cancels the notices of a case that were not delivered yet (the debt was paid); returns how many. */
    public int cancelPending(String caseId) {
        throw new UnsupportedOperationException("notify module is being written");
    }
}
