package dev.dunning.notify;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;

/**
 * The fallback channel: reaches every customer by writing one line to the application log. The line
 * carries ids only; the body, name and address are personal data and stay in the database.
 */
@Component
class LogChannel implements Channel {

    static final String NAME = "log";
    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ContactKind kind() {
        return ContactKind.NONE;
    }

    /** Writing the line again reaches nobody twice. */
    @Override
    public boolean dedupesByKey() {
        return true;
    }

    @Override
    public Optional<String> address(Customer customer) {
        return Optional.empty();
    }

    @Override
    public Delivery send(OutgoingNotice notice) {
        log.info("Notice {} for customer {}: template {}, channel {}", notice.noticeId(), notice.customerId(),
                notice.template(), NAME);
        return Delivery.accepted();
    }
}
