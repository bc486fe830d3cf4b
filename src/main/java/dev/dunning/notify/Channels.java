package dev.dunning.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

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
     * The first of the {@code preferred} channels that is enabled and has an address for the customer,
     * else the fallback channel.
     */
    Route choose(Customer customer, List<String> preferred) {
        List<String> candidates = new ArrayList<>(preferred == null ? List.of() : preferred);
        candidates.add(fallback);
        for (int i = 0; i < candidates.size(); i++) {
            String name = candidates.get(i);
            Optional<Channel> channel = named(name);
            Optional<String> address = channel.flatMap(each -> each.address(customer));
            if (address.isPresent() || channel.filter(each -> each.name().equals(LogChannel.NAME)).isPresent()) {
                return new Route(name, address.orElse(null), List.copyOf(candidates.subList(i + 1, candidates.size())));
            }
        }
        throw new IllegalStateException("customer " + customer.customerId() + " cannot be reached by " + candidates);
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
