package dev.dunning.notify;

import java.util.List;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/notifications}: the outbox, newest first, for the people who work the debts. */
@RestController
class NotificationsApi {

    static final int MAX_LIMIT = 1000;
    private static final List<String> STATUSES = Notice.STATUSES;

    private final NoticeStore store;
    private final Notices notices;

    NotificationsApi(NoticeStore store, Notices notices) {
        this.store = store;
        this.notices = notices;
    }

    /** What {@code POST /api/notifications/{id}/resend} takes: another channel, or none for the same one. */
    record ResendRequest(String channel) {
    }

    record Resent(String noticeId, String resendOf) {
    }

    /** An admin sends a failed, uncertain or suppressed notice again, as a new notice. */
    @PostMapping("/api/notifications/{id}/resend")
    @ResponseStatus(HttpStatus.CREATED)
    Resent resend(@PathVariable("id") String noticeId, @RequestBody(required = false) ResendRequest request,
            Principal user) {
        return new Resent(notices.resend(noticeId, request == null ? null : request.channel(), user.getName()), noticeId);
    }

    /** One notice. */
    @GetMapping("/api/notifications/{id}")
    Notice one(@PathVariable("id") String noticeId) {
        return store.find(noticeId).orElseThrow(() -> new java.util.NoSuchElementException("no notice " + noticeId));
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
