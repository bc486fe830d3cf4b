package dev.dunning.contact;

/**
 * The classes of contact that the law counts separately. Voice-robot calls are calls; email, SMS and messengers
 * are messages; a paper letter is neither capped nor bound to hours.
 */
public enum ContactKind {
    CALL,
    MESSAGE,
    LETTER,
    /** Reaches nobody (the log channel): no rule applies. */
    NONE
}
