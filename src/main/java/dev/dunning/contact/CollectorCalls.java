package dev.dunning.contact;

import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.inbox.TaskCompleted;
import dev.dunning.notify.NoticeOutcome;

/**
 * A collector's call counts as a call for the caps, and as a conversation when it reached the debtor (after which
 * some jurisdictions forbid calls for a while). Recorded when the call task is completed, with the task. A robot
 * call the debtor answered is a conversation too.
 */
@Component
class CollectorCalls {

    /** The forms of collectors' calls: in a case, and before a due date (a call is a call, overdue or not). */
    static final Set<String> CALL_FORMS = Set.of("call-debtor", "remind-call");
    private static final Set<String> NOT_REACHED = Set.of("no-answer", "wrong-number");

    private final ContactGate gate;
    private final BusinessClock clock;

    CollectorCalls(ContactGate gate, BusinessClock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @EventListener
    void onNoticeOutcome(NoticeOutcome outcome) {
        if ("voice".equals(outcome.channel())
                && (outcome.outcome().equals("answered") || outcome.outcome().startsWith("keypress"))) {
            gate.recordConversation(outcome.customerId(), clock.now(), "voice robot");
        }
    }

    @EventListener
    void onTaskCompleted(TaskCompleted task) {
        // Set.of(...).contains(null) throws: a task without a form (a review made by the task builder) is no call
        if (task.formKey() == null || !CALL_FORMS.contains(task.formKey()) || task.customerId() == null) {
            return;
        }
        gate.record(task.customerId(), "call", ContactKind.CALL.name(), clock.now(), "collector " + task.actor());
        Object outcome = task.values().get("callOutcome");
        if (outcome != null && !NOT_REACHED.contains(String.valueOf(outcome))) {
            gate.recordConversation(task.customerId(), clock.now(), "collector " + task.actor());
        }
    }
}
