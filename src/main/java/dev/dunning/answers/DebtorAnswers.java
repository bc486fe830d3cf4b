package dev.dunning.answers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.answers.AnswerRefusedException.Reason;
import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.clock.BusinessClock;
import dev.dunning.contact.OptOutRequested;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanSettings;
import dev.dunning.timeline.Timeline;

/**
 * Debtors' answers to notices, from the answer page and from messenger buttons.
 * <p>
 * Confirm and postpone freeze today's conditional debt as a {@code promise} until the chosen date, a dispute
 * freezes it as a {@code dispute}; the ledger then suspends the case while the conditional debt is below the
 * plan's minimum and resumes it when the promise date has passed unpaid. A postponement also asks the managers to
 * review it. Each answer is written to the customer's timeline with the actor {@value #ACTOR}, published as
 * {@link DebtorAnswered}, and handed to the case's process as the message {@value #MESSAGE} when the plan waits
 * for one. A notice takes one answer; its unsubscribe link works once.
 */
@Service
public class DebtorAnswers {

    private static final Logger log = LoggerFactory.getLogger(DebtorAnswers.class);

    /** Who the timeline names for debtors' own actions. */
    public static final String ACTOR = "debtor";
    /** The message a plan may catch (an event sub-process or boundary event) to react to an answer. */
    public static final String MESSAGE = "debtorAnswered";
    /** Process variables the message carries. */
    public static final String ANSWER_VARIABLE = "debtorAnswer";
    public static final String PROMISED_ON_VARIABLE = "promisedOn";
    /** The activity id and candidate group of the managers' review of a postponement. */
    public static final String REVIEW_TASK = "reviewPostponement";
    public static final String REVIEW_GROUP = "managers";
    public static final int MAX_COMMENT_LENGTH = 1000;
    /** "I will pay by" offers a week ahead unless the plan allows less. */
    static final int DEFAULT_PROMISE_DAYS = 7;
    /** Limits when the case's plan cannot be found (it was removed); plans default to the same. */
    private static final int FALLBACK_MAX_PROMISE_DAYS = 14;
    private static final int FALLBACK_MAX_POSTPONE_DAYS = 30;
    /** Case statuses after which a notice's answer links no longer work. */
    private static final java.util.Set<String> ENDED = java.util.Set.of("settled", "closed");
    /** A freeze's reason column holds this much; a longer dispute comment is kept whole in debtor_answer. */
    private static final int MAX_FREEZE_REASON = 500;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Freezes freezes;
    private final Cases cases;
    private final PlanCatalog plans;
    private final Timeline timeline;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final BusinessClock clock;

    DebtorAnswers(JdbcClient jdbc, Ledger ledger, Freezes freezes, Cases cases, PlanCatalog plans, Timeline timeline,
            TaskService tasks, RuntimeService runtime, ApplicationEventPublisher events, BusinessClock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.freezes = freezes;
        this.cases = cases;
        this.plans = plans;
        this.timeline = timeline;
        this.tasks = tasks;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The customer's debt today and the dates the case's plan allows.
     *
     * @throws NoSuchElementException when the customer does not exist
     */
    @Transactional(readOnly = true)
    public AnswerChoices choices(String customerId, String caseId) {
        DebtSummary debt = ledger.debtOf(customerId);
        Optional<PlanSettings> plan = planOf(caseId, debt);
        int promiseDays = plan.map(PlanSettings::maxPromiseDays).orElse(FALLBACK_MAX_PROMISE_DAYS);
        int postponeDays = plan.map(PlanSettings::maxPostponeDays).orElse(FALLBACK_MAX_POSTPONE_DAYS);
        LocalDate today = clock.today();
        return new AnswerChoices(today, debt.conditionalDebt(), debt.oldestDueOn(),
                today.plusDays(Math.min(DEFAULT_PROMISE_DAYS, promiseDays)), today.plusDays(promiseDays),
                today.plusDays(1), today.plusDays(postponeDays));
    }

    /** Whether the notice already took this kind of answer (any of confirm, postpone, dispute; or unsubscribe). */
    public boolean answered(String noticeId, DebtorAction action) {
        return jdbc.sql("SELECT COUNT(*) FROM debtor_answer WHERE notice_id = :notice AND answer_kind = :kind")
                .param("notice", noticeId)
                .param("kind", kindOf(action))
                .query(Integer.class).single() > 0;
    }

    /**
     * Takes a debtor's answer, once per notice.
     *
     * @throws AnswerRefusedException when the answer is not taken (answered before, nothing owed, a date outside
     *                                the plan's limits, a missing or too long comment); nothing is changed then
     * @throws NoSuchElementException when the customer does not exist
     */
    @Transactional
    public void answer(DebtorAnswer answer) {
        // Before anything else: after a promise there is nothing owed, but "answered before" is the true reason.
        if (answered(answer.noticeId(), answer.action())) {
            throw alreadyAnswered(answer);
        }
        if (answer.action() == DebtorAction.UNSUBSCRIBE) {
            unsubscribe(answer);
            return;
        }
        if (answer.caseId() == null) {
            throw new AnswerRefusedException(Reason.NO_CASE, "only an unsubscribe can answer a notice outside a case");
        }
        AnswerChoices choices = choices(answer.customerId(), answer.caseId());
        requireCaseInWork(answer.customerId(), answer.caseId(), choices);
        String comment = check(answer, choices);
        // Claim before judging the debt: when another node took an answer to this notice a moment ago, its freeze
        // already hides the debt, yet "answered before" is the true reason. A refusal below rolls the claim back.
        claim(answer, comment);
        if (choices.nothingOwed()) {
            throw new AnswerRefusedException(Reason.NOTHING_OWED,
                    "customer " + answer.customerId() + " has no debt waiting for payment");
        }
        BigDecimal amount = choices.conditionalDebt().setScale(2, RoundingMode.HALF_UP);
        Freeze freeze = freezes.add(answer.customerId(), freezeRequest(answer, amount, comment), ACTOR);
        jdbc.sql("UPDATE debtor_answer SET freeze_id = :freeze WHERE notice_id = :notice AND answer_kind = 'answer'")
                .param("freeze", freeze.freezeId())
                .param("notice", answer.noticeId())
                .update();
        timeline.record(answer.customerId(), answer.caseId(), "debtor-answered", ACTOR, describe(answer));
        if (answer.action() == DebtorAction.POSTPONE) {
            askManagersToReview(answer, freeze);
        }
        tellThePlan(answer);
        events.publishEvent(new DebtorAnswered(answer.customerId(), answer.caseId(), answer.noticeId(),
                answer.action().code(), answer.date(), comment));
        log.info("Debtor answer {} to notice {} of customer {} by {}", answer.action().code(), answer.noticeId(),
                answer.customerId(), answer.source());
    }

    /**
     * Refuses an answer to the debt through a notice whose case cannot take it: a case that is not the customer's
     * (links are signed for the notice's own case, so this is a forgery or a bug) or one that has ended, whose links
     * end with it, so that an old notice cannot freeze the debt of the customer's next case. A customer who owes
     * nothing is told that instead.
     *
     * @throws AnswerRefusedException {@code FOREIGN_CASE}, {@code NOTHING_OWED} or {@code CASE_ENDED}
     */
    public void requireCaseInWork(String customerId, String caseId) {
        requireCaseInWork(customerId, caseId, null);
    }

    private void requireCaseInWork(String customerId, String caseId, AnswerChoices known) {
        CaseView view;
        try {
            view = caseId == null ? null : cases.get(caseId);
        } catch (NoSuchElementException noSuchCase) {
            view = null;
        }
        if (view == null || !view.customerId().equals(customerId)) {
            throw new AnswerRefusedException(Reason.FOREIGN_CASE, "case " + caseId + " is not a case of customer "
                    + customerId);
        }
        if (ENDED.contains(view.status())) {
            AnswerChoices choices = known != null ? known : choices(customerId, caseId);
            throw choices.nothingOwed()
                    ? new AnswerRefusedException(Reason.NOTHING_OWED, "customer " + customerId + " has no debt waiting for payment")
                    : new AnswerRefusedException(Reason.CASE_ENDED, "case " + caseId + " of customer " + customerId
                            + " has ended (" + view.status() + ")");
        }
    }

    private void unsubscribe(DebtorAnswer answer) {
        if (answer.channel() == null || answer.channel().isBlank()) {
            throw new IllegalArgumentException("an unsubscribe names the channel");
        }
        claim(answer, null);
        timeline.record(answer.customerId(), answer.caseId(), "opt-out-requested", ACTOR,
                "asked to receive nothing more by " + answer.channel() + " (notice " + answer.noticeId() + ", "
                        + answer.source() + ")");
        events.publishEvent(new OptOutRequested(answer.customerId(), answer.channel(), answer.source()));
        log.info("Customer {} unsubscribed from {} through notice {}", answer.customerId(), answer.channel(),
                answer.noticeId());
    }

    /** Checks the date or comment against the plan's limits; returns the comment, stripped. */
    private static String check(DebtorAnswer answer, AnswerChoices choices) {
        LocalDate date = answer.date();
        switch (answer.action()) {
            case CONFIRM -> requireDate(date, choices.today(), choices.payByLatest());
            case POSTPONE -> requireDate(date, choices.postponeEarliest(), choices.postponeLatest());
            case DISPUTE -> {
                String comment = answer.comment() == null ? "" : answer.comment().strip();
                if (comment.isEmpty()) {
                    throw new AnswerRefusedException(Reason.COMMENT_REQUIRED, "a dispute needs a comment");
                }
                if (comment.length() > MAX_COMMENT_LENGTH) {
                    throw new AnswerRefusedException(Reason.COMMENT_TOO_LONG, "a dispute's comment has at most "
                            + MAX_COMMENT_LENGTH + " characters, not " + comment.length());
                }
                return comment;
            }
            default -> throw new IllegalArgumentException("not an answer to the debt: " + answer.action());
        }
        return null;
    }

    private static void requireDate(LocalDate date, LocalDate earliest, LocalDate latest) {
        if (date == null || date.isBefore(earliest) || date.isAfter(latest)) {
            throw new AnswerRefusedException(Reason.BAD_DATE,
                    "the date must be from " + earliest + " to " + latest + ", not " + date);
        }
    }

    /** Records the answer; a second answer to the same notice (even from another node at once) fails here. */
    private void claim(DebtorAnswer answer, String comment) {
        try {
            jdbc.sql("""
                    INSERT INTO debtor_answer (notice_id, answer_kind, action, token_id, customer_id, case_id, channel,
                                               source, answered_on, comment, answered_at)
                    VALUES (:notice, :kind, :action, :token, :customer, :case, :channel, :source, :date, :comment, :at)""")
                    .param("notice", answer.noticeId())
                    .param("kind", kindOf(answer.action()))
                    .param("action", answer.action().code())
                    .param("token", answer.tokenId())
                    .param("customer", answer.customerId())
                    .param("case", answer.caseId())
                    .param("channel", answer.channel())
                    .param("source", answer.source())
                    .param("date", answer.date())
                    .param("comment", comment)
                    .param("at", clock.now().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyAnswered(answer);
        }
    }

    private static AnswerRefusedException alreadyAnswered(DebtorAnswer answer) {
        return new AnswerRefusedException(Reason.ALREADY_ANSWERED, answer.action() == DebtorAction.UNSUBSCRIBE
                ? "notice " + answer.noticeId() + " was unsubscribed from before"
                : "notice " + answer.noticeId() + " was answered before");
    }

    private static FreezeRequest freezeRequest(DebtorAnswer answer, BigDecimal amount, String comment) {
        return switch (answer.action()) {
            case CONFIRM -> new FreezeRequest("promise", amount, answer.date(), null,
                    "the debtor promised to pay by " + answer.date() + " (notice " + answer.noticeId() + ")");
            case POSTPONE -> new FreezeRequest("promise", amount, answer.date(), null,
                    "the debtor asked to postpone payment to " + answer.date() + " (notice " + answer.noticeId() + ")");
            case DISPUTE -> new FreezeRequest("dispute", amount, null, null, comment.length() <= MAX_FREEZE_REASON
                    ? comment : comment.substring(0, MAX_FREEZE_REASON - 1) + "…");
            case UNSUBSCRIBE -> throw new IllegalArgumentException("an unsubscribe freezes nothing");
        };
    }

    /** A task for the managers, outside the plan (it must not wait while the case is suspended). */
    private void askManagersToReview(DebtorAnswer answer, Freeze freeze) {
        Task task = tasks.createTaskBuilder()
                .name("Review a postponement")
                .taskDefinitionKey(REVIEW_TASK)
                .category("debtor-answer")
                .description("Customer " + answer.customerId() + " asked to postpone payment to " + answer.date()
                        + " (case " + answer.caseId() + ", notice " + answer.noticeId() + "). The promise freeze "
                        + freeze.freezeId() + " holds the case until then; lift it to refuse the postponement.")
                .dueDate(Date.from(answer.date().atStartOfDay(clock.getZone()).toInstant()))
                .create();
        tasks.addCandidateGroup(task.getId(), REVIEW_GROUP);
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", answer.customerId());
        variables.put("caseId", answer.caseId());
        variables.put("freezeId", freeze.freezeId());
        variables.put("postponedTo", answer.date().toString());
        tasks.setVariablesLocal(task.getId(), variables);
        timeline.record(answer.customerId(), answer.caseId(), "review-requested", Timeline.SYSTEM,
                "managers asked to review the postponement to " + answer.date() + " (task " + task.getId() + ")");
    }

    /** Hands the answer to the case's process when an execution there waits for {@value #MESSAGE}. */
    private void tellThePlan(DebtorAnswer answer) {
        String processInstanceId = jdbc.sql("""
                SELECT process_instance_id FROM collection_case WHERE case_id = :case AND active_key IS NOT NULL""")
                .param("case", answer.caseId())
                .query(String.class).optional().orElse(null);
        if (processInstanceId == null
                || runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).active().count() == 0) {
            return; // no running case, or one that waits suspended: the freeze alone decides
        }
        Optional<Execution> waiting = runtime.createExecutionQuery()
                .processInstanceId(processInstanceId)
                .messageEventSubscriptionName(MESSAGE)
                .list().stream().findFirst();
        if (waiting.isPresent()) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(ANSWER_VARIABLE, answer.action().code());
            if (answer.date() != null) {
                variables.put(PROMISED_ON_VARIABLE, answer.date());
            }
            runtime.messageEventReceived(MESSAGE, waiting.get().getId(), variables);
        }
    }

    private Optional<PlanSettings> planOf(String caseId, DebtSummary debt) {
        if (caseId != null) {
            try {
                CaseView view = cases.get(caseId);
                Optional<PlanSettings> version = plans.version(view.plan(), view.planVersion());
                if (version.isPresent()) {
                    return version;
                }
            } catch (NoSuchElementException noSuchCase) {
                // A notice made outside the cases table (a test, an import): the customer's plan applies.
            }
        }
        return debt.planKey() == null ? Optional.empty() : plans.latest(debt.planKey());
    }

    private static String describe(DebtorAnswer answer) {
        String how = " (notice " + answer.noticeId() + ", by " + answer.source() + ")";
        return switch (answer.action()) {
            case CONFIRM -> "promised to pay by " + answer.date() + how;
            case POSTPONE -> "asked to postpone payment to " + answer.date() + how;
            case DISPUTE -> "disputed the debt" + how;
            case UNSUBSCRIBE -> "unsubscribed from " + answer.channel() + how;
        };
    }

    private static String kindOf(DebtorAction action) {
        return action == DebtorAction.UNSUBSCRIBE ? "unsubscribe" : "answer";
    }
}
