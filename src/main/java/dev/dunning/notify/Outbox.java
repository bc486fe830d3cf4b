package dev.dunning.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.contact.ContactAttempt;
import dev.dunning.contact.ContactDecision;
import dev.dunning.contact.ContactKind;
import dev.dunning.contact.ContactRules;
import dev.dunning.payments.PaymentOffer;
import dev.dunning.payments.Payments;
import dev.dunning.timeline.Timeline;

/**
 * Delivers the notices that are due, on any number of nodes at once, in batches:
 * <ol>
 * <li>one transaction claims the due notices (a conditional update: only one node's update hits a row) and puts
 * them before the contact rules, which defer a notice to the next allowed moment or suppress it (opt-out);</li>
 * <li>the admitted ones go to their channels with no transaction open (a slow gateway must not hold locks),
 * several at a time;</li>
 * <li>one transaction records the outcomes: sent, retried later on the {@link RetrySchedule}, moved to the step's
 * next channel, or failed.</li>
 * </ol>
 * A node that stops while sending leaves its notices claimed until their lease ends. The outbox cannot know
 * whether those reached the provider, so it never sends them blindly again: a channel whose provider drops
 * repeated dedupe keys gets them again, any other marks them {@code uncertain} for a person to decide.
 */
@Component
class Outbox implements DueWork, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final NoticeStore store;
    private final Channels channels;
    private final ChannelFallback fallback;
    private final NoticeRendering rendering;
    private final ContactRules rules;
    private final ObjectProvider<NoticePdf> pdf;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final RetrySchedule retries;
    private final Duration lease;
    private final int batchSize;
    private final ExecutorService senders;
    private final ExecutorService recorders;
    private final NoticeMetrics metrics;
    private final ChannelHealth health;
    private final Payments payments;

    Outbox(NoticeStore store, Channels channels, ChannelFallback fallback, NoticeRendering rendering,
            ContactRules rules, ObjectProvider<NoticePdf> pdf, Timeline timeline, BusinessClock clock,
            PlatformTransactionManager transactions, NotifyProperties properties, NoticeMetrics metrics,
            ChannelHealth health, Payments payments) {
        this.payments = payments;
        this.metrics = metrics;
        this.health = health;
        this.store = store;
        this.channels = channels;
        this.fallback = fallback;
        this.rendering = rendering;
        this.rules = rules;
        this.pdf = pdf;
        this.timeline = timeline;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.retries = RetrySchedule.of(properties);
        this.lease = properties.sendingLease();
        this.batchSize = properties.batchSize();
        AtomicInteger number = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.senders(), task -> {
            Thread thread = new Thread(task, "notice-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.recorders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "notice-recorder");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return store.earliestDue();
    }

    /**
     * Sends everything due at {@code now} as a pipeline, so that the database work of one batch overlaps the
     * sending of the last: this thread claims and admits batches, {@code senders} threads hand notices to their
     * channels, and one recorder writes the outcomes in batches. Returns when all is recorded.
     */
    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void runDue(Instant now) {
        resolveExpiredLeases(now);
        NoticeStore.DueNotices firstBatch = store.due(now, null, batchSize);
        if (firstBatch.noticeIds().isEmpty()) {
            return;
        }
        BlockingQueue<Attempt> outcomes = new LinkedBlockingQueue<>();
        Future<?> recorder = recorders.submit(() -> recordUntilDone(outcomes));
        // At most two batches claimed and not yet sent: claims ahead of the senders would only wait out their lease.
        int window = 2 * batchSize;
        Semaphore inFlight = new Semaphore(window);
        RuntimeException failure = null;
        try {
            NoticeStore.DueNotices due = firstBatch;
            while (true) {
                List<String> batch = due.noticeIds();
                List<Notice> admitted = transaction.execute(status -> admit(batch, now));
                for (Notice notice : admitted) {
                    inFlight.acquireUninterruptibly();
                    senders.execute(() -> {
                        try {
                            outcomes.add(attempt(notice));
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                if (batch.size() < batchSize) {
                    break;
                }
                due = store.due(now, due.last(), batchSize);
                if (due.noticeIds().isEmpty()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            inFlight.acquireUninterruptibly(window);
            outcomes.add(END);
            waitFor(List.of(recorder));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static final Attempt END = new Attempt(null, null, null);

    private void recordUntilDone(BlockingQueue<Attempt> outcomes) {
        List<Attempt> chunk = new ArrayList<>();
        while (true) {
            Attempt next;
            try {
                next = outcomes.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean end = next == END;
            if (!end) {
                chunk.add(next);
                end = gatherMore(outcomes, chunk);
            }
            if (!chunk.isEmpty()) {
                record(chunk);
                chunk = new ArrayList<>();
            }
            if (end) {
                return;
            }
        }
    }

    /**
     * Adds to {@code chunk} what else arrives within {@link #GATHERING}, up to a batch: outcomes come one by one from
     * the senders, and one transaction for each would cost a commit per notice.
     *
     * @return true when the end came with them
     */
    private boolean gatherMore(BlockingQueue<Attempt> outcomes, List<Attempt> chunk) {
        long deadline = System.nanoTime() + GATHERING.toNanos();
        while (chunk.size() < batchSize) {
            outcomes.drainTo(chunk, batchSize - chunk.size());
            if (chunk.remove(END)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (chunk.size() >= batchSize || left <= 0) {
                return false;
            }
            Attempt next;
            try {
                next = outcomes.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (next == END) {
                return true;
            }
            if (next != null) {
                chunk.add(next);
            }
        }
        return false;
    }

    /** How long the recorder waits for more outcomes before it writes those it has. */
    private static final Duration GATHERING = Duration.ofMillis(50);

    private static void waitFor(List<Future<?>> work) {
        for (Future<?> each : work) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending notices", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a notice sender failed unexpectedly", e.getCause());
            }
        }
    }

    /** Claims the due notices and applies the contact rules; returns those that may go now. */
    private List<Notice> admit(List<String> dueIds, Instant now) {
        List<Notice> claimed = store.claimNotices(dueIds, now, now.plus(lease));
        List<Notice> ready = new ArrayList<>();
        List<ContactAttempt> attempts = new ArrayList<>();
        for (Notice notice : claimed) {
            Optional<Channel> channel = channels.named(notice.channel());
            if (channel.isEmpty()) {
                giveUp(notice, notice.attempts(), "channel " + notice.channel() + " is not enabled", Notice.FAILED);
                continue;
            }
            ready.add(notice);
            if (channel.get().kind() != ContactKind.NONE) {
                attempts.add(new ContactAttempt(notice.noticeId(), notice.customerId(), notice.channel(),
                        channel.get().kind()));
            }
        }
        Map<String, ContactDecision> decisions = attempts.isEmpty() ? Map.of() : rules.admit(attempts, now);
        List<Notice> admitted = new ArrayList<>();
        List<Timeline.Entry> deferrals = new ArrayList<>();
        for (Notice notice : ready) {
            ContactDecision decision = decisions.getOrDefault(notice.noticeId(), new ContactDecision.Allowed());
            if (decision instanceof ContactDecision.Deferred deferred) {
                store.defer(notice.noticeId(), deferred.until(), deferred.reason());
                metrics.count(notice.channel(), NoticeMetrics.DEFERRED);
                deferrals.add(new Timeline.Entry(notice.customerId(), notice.caseId(), "notice-deferred",
                        Timeline.SYSTEM, what(notice) + " deferred until " + deferred.until() + ": " + deferred.reason()));
            } else if (decision instanceof ContactDecision.Suppressed suppressed) {
                giveUp(notice, notice.attempts(), "suppressed: " + suppressed.reason(), Notice.SUPPRESSED);
            } else {
                admitted.add(notice);
            }
        }
        timeline.recordAll(deferrals);
        return admitted;
    }

    private record Attempt(Notice notice, Delivery delivery, RuntimeException failure) {
    }

    private Attempt attempt(Notice notice) {
        try {
            Channel channel = channels.require(notice.channel());
            Attempt accepted = new Attempt(notice, channel.send(outgoing(notice, channel)), null);
            health.accepted(notice.channel(), clock.now());
            return accepted;
        } catch (RuntimeException e) {
            if (!(e instanceof PermanentDeliveryFailure)) {
                health.failed(notice.channel(), clock.now(), DeliveryErrors.summary(e));
            }
            return new Attempt(notice, null, e);
        }
    }

    private OutgoingNotice outgoing(Notice notice, Channel channel) {
        Map<String, String> links = rendering.linksFor(notice.noticeId(), notice.customerId(), notice.caseId(),
                notice.channel());
        // Only rich channels show a QR code or a payment slip; the others, and deployments that configured no way to
        // pay, need not read the stored model.
        PaymentOffer payment = channel.rich() && payments.offersAnything()
                ? PaymentOffer.fromModel(ModelCodec.read(store.modelOf(notice.noticeId()).orElse(null)).get("payment"))
                        .orElse(null)
                : null;
        OutgoingNotice outgoing = new OutgoingNotice(notice.noticeId(), notice.dedupeKey(), notice.customerId(),
                notice.caseId(), notice.channel(), notice.template(), notice.locale(), notice.recipient(),
                notice.subject(), notice.body(), channel.rich() ? notice.htmlBody() : null, List.of(), links, payment);
        if (!notice.attachPdf() || !channel.rich() || channel.kind() == ContactKind.LETTER) {
            return outgoing;
        }
        NoticePdf renderer = pdf.getIfAvailable();
        if (renderer == null) {
            throw new PermanentDeliveryFailure("the notice asks for a PDF attachment and no PDF renderer is installed");
        }
        return new OutgoingNotice(outgoing.noticeId(), outgoing.dedupeKey(), outgoing.customerId(), outgoing.caseId(),
                outgoing.channel(), outgoing.template(), outgoing.locale(), outgoing.recipient(), outgoing.subject(),
                outgoing.body(), outgoing.htmlBody(), List.of(new OutgoingNotice.Attachment(notice.template() + ".pdf",
                        "application/pdf", renderer.render(outgoing))), links, payment);
    }

    private void record(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.now();
            List<NoticeStore.Sent> sent = new ArrayList<>();
            for (Attempt attempt : attempts) {
                if (attempt.failure() == null) {
                    sent.add(new NoticeStore.Sent(attempt.notice().noticeId(), attempt.notice().attempts() + 1,
                            attempt.delivery() == null ? null : attempt.delivery().providerRef()));
                } else {
                    failed(attempt.notice(), attempt.failure());
                }
            }
            List<String> recorded = store.markSent(sent, now);
            List<Timeline.Entry> entries = new ArrayList<>();
            for (Attempt attempt : attempts) {
                if (recorded.contains(attempt.notice().noticeId())) {
                    metrics.count(attempt.notice().channel(), NoticeMetrics.SENT);
                    entries.add(new Timeline.Entry(attempt.notice().customerId(), attempt.notice().caseId(),
                            "notice-sent", Timeline.SYSTEM, what(attempt.notice())));
                }
            }
            timeline.recordAll(entries);
        });
    }

    private void failed(Notice notice, RuntimeException failure) {
        int attempt = notice.attempts() + 1;
        String error = DeliveryErrors.summary(failure);
        rules.withdraw(notice.noticeId());
        Optional<Duration> delay = failure instanceof PermanentDeliveryFailure ? Optional.empty() : retries.delayAfter(attempt);
        if (delay.isPresent()) {
            Instant next = clock.now().plus(delay.get());
            if (store.retryLater(notice.noticeId(), attempt, error, next)) {
                metrics.count(notice.channel(), NoticeMetrics.RETRIED);
                log.warn("Notice {} ({}) failed on attempt {}, next attempt at {}: {}", notice.noticeId(), what(notice),
                        attempt, next, error);
            }
            return;
        }
        String why = failure instanceof PermanentDeliveryFailure ? "failed for good (" + error + ")"
                : "failed " + attempt + " times (" + error + ")";
        giveUp(notice, attempt, why, Notice.FAILED);
    }

    /**
     * Moves a held notice to the step's next channel, or ends it in {@code status} when none is left.
     */
    private void giveUp(Notice notice, int attempts, String why, String status) {
        if (fallback.moveOn(notice, Notice.SENDING, why)) {
            metrics.count(notice.channel(), NoticeMetrics.REROUTED);
            return;
        }
        if (store.end(notice.noticeId(), status, attempts, DeliveryErrors.clean(why))) {
            metrics.count(notice.channel(), status);
            timeline.record(notice.customerId(), notice.caseId(), "notice-" + status, Timeline.SYSTEM,
                    what(notice) + " " + why);
            log.warn("Notice {} ({}) is {}: {}", notice.noticeId(), what(notice), status, DeliveryErrors.clean(why));
        }
    }

    /**
     * Notices whose sender stopped while sending them. A channel whose provider drops a repeated dedupe key may
     * get them again (the contact rules decide anew); for any other, a second send could reach the debtor twice,
     * so the notice is marked uncertain and left to a person.
     */
    private void resolveExpiredLeases(Instant now) {
        for (String noticeId : store.expiredLeases(now, batchSize)) {
            transaction.executeWithoutResult(status -> store.find(noticeId).ifPresent(notice -> {
                Optional<Channel> channel = channels.named(notice.channel());
                if (!store.takeOverExpired(noticeId, now, now.plus(lease))) {
                    return;
                }
                if (channel.isPresent() && channel.get().dedupesByKey()) {
                    rules.withdraw(noticeId);
                    store.retryLater(noticeId, notice.attempts(), "the sender stopped while sending; sent again, "
                            + "the provider drops a repeated dedupe key", now);
                    metrics.count(notice.channel(), NoticeMetrics.RETRIED);
                    log.warn("Notice {} ({}): its sender stopped while sending; sending it again under its dedupe key",
                            noticeId, what(notice));
                    return;
                }
                String why = "the sender stopped while sending; it may or may not have reached the customer";
                store.end(noticeId, Notice.UNCERTAIN, notice.attempts() + 1, why);
                metrics.count(notice.channel(), Notice.UNCERTAIN);
                timeline.record(notice.customerId(), notice.caseId(), "notice-uncertain", Timeline.SYSTEM,
                        what(notice) + ": " + why + "; check and resend if needed");
                log.warn("Notice {} ({}) is uncertain: its sender stopped while sending", noticeId, what(notice));
            }));
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
        recorders.shutdownNow();
    }

    /** Ids and names only: this goes to the timeline and the log. */
    private static String what(Notice notice) {
        return notice.template() + " by " + notice.channel();
    }
}
