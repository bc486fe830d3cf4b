package dev.dunning.notify;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.timeline.Timeline;

/**
 * Moves a notice that cannot go on its channel (failed for good, suppressed by the contact rules, reported
 * undelivered) to the next of the plan step's channels that is enabled and has the customer's address,
 * rendered anew for that channel.
 */
@Component
class ChannelFallback {

    private static final Logger log = LoggerFactory.getLogger(ChannelFallback.class);

    private final NoticeStore store;
    private final Channels channels;
    private final NoticeRendering rendering;
    private final Ledger ledger;
    private final Timeline timeline;
    private final BusinessClock clock;

    ChannelFallback(NoticeStore store, Channels channels, NoticeRendering rendering, Ledger ledger, Timeline timeline,
            BusinessClock clock) {
        this.store = store;
        this.channels = channels;
        this.rendering = rendering;
        this.ledger = ledger;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Moves the notice on, in the caller's transaction, if it is still in {@code expectedStatus}.
     *
     * @param why the reason it leaves its channel, without personal data
     * @return true when it now waits on another channel; false when no channel is left
     */
    boolean moveOn(Notice notice, String expectedStatus, String why) {
        Customer customer = ledger.customer(notice.customerId()).orElse(null);
        if (customer == null || notice.fallbackChannels().isEmpty()) {
            return false;
        }
        var route = channels.next(customer, notice.fallbackChannels());
        if (route.isEmpty()) {
            return false;
        }
        Map<String, Object> model = ModelCodec.read(store.modelOf(notice.noticeId()).orElse(null));
        NoticeTemplates.Rendered rendered;
        try {
            rendered = rendering.render(notice.noticeId(), notice.customerId(), notice.caseId(), notice.locale(),
                    notice.template(), route.get().channel(), model);
        } catch (NoticeTemplateException e) {
            // A broken variant for the next channel must not hold up the batch this notice is recorded with.
            log.error("Notice {} cannot move from {} to {}: {}", notice.noticeId(), notice.channel(),
                    route.get().channel(), e.getMessage());
            return false;
        }
        String reason = notice.channel() + ": " + why;
        if (!store.moveToChannel(notice.noticeId(), expectedStatus, route.get(), rendered, reason, clock.now())) {
            return false;
        }
        timeline.record(notice.customerId(), notice.caseId(), "notice-fallback", Timeline.SYSTEM,
                notice.template() + " by " + notice.channel() + " " + why + "; now by " + route.get().channel());
        log.info("Notice {} moves from {} to {}: {}", notice.noticeId(), notice.channel(), route.get().channel(), why);
        return true;
    }
}
