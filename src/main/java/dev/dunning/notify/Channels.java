package dev.dunning.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;

/** The enabled channels, and the choice of one for a customer. */
@Component
class Channels {

    private final Map<String, Channel> enabled = new LinkedHashMap<>();
    private final String fallback;

    Channels(List<Channel> channels, NotifyProperties properties) {
        channels.forEach(channel -> enabled.put(channel.name(), channel));
        this.fallback = properties.fallbackChannel();
        if (!enabled.containsKey(fallback)) {
            throw new IllegalStateException("dunning.notify.fallback-channel=" + fallback
                    + " is not an enabled channel; enabled are " + enabled.keySet());
        }
    }

    /**
     * The first of the {@code preferred} channels that is enabled and has an address for the customer, else the
     * fallback channel. The route remembers the preferred channels after the chosen one, to fall back on if it
     * cannot deliver; the fallback channel is never among them, since it reaches nobody.
     */
    Route choose(Customer customer, List<String> preferred) {
        List<String> candidates = preferred == null ? List.of() : preferred;
        return next(customer, candidates).orElseGet(() -> named(fallback)
                .filter(channel -> channel.address(customer).isPresent() || channel.kind() == ContactKind.NONE)
                .map(channel -> new Route(fallback, channel.address(customer).orElse(null), List.of()))
                .orElseThrow(() -> new IllegalStateException("customer " + customer.customerId()
                        + " cannot be reached by " + candidates + " nor by the fallback channel " + fallback)));
    }

    /** The first of {@code candidates} that is enabled and has an address for the customer. */
    Optional<Route> next(Customer customer, List<String> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            Optional<Channel> channel = named(candidates.get(i));
            Optional<String> address = channel.flatMap(each -> each.address(customer));
            if (address.isPresent() || channel.filter(each -> each.kind() == ContactKind.NONE).isPresent()) {
                return Optional.of(new Route(candidates.get(i), address.orElse(null),
                        List.copyOf(candidates.subList(i + 1, candidates.size()))));
            }
        }
        return Optional.empty();
    }

    Channel require(String name) {
        return named(name).orElseThrow(() -> new PermanentDeliveryFailure("channel " + name
                + " is not enabled on this deployment (dunning.notify." + name + ".enabled)"));
    }

    /** The names of the enabled channels. */
    java.util.Set<String> enabledNames() {
        return java.util.Collections.unmodifiableSet(enabled.keySet());
    }

    /**
     * A channel together with the customer's address on it (null for the log, which needs none), and the
     * channels still to try if this one cannot deliver.
     */
    record Route(String channel, String recipient, List<String> fallbacks) {
    }

    Optional<Channel> named(String name) {
        return Optional.ofNullable(enabled.get(name));
    }
}
