package dev.dunning.installments;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.dunning.inbox.TaskCompleted;

/**
 * Hands a manager's answer to an approval task to {@link Installments}, in the transaction that completes the task:
 * when the decision cannot be carried out, the task stays open.
 */
@Component
class ManagerDecisions {

    private final Installments installments;

    ManagerDecisions(Installments installments) {
        this.installments = installments;
    }

    @EventListener
    void onTaskCompleted(TaskCompleted completed) {
        if (!Installments.APPROVAL_FORM.equals(completed.formKey())) {
            return;
        }
        Object note = completed.values().get("note");
        installments.decide(completed.taskId(), String.valueOf(completed.values().get(Installments.DECISION)),
                note == null ? null : note.toString(), completed.actor());
    }
}
