package dev.dunning.notify;

import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Renders a notice's model for one channel: the model as stored, plus the debtor's signed answer links for that
 * channel (the unsubscribe link names the channel, so a notice that falls back to another channel gets new ones).
 */
@Component
class NoticeRendering {

    private final NoticeTemplates templates;
    private final Channels channels;
    private final ObjectProvider<NoticeLinks> links;
    private volatile NoticeLinks linkMaker;

    NoticeRendering(NoticeTemplates templates, Channels channels, ObjectProvider<NoticeLinks> links) {
        this.templates = templates;
        this.channels = channels;
        this.links = links;
    }

    NoticeTemplates.Rendered render(String noticeId, String customerId, String caseId, String locale, String template,
            String channel, Map<String, Object> storedModel) {
        Map<String, Object> model = new HashMap<>(storedModel);
        model.put("links", linksFor(noticeId, customerId, caseId, channel));
        boolean rich = channels.named(channel).map(Channel::rich).orElse(false);
        return templates.render(locale, template, channel, rich, model);
    }

    /** The debtor's answer links; none when no module makes them. */
    Map<String, String> linksFor(String noticeId, String customerId, String caseId, String channel) {
        NoticeLinks maker = linkMaker;
        if (maker == null) {
            // Looked up on first use, not at start-up (the answers module needs notices itself), and kept once found:
            // a bean look-up for every notice sent cost more than signing its links.
            maker = links.getIfAvailable();
            linkMaker = maker;
        }
        return maker == null ? Map.of() : maker.linksFor(noticeId, customerId, caseId, channel);
    }
}
