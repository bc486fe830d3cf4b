package dev.dunning.notify;

/**
 * What a provider said when it accepted a notice.
 *
 * @param providerRef the provider's id for it (SMS message id, Telegram message id, call id), which its delivery
 *                    reports name; null when the provider reports nothing later
 */
public record Delivery(String providerRef) {

    public static Delivery accepted() {
        return new Delivery(null);
    }
}
