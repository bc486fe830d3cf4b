package dev.dunning.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.timeline.Timeline;

/**
 * Delivers the notices that are due, on any number of nodes at once. A node claims a notice with a
 * conditional update (only one node's update hits the row), sends it with no database transaction open
 * (a slow mail server must not hold locks or connections), then records the outcome. A failed attempt is
 * retried on the {@link RetrySchedule}; a node that dies while sending leaves the notice claimed only
 * until its lease ends, after which it is due again.
 */
@Component
class Outbox implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final NoticeStore store;
    private final Channels channels;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final RetrySchedule retries;
    private final Duration lease;
    private final int batchSize;

    Outbox(NoticeStore store, Channels channels, Timeline timeline, BusinessClock clock,
            PlatformTransactionManager transactions, NotifyProperties properties) {
        this.store = store;
        this.channels = channels;
        this.timeline = timeline;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.retries = RetrySchedule.of(properties);
        this.lease = properties.sendingLease();
        this.batchSize = properties.batchSize();
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return store.earliestDue();
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void runDue(Instant now) {
        List<String> due;
        boolean claimedAny;
        do {
            due = store.dueIds(now, batchSize);
            claimedAny = false;
            for (String noticeId : due) {
                if (store.claim(noticeId, now, now.plus(lease))) {
                    claimedAny = true;
                    store.find(noticeId).ifPresent(this::deliver);
                }
            }
        } while (due.size() == batchSize && claimedAny);
    }

    private void deliver(Notice notice) {
        int attempt = notice.attempts() + 1;
        try {
            channels.named(notice.channel())
                    .orElseThrow(() -> new IllegalStateException("channel " + notice.channel() + " is not enabled"))
                    .send(new OutgoingNotice(notice.noticeId(), notice.noticeId(), notice.customerId(), notice.caseId(),
                            notice.channel(), notice.template(), notice.locale(), notice.recipient(), notice.subject(),
                            notice.body(), null, null, null));
        } catch (RuntimeException e) {
            failed(notice, attempt, DeliveryErrors.summary(e));
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (store.markSent(notice.noticeId(), attempt, clock.now())) {
                timeline.record(notice.customerId(), notice.caseId(), "notice-sent", Timeline.SYSTEM, what(notice));
            }
        });
    }

    private void failed(Notice notice, int attempt, String error) {
        Optional<Duration> delay = retries.delayAfter(attempt);
        if (delay.isPresent()) {
            Instant next = clock.now().plus(delay.get());
            if (store.retryLater(notice.noticeId(), attempt, error, next)) {
                log.warn("Notice {} ({}) failed on attempt {}, next attempt at {}: {}", notice.noticeId(), what(notice),
                        attempt, next, error);
            }
            return;
        }
        boolean gaveUp = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!store.markFailed(notice.noticeId(), attempt, error)) {
                return false;
            }
            timeline.record(notice.customerId(), notice.caseId(), "notice-failed", Timeline.SYSTEM,
                    what(notice) + " failed after " + attempt + " attempts");
            return true;
        }));
        if (gaveUp) {
            log.error("Notice {} ({}) failed after {} attempts and will not be retried: {}", notice.noticeId(),
                    what(notice), attempt, error);
        }
    }

    /** Ids and names only: this goes to the timeline and the log. */
    private static String what(Notice notice) {
        return notice.template() + " by " + notice.channel();
    }
}
