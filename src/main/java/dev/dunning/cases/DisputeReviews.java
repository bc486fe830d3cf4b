package dev.dunning.cases;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.dunning.inbox.TaskCompleted;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.restriction.Restrictions;
import dev.dunning.timeline.Timeline;

/**
 * The managers' review of a debt disputed on a call. The call froze the disputed amount as a {@code dispute}
 * (which suspends the case when too little is left to work); a manager then accepts or rejects the dispute:
 * <ul>
 * <li><b>accept</b>: the amount stays frozen until a date, by which billing is to correct or cancel the disputed
 * invoices; after it the case goes on with whatever is still owed, so no accepted dispute holds a case for ever.
 * A service restricted in the case is restored through the restriction connector at once, and the debtor told;</li>
 * <li><b>reject</b>: the freeze is lifted, the case resumes and its plan goes on.</li>
 * </ul>
 * The review is a task outside the plan, because a suspended case's own tasks wait unseen. It names its customer
 * and case in the task's local variables, as the inbox expects.
 */
@Component
class DisputeReviews {

    static final String TASK = "reviewDispute";
    static final String FORM = "review-dispute";
    static final String GROUP = "managers";
    /** The review form's fields. */
    static final String DECISION = "disputeDecision";
    static final String FROZEN_UNTIL = "frozenUntil";
    static final String NOTE = "note";
    private static final String FREEZE_ID = "freezeId";
    private static final int MAX_FREEZE_REASON = 500;

    private final TaskService tasks;
    private final HistoryService history;
    private final Freezes freezes;
    private final Timeline timeline;
    private final Restrictions restrictions;

    DisputeReviews(TaskService tasks, HistoryService history, Freezes freezes, Timeline timeline,
            Restrictions restrictions) {
        this.restrictions = restrictions;
        this.tasks = tasks;
        this.history = history;
        this.freezes = freezes;
        this.timeline = timeline;
    }

    /** Asks the managers to review the dispute that {@code freeze} holds. */
    void ask(String customerId, String caseId, Freeze freeze, String reason) {
        Task task = tasks.createTaskBuilder()
                .name("Review a disputed debt")
                .taskDefinitionKey(TASK)
                .formKey(FORM)
                .category("dispute")
                .description("Customer " + customerId + " disputes " + freeze.amount().toPlainString() + " (case " + caseId
                        + "): " + reason + ". The dispute freeze " + freeze.freezeId() + " holds the amount; accept to"
                        + " keep it frozen until billing has corrected the invoices, reject to lift it.")
                .create();
        tasks.addCandidateGroup(task.getId(), GROUP);
        Map<String, Object> variables = new HashMap<>();
        variables.put(PlanVariables.CUSTOMER_ID, customerId);
        variables.put("caseId", caseId);
        variables.put(FREEZE_ID, freeze.freezeId());
        variables.put(PlanVariables.DISPUTED_AMOUNT, freeze.amount().toPlainString());
        tasks.setVariablesLocal(task.getId(), variables);
        timeline.record(customerId, caseId, "review-requested", Timeline.SYSTEM, "managers asked to review the dispute of "
                + freeze.amount().toPlainString() + " (task " + task.getId() + ")");
    }

    /** A manager's decision, in the inbox's transaction: the freeze is kept until a date or lifted. */
    @EventListener
    void onTaskCompleted(TaskCompleted completed) {
        if (!FORM.equals(completed.formKey()) || completed.customerId() == null) {
            return;
        }
        String customerId = completed.customerId();
        String freezeId = localVariable(completed.taskId(), FREEZE_ID);
        String note = completed.values().get(NOTE) instanceof String text ? ": " + text : "";
        Optional<Freeze> freeze = freezes.active(customerId).stream()
                .filter(active -> active.freezeId().equals(freezeId)).findFirst();
        if (freeze.isEmpty()) {
            timeline.record(customerId, completed.caseId(), "dispute-reviewed", completed.actor(), "the dispute freeze "
                    + freezeId + " had already ended; the review changed nothing" + note);
            return;
        }
        Freeze disputed = freeze.get();
        freezes.lift(customerId, disputed.freezeId(), completed.actor());
        if ("accept".equals(completed.values().get(DECISION))) {
            LocalDate until = (LocalDate) completed.values().get(FROZEN_UNTIL);
            String reason = "dispute accepted by " + completed.actor() + " until " + until
                    + (disputed.reason() == null ? "" : ": " + disputed.reason());
            freezes.add(customerId, new FreezeRequest("dispute", disputed.amount(), until, disputed.invoiceId(),
                    reason.length() <= MAX_FREEZE_REASON ? reason : reason.substring(0, MAX_FREEZE_REASON - 1) + "…"),
                    completed.actor());
            timeline.record(customerId, completed.caseId(), "dispute-accepted", completed.actor(), "dispute of "
                    + disputed.amount().toPlainString() + " accepted: frozen until " + until
                    + ", then the case goes on with what is still owed" + note);
            restrictions.restoreAfterAcceptedDispute(customerId, completed.caseId(), completed.actor());
        } else {
            timeline.record(customerId, completed.caseId(), "dispute-rejected", completed.actor(), "dispute of "
                    + disputed.amount().toPlainString() + " rejected: the freeze is lifted and the plan goes on" + note);
        }
    }

    /** The review's own variable; read from history if the task was completed before the event came. */
    private String localVariable(String taskId, String name) {
        Object value = tasks.createTaskQuery().taskId(taskId).count() > 0 ? tasks.getVariableLocal(taskId, name)
                : history.createHistoricVariableInstanceQuery().taskId(taskId).variableName(name).list().stream()
                        .map(HistoricVariableInstance::getValue).findFirst().orElse(null);
        return value == null ? null : String.valueOf(value);
    }
}
