package dev.dunning.inbox;

import java.util.Map;

/**
 * Published when a person completes a task, in the same transaction.
 *
 * @param formKey the task's form ({@code call-debtor}), or null
 * @param values  the form values as checked and typed
 * @param actor   who completed it
 */
public record TaskCompleted(String taskId, String formKey, String customerId, String caseId, Map<String, Object> values,
        String actor) {
}
