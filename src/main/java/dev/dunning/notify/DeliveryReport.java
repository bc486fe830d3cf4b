package dev.dunning.notify;

/**
 * A provider's later word on a notice it accepted: a delivery-status callback, a robot call's result.
 *
 * @param channel     the channel that sent it
 * @param providerRef the provider's id from {@link Delivery#providerRef()}
 * @param outcome     {@code delivered}, {@code undelivered}, or a channel's own outcome ({@code answered},
 *                    {@code keypress-1}, {@code no-answer}, {@code busy}); lower case, dashes
 * @param failed      true when the notice did not reach the customer (undelivered, no answer): a notice that
 *                    did not reach anybody may fall back to the step's next channel
 * @param detail      the provider's reason, without personal data; may be null
 */
public record DeliveryReport(String channel, String providerRef, String outcome, boolean failed, String detail) {
}
