package dev.dunning.notify;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/notifications}: the outbox, newest first, for the people who work the debts. */
@RestController
class NotificationsApi {

    static final int MAX_LIMIT = 1000;
    private static final List<String> STATUSES = List.of(Notice.PENDING, Notice.SENDING, Notice.SENT, Notice.FAILED,
            Notice.CANCELLED);

    private final NoticeStore store;

    NotificationsApi(NoticeStore store) {
        this.store = store;
    }

    /** Filters apply when given; {@code limit} is 100 by default, and more than 1000 returns 1000. */
    @GetMapping("/api/notifications")
    List<Notice> list(@RequestParam(name = "customer", required = false) String customerId,
            @RequestParam(name = "case", required = false) String caseId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        String wantedStatus = blankToNull(status);
        if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", not '" + wantedStatus + "'");
        }
        return store.search(blankToNull(customerId), blankToNull(caseId), wantedStatus, Math.min(limit, MAX_LIMIT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
