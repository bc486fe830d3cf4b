package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.clock.BusinessClock;
import dev.dunning.installments.AgreementStore.NewAgreement;
import dev.dunning.installments.AgreementStore.StoredPayment;
import dev.dunning.installments.InvalidInstallmentException.FieldError;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.timeline.Timeline;

/**
 * Installment agreements (рассрочка): a collector on a call offers the debtor to pay part or all of the real debt in
 * dated payments.
 * <p>
 * <b>Terms.</b> {@link #schedule} works a proposal out ({@link InstallmentCalculator}) and changes nothing.
 * {@link #propose} stores it: within the standard terms ({@code dunning.installments.standard-max-payments} and
 * {@code standard-max-span}) it is accepted at once; longer terms wait for the managers in a task
 * {@value #APPROVAL_TASK} with the form {@value #APPROVAL_FORM}, made outside any plan because a plan's own task
 * would wait while its case is suspended. Until a manager approves, nothing is frozen and the case goes on as before;
 * a rejection leaves it so. Even a manager's own long proposal waits for a manager, so that two people see it.
 * <p>
 * <b>Freezes.</b> An accepted agreement freezes every payment on its own: a freeze of kind {@code installment} of
 * the payment's amount until its due date. The ledger counts a freeze while its date is today or later, so on any
 * day the frozen amount is what the schedule still allows to be unpaid, and conditional debt is real debt less that:
 * <ul>
 * <li>a payment made lowers real debt; its freeze lapses on its date and conditional debt stays at zero;</li>
 * <li>a payment not made: the day after its date its freeze lapses while the debt stays, so conditional debt grows
 * by that payment and the morning's reconciliation of cases resumes the case (when the shortfall reaches the plan's
 * minimum; a smaller one the plan would not work anyway). The later payments stay frozen: the collector is back
 * for the missed payment, not for the whole debt;</li>
 * <li>new debt beyond the agreement is not frozen and works as any debt does.</li>
 * </ul>
 * One freeze of the total until the last date would hide a missed payment until the end; one freeze of the balance
 * would have to be rewritten after every payment. Freezes per payment need nothing more after acceptance: lapsing on
 * their dates is the schedule. They are also what the reminders before a due date look for, and {@link Freezes}
 * publishes {@code LedgerChanged}, so the case is suspended as soon as the acceptance commits. The price: a payment
 * made before its date still counts as frozen until then, so until then it hides as much new debt. Payments whose
 * date has passed when a manager approves are not frozen: they are simply due. Cancelling an agreement lifts the
 * freezes of the payments still ahead.
 * <p>
 * A customer has one agreement at a time (awaiting approval, or accepted until its last date); another must wait
 * for a decision or a cancellation. Each step is on the customer's timeline.
 */
@Service
public class Installments {

    private static final Logger log = LoggerFactory.getLogger(Installments.class);

    /** The managers' task: its definition key, form and candidate group. */
    public static final String APPROVAL_TASK = "approveInstallment";
    public static final String APPROVAL_FORM = "approve-installment";
    public static final String APPROVERS = "managers";
    /** The approval form's field and its values. */
    static final String DECISION = "decision";
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    static final int MAX_NOTE_LENGTH = 1000;
    private static final String FREEZE_KIND = "installment";

    private final AgreementStore store;
    private final Ledger ledger;
    private final Cases cases;
    private final Freezes freezes;
    private final TaskService tasks;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final InstallmentProperties terms;

    Installments(AgreementStore store, Ledger ledger, Cases cases, Freezes freezes, TaskService tasks, Timeline timeline,
            BusinessClock clock, InstallmentProperties terms) {
        this.store = store;
        this.ledger = ledger;
        this.cases = cases;
        this.freezes = freezes;
        this.tasks = tasks;
        this.timeline = timeline;
        this.clock = clock;
        this.terms = terms;
    }

    /**
     * The schedule a proposal would have today, and whether it is within the standard terms; nothing is stored.
     *
     * @throws InvalidInstallmentException listing every wrong field
     * @throws NoSuchElementException      when there is no such customer
     */
    @Transactional(readOnly = true)
    public InstallmentSchedule schedule(String customerId, InstallmentProposal proposal) {
        requireCustomer(customerId);
        return InstallmentCalculator.schedule(proposal, terms, clock.today(), ledger.debtOf(customerId).realDebt());
    }

    /**
     * Proposes an agreement in the customer's case ({@code caseId}; null: the case in work, if any). Within the
     * standard terms it is accepted and frozen at once, otherwise it awaits a manager's approval.
     *
     * @throws InvalidInstallmentException listing every wrong field
     * @throws IllegalStateException       when the customer has an agreement awaiting approval or running
     * @throws NoSuchElementException      when there is no such customer
     */
    @Transactional
    public InstallmentAgreement propose(String customerId, String caseId, InstallmentProposal proposal, String actor) {
        requireCustomer(customerId);
        List<FieldError> errors = new ArrayList<>();
        InstallmentSchedule schedule = null;
        try {
            schedule = InstallmentCalculator.schedule(proposal, terms, clock.today(), ledger.debtOf(customerId).realDebt());
        } catch (InvalidInstallmentException e) {
            errors.addAll(e.errors());
        }
        String theCase = caseOf(customerId, caseId, errors);
        String note = noteOf(proposal.note(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInstallmentException(errors);
        }
        String agreementId = UUID.randomUUID().toString();
        store.insert(new NewAgreement(agreementId, customerId, theCase, schedule, note, actor, clock.now()), clock.today());
        timeline.record(customerId, theCase, "installment-proposed", actor, "proposed " + describe(schedule)
                + " (agreement " + agreementId + ")" + (note == null ? "" : ": " + note));
        if (schedule.withinStandardTerms()) {
            if (!store.decide(agreementId, AgreementStatus.PROPOSED, AgreementStatus.ACCEPTED, actor, clock.now(), null)) {
                throw new IllegalStateException("installment agreement " + agreementId + " is no longer proposed");
            }
            int frozen = freeze(customerId, agreementId, store.payments(agreementId), actor);
            timeline.record(customerId, theCase, "installment-accepted", actor, "accepted agreement " + agreementId
                    + " at once, within the standard terms (" + standardTerms() + "); " + frozen
                    + " payments frozen until their dates");
        } else {
            String taskId = askManagers(agreementId, customerId, theCase, schedule);
            store.sendForApproval(agreementId, taskId);
            timeline.record(customerId, theCase, "installment-approval-requested", Timeline.SYSTEM,
                    "agreement " + agreementId + " is beyond the standard terms (" + standardTerms()
                            + "): sent to the managers for approval (task " + taskId + ")");
        }
        log.info("Installment agreement {} proposed for customer {} by {}", agreementId, customerId, actor);
        return get(customerId, agreementId);
    }

    /** The customer's agreements, newest first. */
    @Transactional(readOnly = true)
    public List<InstallmentAgreement> of(String customerId) {
        requireCustomer(customerId);
        return store.ofCustomer(customerId);
    }

    /** One of the customer's agreements; throws {@link NoSuchElementException} when the customer has no such one. */
    @Transactional(readOnly = true)
    public InstallmentAgreement get(String customerId, String agreementId) {
        return store.find(agreementId).filter(found -> found.customerId().equals(customerId))
                .orElseThrow(() -> new NoSuchElementException("customer '" + customerId
                        + "' has no installment agreement '" + agreementId + "'"));
    }

    /**
     * Cancels an agreement awaiting approval (its task goes) or running (the payments still ahead are no longer
     * frozen, so the case works the debt again).
     *
     * @throws IllegalStateException when the agreement was rejected, cancelled, or is over
     */
    @Transactional
    public InstallmentAgreement cancel(String customerId, String agreementId, String actor) {
        InstallmentAgreement agreement = get(customerId, agreementId);
        AgreementStatus status = statusOf(agreement);
        LocalDate today = clock.today();
        LocalDate last = agreement.schedule().get(agreement.schedule().size() - 1).dueOn();
        if (status == AgreementStatus.ACCEPTED && last.isBefore(today)) {
            throw new IllegalStateException("installment agreement " + agreementId + " is over: its last payment was due on "
                    + last);
        }
        if ((status != AgreementStatus.ACCEPTED && status != AgreementStatus.AWAITING_APPROVAL)
                || !store.cancel(agreementId, status, actor, clock.now())) {
            throw new IllegalStateException("installment agreement " + agreementId + " is " + agreement.status()
                    + " and cannot be cancelled");
        }
        String summary;
        if (status == AgreementStatus.AWAITING_APPROVAL) {
            tasks.deleteTask(agreement.approvalTaskId(), "installment agreement cancelled by " + actor);
            summary = "cancelled agreement " + agreementId + " before the managers decided (task "
                    + agreement.approvalTaskId() + " withdrawn)";
        } else {
            int lifted = liftAhead(customerId, agreementId, actor);
            summary = "cancelled agreement " + agreementId + "; " + lifted + " payments still ahead no longer frozen";
        }
        timeline.record(customerId, agreement.caseId(), "installment-cancelled", actor, summary);
        return get(customerId, agreementId);
    }

    /**
     * A manager's decision in the approval task {@code taskId}, in the transaction that completes it: approve
     * accepts the agreement and freezes the payments still ahead; reject leaves the case as it was.
     */
    @Transactional
    void decide(String taskId, String decision, String note, String actor) {
        InstallmentAgreement agreement = store.byApprovalTask(taskId)
                .orElseThrow(() -> new IllegalStateException("task " + taskId + " approves no installment agreement"));
        String agreementId = agreement.agreementId();
        boolean approved = APPROVE.equals(decision);
        if (!approved && !REJECT.equals(decision)) {
            throw new IllegalArgumentException("a decision on an installment agreement is " + APPROVE + " or " + REJECT
                    + ", not " + decision);
        }
        LocalDate today = clock.today();
        List<StoredPayment> payments = store.payments(agreementId);
        if (approved && payments.stream().allMatch(payment -> payment.dueOn().isBefore(today))) {
            throw new IllegalStateException("every payment of installment agreement " + agreementId + " was due by "
                    + payments.get(payments.size() - 1).dueOn() + ": reject it and propose a new schedule");
        }
        AgreementStatus to = approved ? AgreementStatus.ACCEPTED : AgreementStatus.REJECTED;
        if (!store.decide(agreementId, AgreementStatus.AWAITING_APPROVAL, to, actor, clock.now(), note)) {
            throw new IllegalStateException("installment agreement " + agreementId + " is "
                    + store.find(agreementId).map(InstallmentAgreement::status).orElse("gone") + ", not awaiting approval");
        }
        String because = note == null ? "" : ": " + note;
        if (approved) {
            int frozen = freeze(agreement.customerId(), agreementId, payments, actor);
            long passed = payments.size() - frozen;
            timeline.record(agreement.customerId(), agreement.caseId(), "installment-approved", actor,
                    "approved agreement " + agreementId + "; " + frozen + " payments frozen until their dates"
                            + (passed == 0 ? "" : ", " + passed + " already due left unfrozen") + because);
        } else {
            timeline.record(agreement.customerId(), agreement.caseId(), "installment-rejected", actor,
                    "rejected agreement " + agreementId + "; the case goes on as before" + because);
        }
        log.info("Installment agreement {} {} by {}", agreementId, to.code(), actor);
    }

    /** Freezes each payment due today or later until its date; returns how many. */
    private int freeze(String customerId, String agreementId, List<StoredPayment> payments, String actor) {
        LocalDate today = clock.today();
        int frozen = 0;
        for (StoredPayment payment : payments) {
            if (payment.dueOn().isBefore(today)) {
                continue;
            }
            Freeze freeze = freezes.add(customerId, new FreezeRequest(FREEZE_KIND, payment.amount(), payment.dueOn(), null,
                    "payment " + payment.number() + " of " + payments.size() + " of installment agreement " + agreementId),
                    actor);
            store.setFreeze(agreementId, payment.number(), freeze.freezeId());
            frozen++;
        }
        return frozen;
    }

    /** Lifts the agreement's freezes that are still in force; returns how many. */
    private int liftAhead(String customerId, String agreementId, String actor) {
        Set<String> inForce = freezes.active(customerId).stream().map(Freeze::freezeId).collect(Collectors.toSet());
        int lifted = 0;
        for (StoredPayment payment : store.payments(agreementId)) {
            if (payment.freezeId() != null && inForce.contains(payment.freezeId())) {
                freezes.lift(customerId, payment.freezeId(), actor);
                lifted++;
            }
        }
        return lifted;
    }

    /** A task outside any plan, named in the inbox by its local variables. */
    private String askManagers(String agreementId, String customerId, String caseId, InstallmentSchedule schedule) {
        Task task = tasks.createTaskBuilder()
                .name("Approve an installment agreement")
                .taskDefinitionKey(APPROVAL_TASK)
                .formKey(APPROVAL_FORM)
                .category("installment")
                .description("Customer " + customerId + (caseId == null ? "" : " (case " + caseId + ")") + " asks for "
                        + describe(schedule) + ", beyond the standard terms (" + standardTerms() + "). Agreement "
                        + agreementId + ": approve to freeze the schedule; reject and the case goes on.")
                .dueDate(Date.from(schedule.firstDueOn().atStartOfDay(clock.getZone()).toInstant()))
                .create();
        tasks.addCandidateGroup(task.getId(), APPROVERS);
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", customerId);
        variables.put("caseId", caseId);
        variables.put("agreementId", agreementId);
        tasks.setVariablesLocal(task.getId(), variables);
        return task.getId();
    }

    /** The case the agreement belongs to: the one named, which must be the customer's and in work, or the current one. */
    private String caseOf(String customerId, String caseId, List<FieldError> errors) {
        if (caseId == null || caseId.isBlank()) {
            return cases.currentOf(customerId).filter(Installments::inWork).map(CaseView::id).orElse(null);
        }
        CaseView named;
        try {
            named = cases.get(caseId.strip());
        } catch (NoSuchElementException e) {
            errors.add(new FieldError("caseId", "no case '" + caseId + "'"));
            return null;
        }
        if (!named.customerId().equals(customerId)) {
            errors.add(new FieldError("caseId", "case " + named.id() + " is not a case of customer " + customerId));
        } else if (!inWork(named)) {
            errors.add(new FieldError("caseId", "case " + named.id() + " is " + named.status()
                    + ": an agreement belongs to a case in work (open or suspended)"));
        }
        return named.id();
    }

    private static boolean inWork(CaseView view) {
        return "open".equals(view.status()) || "suspended".equals(view.status());
    }

    private static String noteOf(String note, List<FieldError> errors) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String stripped = note.strip();
        if (stripped.length() > MAX_NOTE_LENGTH) {
            errors.add(new FieldError("note", "has at most " + MAX_NOTE_LENGTH + " characters, not " + stripped.length()));
        }
        return stripped;
    }

    private String standardTerms() {
        return "at most " + terms.standardMaxPayments() + " payments, the last by "
                + clock.today().plus(terms.standardMaxSpan());
    }

    /** "3 payments of 333.33 (the last 333.34) every P1M from 2026-03-09 to 2026-05-09, 1000.00 in all". */
    static String describe(InstallmentSchedule schedule) {
        List<Installment> payments = schedule.schedule();
        BigDecimal first = payments.get(0).amount();
        BigDecimal last = payments.get(payments.size() - 1).amount();
        if (payments.size() == 1) {
            return "1 payment of " + first.toPlainString() + " on " + schedule.firstDueOn();
        }
        return payments.size() + " payments of " + first.toPlainString()
                + (last.compareTo(first) == 0 ? "" : " (the last " + last.toPlainString() + ")")
                + " every " + schedule.interval() + " from " + schedule.firstDueOn() + " to " + schedule.lastDueOn()
                + ", " + schedule.total().toPlainString() + " in all";
    }

    private static AgreementStatus statusOf(InstallmentAgreement agreement) {
        return AgreementStatus.valueOf(agreement.status().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private void requireCustomer(String customerId) {
        ledger.customer(customerId).orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
    }
}
