package dev.dunning.answers;

/** An answer that was not taken; nothing was changed. */
public class AnswerRefusedException extends RuntimeException {

    /** Why; {@link #code()} is what pages and messages switch on. */
    public enum Reason {
        /** The notice was answered (or this channel unsubscribed) before. */
        ALREADY_ANSWERED,
        /** No debt waits for payment: nothing to promise, postpone or dispute. */
        NOTHING_OWED,
        /** The date is missing or outside what the plan allows. */
        BAD_DATE,
        /** A dispute needs a comment. */
        COMMENT_REQUIRED,
        /** A dispute's comment is longer than {@value DebtorAnswers#MAX_COMMENT_LENGTH} characters. */
        COMMENT_TOO_LONG,
        /** Only an unsubscribe can answer a notice outside a case. */
        NO_CASE,
        /** The notice names a case that is not the customer's (or no case at all): a forged or broken link. */
        FOREIGN_CASE,
        /** The notice's case has ended (settled or closed) while the customer owes again: its links end with it. */
        CASE_ENDED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    AnswerRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
