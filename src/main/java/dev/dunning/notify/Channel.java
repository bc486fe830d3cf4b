package dev.dunning.notify;

import java.util.Optional;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;

/**
 * A way to deliver notices: email, SMS, a messenger, the voice robot, a paper letter, the log. Each is a small
 * adapter, a bean only when switched on for the deployment ({@code dunning.notify.<channel>.enabled}).
 * <p>
 * {@link #send} runs with no database transaction open. It returns when the provider accepted the notice, and
 * throws {@link PermanentDeliveryFailure} when trying again cannot help (a rejected address, a refused
 * template); any other exception is a passing failure, retried with backoff.
 */
public interface Channel {

    /** The name plans use: {@code ${plan.sendNotice(execution, 'first-reminder', 'sms,email')}}. */
    String name();

    /** How contact rules count a notice on this channel. */
    ContactKind kind();

    /** The customer's address on this channel, or empty when they have none. */
    Optional<String> address(Customer customer);

    /** Hands the notice to the provider; returns the provider's reference for later delivery reports. */
    Delivery send(OutgoingNotice notice);

    /**
     * True when the provider itself drops a second request with the same {@link OutgoingNotice#dedupeKey()}.
     * Only then does the outbox send again a notice whose sender stopped between sending and recording it;
     * otherwise that notice is marked {@code uncertain} for a person to check, so that it is sent at most once.
     */
    default boolean dedupesByKey() {
        return false;
    }

    /** True when the channel can carry an HTML body and attachments (email, letter). */
    default boolean rich() {
        return false;
    }
}
