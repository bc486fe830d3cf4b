package dev.dunning.contact;

/**
 * A notice that is about to reach a customer on a channel.
 *
 * @param noticeId   the notice; an admitted attempt is recorded under this id
 * @param customerId the customer to be contacted
 * @param channel    the channel's name ({@code email}, {@code sms}, {@code telegram}, {@code voice}, ...)
 * @param kind       how the law counts it
 */
public record ContactAttempt(String noticeId, String customerId, String channel, ContactKind kind) {
}
