package dev.dunning.simulation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One customer in a simulation: an id, a debt and the addresses they have; and what happened to their case.
 * Each customer draws from a random source of their own (seeded from the run's seed and their place in the
 * sample), so a customer's story depends on the seed alone, not on how the run interleaves customers.
 */
final class SimCustomer {

    /** The addresses a channel needs. */
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String TELEGRAM = "telegram";
    static final String ADDRESS = "address";

    final int index;
    final String customerId;
    final BigDecimal debt;
    final Set<String> addresses;
    final String timeZone;
    final SplittableRandom random;

    String processInstanceId;
    boolean open;
    boolean suspended;
    boolean paid;
    boolean settled;
    boolean filedToCourt;
    Instant openedAt;
    Instant paidAt;
    /** The earliest payment this customer is going to make, if any. */
    Instant paymentAt;
    /** Bumped when the case's unsent notices are cancelled (the debt was paid, written off). */
    int noticeEpoch;
    final List<Freeze> freezes = new ArrayList<>();
    final Set<String> stages = new HashSet<>();
    final List<Instant> messages = new ArrayList<>();
    final List<Instant> calls = new ArrayList<>();
    Instant lastConversation;
    /** Tasks that came due while the case was suspended: worked once it resumes. */
    final List<Shard.TaskToWork> parked = new ArrayList<>();

    SimCustomer(int index, String customerId, BigDecimal debt, Set<String> addresses, String timeZone, long seed) {
        this.index = index;
        this.customerId = customerId;
        this.debt = debt;
        this.addresses = Set.copyOf(addresses);
        this.timeZone = timeZone;
        this.random = new SplittableRandom(seed * 1_000_003L + index);
    }

    /** An amount taken out of work: a promise until a date, a dispute until reviewed (and then a date). */
    static final class Freeze {
        final String kind;
        final BigDecimal amount;
        LocalDate until;
        boolean lifted;

        Freeze(String kind, BigDecimal amount, LocalDate until) {
            this.kind = kind;
            this.amount = amount;
            this.until = until;
        }

        boolean inForce(LocalDate today) {
            return !lifted && (until == null || !until.isBefore(today));
        }
    }

    BigDecimal realDebt() {
        return paid ? BigDecimal.ZERO : debt;
    }

    /** Real debt less what is frozen today, never below zero: what the case works on. */
    BigDecimal conditionalDebt(LocalDate today) {
        BigDecimal frozen = BigDecimal.ZERO;
        for (Freeze freeze : freezes) {
            if (freeze.inForce(today)) {
                frozen = frozen.add(freeze.amount);
            }
        }
        return realDebt().subtract(realDebt().min(frozen));
    }

    boolean chance(int percent) {
        return percent > 0 && (percent >= 100 || random.nextInt(100) < percent);
    }
}
