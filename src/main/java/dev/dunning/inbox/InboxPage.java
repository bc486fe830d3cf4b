package dev.dunning.inbox;

import java.util.List;

/** One page of an inbox; {@code hasNext} tells whether another page follows (no count of all rows is made). */
public record InboxPage(List<TaskView> tasks, int page, int size, boolean hasNext) {
}
