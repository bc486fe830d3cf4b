package dev.dunning.channels.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;
import dev.dunning.notify.Channel;
import dev.dunning.notify.Delivery;
import dev.dunning.notify.OutgoingNotice;
import dev.dunning.notify.PermanentDeliveryFailure;

/**
 * A channel behind an HTTP gateway, reaching the customer's phone: SMS, a messenger's template messages, or the
 * voice robot reading the notice out. The text is the notice's plain body (its {@code .sms.ftl} or
 * {@code .voice.ftl} variant where there is one).
 */
final class GatewayChannel implements Channel {

    private final String name;
    private final ContactKind kind;
    private final GatewaySettings settings;
    private final HttpGateway gateway;
    private final String callbackUrl;
    private final int maxLength;

    GatewayChannel(String name, ContactKind kind, GatewaySettings settings, String publicUrl) {
        this.name = name;
        this.kind = kind;
        this.settings = settings;
        this.gateway = new HttpGateway(name, settings);
        this.maxLength = settings.maxLength() > 0 ? settings.maxLength() : switch (name) {
            case "sms" -> 1000;
            case "messenger" -> 4096;
            default -> 2000;
        };
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.callbackUrl = base + "/api/channels/" + name + (kind == ContactKind.CALL ? "/callback" : "/status");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ContactKind kind() {
        return kind;
    }

    @Override
    public Optional<String> address(Customer customer) {
        return Phones.e164(customer.phone(), settings.countryCode());
    }

    @Override
    public boolean dedupesByKey() {
        return settings.idempotencyHeader() != null && !settings.idempotencyHeader().isBlank();
    }

    @Override
    public Delivery send(OutgoingNotice notice) {
        if (notice.body().length() > maxLength) {
            throw new PermanentDeliveryFailure("template " + notice.template() + " makes " + notice.body().length()
                    + " characters; " + name + " takes at most " + maxLength
                    + " (write a shorter " + notice.template() + "." + name + ".ftl)");
        }
        Map<String, String> values = new HashMap<>();
        values.put("recipient", notice.recipient());
        values.put("text", notice.body());
        values.put("subject", notice.subject() == null ? "" : notice.subject());
        values.put("noticeId", notice.noticeId());
        values.put("dedupeKey", notice.dedupeKey());
        values.put("template", notice.template());
        values.put("locale", notice.locale());
        values.put("callbackUrl", callbackUrl);
        if (!settings.templates().isEmpty() || settings.fields().values().stream().anyMatch(v -> v.contains("{providerTemplate}"))) {
            String mapped = settings.templates().get(notice.template());
            if (mapped == null) {
                throw new PermanentDeliveryFailure("no " + name + " template mapped for " + notice.template()
                        + " (dunning.notify." + name + ".templates." + notice.template() + ")");
            }
            values.put("providerTemplate", mapped);
        }
        return gateway.send(notice, values);
    }
}
