package dev.dunning.contact;

/** A debtor asked to receive nothing more on a channel. */
public record OptOutRequested(String customerId, String channel, String source) {
}
