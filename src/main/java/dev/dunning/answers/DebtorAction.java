package dev.dunning.answers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a debtor can answer to a notice. */
public enum DebtorAction {

    /** I will pay by a date (within the plan's {@code dunning:maxPromiseDays}). */
    CONFIRM('c'),
    /** I need more time: a later date (within {@code dunning:maxPostponeDays}); a manager reviews it. */
    POSTPONE('p'),
    /** I do not agree with the debt; a comment says why. */
    DISPUTE('d'),
    /** Send me nothing more on this channel. */
    UNSUBSCRIBE('u');

    private final char tag;

    DebtorAction(char tag) {
        this.tag = tag;
    }

    /** Lower case: {@code confirm}, {@code postpone}, {@code dispute}, {@code unsubscribe}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the answers that change the debt (all but unsubscribe); a notice takes one of them. */
    public boolean answersTheDebt() {
        return this != UNSUBSCRIBE;
    }

    public static Optional<DebtorAction> ofCode(String code) {
        return Arrays.stream(values()).filter(action -> action.code().equals(code)).findFirst();
    }

    /** The one-byte tag in a link's token. */
    byte tag() {
        return (byte) tag;
    }

    static Optional<DebtorAction> ofTag(byte tag) {
        return Arrays.stream(values()).filter(action -> action.tag == tag).findFirst();
    }
}
