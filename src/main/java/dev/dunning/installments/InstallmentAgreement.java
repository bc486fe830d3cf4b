package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.List;

/**
 * An installment agreement as it stands.
 *
 * @param status         {@code awaiting-approval} (a manager decides), {@code accepted} (its payments are frozen until
 *                       their dates), {@code rejected} or {@code cancelled}
 * @param caseId         the case it was proposed in, if any
 * @param note           what the proposer wrote
 * @param approvalTaskId the managers' task, when the terms needed approval
 * @param decidedBy      who accepted or rejected it: the proposer within the standard terms, else a manager
 * @param decisionNote   what the manager wrote
 */
public record InstallmentAgreement(
        String agreementId,
        String status,
        String customerId,
        String caseId,
        BigDecimal total,
        Period interval,
        List<Installment> schedule,
        String note,
        String createdBy,
        Instant createdAt,
        String approvalTaskId,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        String cancelledBy,
        Instant cancelledAt) {

    public InstallmentAgreement {
        schedule = List.copyOf(schedule);
    }
}
