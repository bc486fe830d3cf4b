package dev.dunning.inbox;

import java.math.BigDecimal;

import dev.dunning.ledger.SearchText;

/**
 * What an inbox page shows: whose tasks, filtered, in which order, which page.
 *
 * @param scope    {@code MINE}: my tasks and my groups' unclaimed ones; {@code ALL}: every open task (managers, admins)
 * @param activity only tasks of this plan step ({@code callDebtor})
 * @param customer the start of a customer id or of a customer's name, matched literally ({@link SearchText})
 * @param assignee with scope {@code ALL}: only this person's tasks; {@link #UNASSIGNED} for unclaimed ones
 * @param group    with scope {@code ALL}: only this candidate group's tasks
 */
public record InboxQuery(Scope scope, String activity, String customer, BigDecimal minAmount, BigDecimal maxAmount,
        String assignee, String group, Sort sort, boolean descending, int page, int size) {

    public static final String UNASSIGNED = "-";
    public static final int MAX_SIZE = 200;

    public enum Scope { MINE, ALL }

    /**
     * {@code PRIORITY}: the task's priority (plans may raise it), then the earliest promise that fell due, then the
     * smaller debt (small debts are the easiest to collect), then the oldest debt.
     */
    public enum Sort { PRIORITY, AMOUNT, AGE, PROMISE, CREATED, DUE }

    public InboxQuery {
        scope = scope == null ? Scope.MINE : scope;
        sort = sort == null ? Sort.PRIORITY : sort;
        activity = SearchText.typed("activity", activity);
        customer = SearchText.typed("customer", customer);
        assignee = SearchText.typed("assignee", assignee);
        group = SearchText.typed("group", group);
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if (minAmount != null && maxAmount != null && minAmount.compareTo(maxAmount) > 0) {
            throw new IllegalArgumentException("minAmount " + minAmount + " is above maxAmount " + maxAmount);
        }
    }

    /** The first page of my inbox in priority order. */
    public static InboxQuery mine(int size) {
        return new InboxQuery(Scope.MINE, null, null, null, null, null, null, Sort.PRIORITY, false, 0, size);
    }

    public static InboxQuery all(int size) {
        return new InboxQuery(Scope.ALL, null, null, null, null, null, null, Sort.PRIORITY, false, 0, size);
    }
}
