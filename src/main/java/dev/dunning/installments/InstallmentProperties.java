package dev.dunning.installments;

import java.time.LocalDate;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The terms an installment agreement may have ({@code dunning.installments.*}). Spans are counted from the
 * business day of the proposal.
 *
 * @param standardMaxPayments a schedule of at most this many payments ...
 * @param standardMaxSpan     ... whose last payment is due at most this long after today is within the standard
 *                            terms: a collector's proposal is accepted at once; a longer one waits for a manager
 * @param maxPayments         no schedule has more payments than this, approved or not
 * @param maxSpan             no schedule's last payment is due later than this after today
 * @param firstDueWithin      the first payment is due today or at most this long after today
 */
@ConfigurationProperties("dunning.installments")
record InstallmentProperties(
        @DefaultValue("3") int standardMaxPayments,
        @DefaultValue("P90D") Period standardMaxSpan,
        @DefaultValue("24") int maxPayments,
        @DefaultValue("P2Y") Period maxSpan,
        @DefaultValue("P30D") Period firstDueWithin) {

    InstallmentProperties {
        if (maxPayments < 1) {
            throw new IllegalArgumentException("dunning.installments.max-payments must be at least 1, not " + maxPayments);
        }
        if (standardMaxPayments < 1 || standardMaxPayments > maxPayments) {
            throw new IllegalArgumentException("dunning.installments.standard-max-payments must be from 1 to max-payments ("
                    + maxPayments + "), not " + standardMaxPayments);
        }
        requireNotNegative("standard-max-span", standardMaxSpan);
        requireNotNegative("max-span", maxSpan);
        requireNotNegative("first-due-within", firstDueWithin);
        // Periods of months and days compare only on a calendar; any day will do for settings this far apart.
        LocalDate day = LocalDate.of(2000, 1, 31);
        if (day.plus(standardMaxSpan).isAfter(day.plus(maxSpan))) {
            throw new IllegalArgumentException("dunning.installments.standard-max-span (" + standardMaxSpan
                    + ") must not be longer than max-span (" + maxSpan + ")");
        }
    }

    private static void requireNotNegative(String name, Period period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("dunning.installments." + name + " must not be negative, not " + period);
        }
    }
}
