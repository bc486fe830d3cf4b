package dev.dunning.installments;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agreements and their schedules in {@code installment_agreement} and {@code installment_payment}. */
@Repository
class AgreementStore {

    private static final String COLUMNS = """
            agreement_id, customer_id, case_id, status, total, payment_interval, note, created_by, created_at,
            approval_task_id, decided_by, decided_at, decision_note, cancelled_by, cancelled_at""";

    private final JdbcClient jdbc;

    AgreementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A schedule row as stored: the freeze that holds it once the agreement is accepted. */
    record StoredPayment(int number, LocalDate dueOn, BigDecimal amount, String freezeId) {

        Installment installment() {
            return new Installment(number, dueOn, amount);
        }
    }

    /** A new agreement: nothing decided, nothing frozen yet. */
    record NewAgreement(String agreementId, String customerId, String caseId, InstallmentSchedule schedule,
            String note, String createdBy, Instant createdAt) {
    }

    /**
     * Stores the agreement, {@code proposed}, and its schedule, as the customer's one agreement at a time.
     *
     * @throws IllegalStateException when the customer has another agreement awaiting approval or running
     */
    void insert(NewAgreement agreement, LocalDate today) {
        // An accepted agreement whose last date has passed is over; it no longer stands in the way of a new one.
        jdbc.sql("""
                UPDATE installment_agreement SET active_key = NULL
                WHERE active_key = :customer AND status = :accepted AND last_due_on < :today""")
                .param("customer", agreement.customerId())
                .param("accepted", AgreementStatus.ACCEPTED.code())
                .param("today", today)
                .update();
        jdbc.sql("SELECT agreement_id, status FROM installment_agreement WHERE active_key = :customer")
                .param("customer", agreement.customerId())
                .query((rs, row) -> rs.getString("agreement_id") + ", " + rs.getString("status"))
                .optional()
                .ifPresent(holding -> {
                    throw inTheWay(agreement.customerId(), holding, null);
                });
        InstallmentSchedule schedule = agreement.schedule();
        try {
            jdbc.sql("""
                    INSERT INTO installment_agreement (agreement_id, customer_id, case_id, status, active_key, total,
                        payments, payment_interval, first_due_on, last_due_on, note, created_by, created_at)
                    VALUES (:id, :customer, :case, :status, :customer, :total, :payments, :interval, :first, :last,
                        :note, :by, :at)""")
                    .param("id", agreement.agreementId())
                    .param("customer", agreement.customerId())
                    .param("case", agreement.caseId())
                    .param("status", AgreementStatus.PROPOSED.code())
                    .param("total", schedule.total())
                    .param("payments", schedule.schedule().size())
                    .param("interval", schedule.interval().toString())
                    .param("first", schedule.firstDueOn())
                    .param("last", schedule.lastDueOn())
                    .param("note", agreement.note())
                    .param("by", agreement.createdBy())
                    .param("at", utc(agreement.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            // Proposed a moment ago by someone else; PostgreSQL allows no further statement in this transaction.
            throw inTheWay(agreement.customerId(), "proposed at this very moment", e);
        }
        for (Installment payment : schedule.schedule()) {
            jdbc.sql("""
                    INSERT INTO installment_payment (agreement_id, payment_number, due_on, amount)
                    VALUES (:id, :number, :due, :amount)""")
                    .param("id", agreement.agreementId())
                    .param("number", payment.number())
                    .param("due", payment.dueOn())
                    .param("amount", payment.amount())
                    .update();
        }
    }

    /** A proposed agreement now waits for the managers' decision in this task. */
    void sendForApproval(String agreementId, String taskId) {
        int updated = jdbc.sql("""
                UPDATE installment_agreement SET status = :awaiting, approval_task_id = :task
                WHERE agreement_id = :id AND status = :proposed""")
                .param("awaiting", AgreementStatus.AWAITING_APPROVAL.code())
                .param("task", taskId)
                .param("id", agreementId)
                .param("proposed", AgreementStatus.PROPOSED.code())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("installment agreement " + agreementId + " is no longer proposed");
        }
    }

    private static IllegalStateException inTheWay(String customerId, String holding, Exception cause) {
        return new IllegalStateException("customer " + customerId + " already has an installment agreement ("
                + holding + "): another can be proposed once it is rejected, cancelled or over", cause);
    }

    void setFreeze(String agreementId, int number, String freezeId) {
        jdbc.sql("UPDATE installment_payment SET freeze_id = :freeze WHERE agreement_id = :id AND payment_number = :number")
                .param("freeze", freezeId).param("id", agreementId).param("number", number).update();
    }

    /**
     * Records a decision on an agreement that is still in {@code from}; false when it no longer is (decided or
     * cancelled meanwhile, perhaps on another node), and then nothing is changed.
     */
    boolean decide(String agreementId, AgreementStatus from, AgreementStatus to, String actor, Instant at, String note) {
        // A rejected agreement no longer stands in the way of another one; an accepted one does until it is over.
        String activeKey = to == AgreementStatus.ACCEPTED ? "active_key" : "NULL";
        return jdbc.sql("""
                UPDATE installment_agreement
                SET status = :to, decided_by = :actor, decided_at = :at, decision_note = :note, active_key = %s
                WHERE agreement_id = :id AND status = :from""".formatted(activeKey))
                .param("to", to.code())
                .param("actor", actor)
                .param("at", utc(at))
                .param("note", note)
                .param("id", agreementId)
                .param("from", from.code())
                .update() == 1;
    }

    /** Cancels an agreement that is still in {@code from}; false when it no longer is. */
    boolean cancel(String agreementId, AgreementStatus from, String actor, Instant at) {
        return jdbc.sql("""
                UPDATE installment_agreement
                SET status = :cancelled, cancelled_by = :actor, cancelled_at = :at, active_key = NULL
                WHERE agreement_id = :id AND status = :from""")
                .param("cancelled", AgreementStatus.CANCELLED.code())
                .param("actor", actor)
                .param("at", utc(at))
                .param("id", agreementId)
                .param("from", from.code())
                .update() == 1;
    }

    Optional<InstallmentAgreement> find(String agreementId) {
        return list("agreement_id = :key", agreementId).stream().findFirst();
    }

    Optional<InstallmentAgreement> byApprovalTask(String taskId) {
        return list("approval_task_id = :key", taskId).stream().findFirst();
    }

    /** The customer's agreements, newest first. */
    List<InstallmentAgreement> ofCustomer(String customerId) {
        return list("customer_id = :key", customerId);
    }

    List<StoredPayment> payments(String agreementId) {
        return jdbc.sql("""
                SELECT payment_number, due_on, amount, freeze_id FROM installment_payment
                WHERE agreement_id = :id ORDER BY payment_number""")
                .param("id", agreementId)
                .query((rs, row) -> new StoredPayment(rs.getInt("payment_number"), rs.getObject("due_on", LocalDate.class),
                        rs.getBigDecimal("amount"), rs.getString("freeze_id")))
                .list();
    }

    private List<InstallmentAgreement> list(String condition, String key) {
        record Row(String agreementId, String customerId, String caseId, String status, BigDecimal total,
                Period interval, String note, String createdBy, Instant createdAt, String approvalTaskId,
                String decidedBy, Instant decidedAt, String decisionNote, String cancelledBy, Instant cancelledAt) {
        }
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM installment_agreement WHERE " + condition
                        + " ORDER BY created_at DESC, agreement_id")
                .param("key", key)
                .query((rs, row) -> new Row(rs.getString("agreement_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getString("status"), rs.getBigDecimal("total"),
                        Period.parse(rs.getString("payment_interval")), rs.getString("note"), rs.getString("created_by"),
                        instant(rs, "created_at"), rs.getString("approval_task_id"), rs.getString("decided_by"),
                        instant(rs, "decided_at"), rs.getString("decision_note"), rs.getString("cancelled_by"),
                        instant(rs, "cancelled_at")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Installment>> schedules = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT agreement_id, payment_number, due_on, amount FROM installment_payment
                WHERE agreement_id IN (:ids) ORDER BY agreement_id, payment_number""")
                .param("ids", rows.stream().map(Row::agreementId).toList())
                .query((rs, row) -> Map.entry(rs.getString("agreement_id"), new Installment(rs.getInt("payment_number"),
                        rs.getObject("due_on", LocalDate.class), rs.getBigDecimal("amount"))))
                .list()
                .forEach(entry -> schedules.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return rows.stream().map(row -> new InstallmentAgreement(row.agreementId(), row.status(), row.customerId(),
                row.caseId(), row.total(), row.interval(), schedules.getOrDefault(row.agreementId(), List.of()),
                row.note(), row.createdBy(), row.createdAt(), row.approvalTaskId(), row.decidedBy(), row.decidedAt(),
                row.decisionNote(), row.cancelledBy(), row.cancelledAt())).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
