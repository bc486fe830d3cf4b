package dev.dunning.notify;

import java.util.Optional;

import dev.dunning.ledger.Customer;

/** A way to deliver a notice: email, the log, later SMS or a messenger. Only enabled channels are beans. */
interface Channel {

    String name();

    /** How this channel reaches the customer, or empty when it cannot (no address for it). */
    Optional<Route> route(Customer customer);

    /** Delivers the notice or throws; the outbox retries a failed delivery later. */
    void send(Notice notice);

    /** A channel together with the customer's address on it (null for channels that need none). */
    record Route(String channel, String recipient) {
    }
}
