-- Installment agreements (рассрочка): part or all of a customer's real debt spread over dated payments. An agreement
-- within the standard terms is accepted when it is proposed; a longer one awaits a manager's approval (a task outside
-- any plan) and is then accepted or rejected. An accepted agreement freezes each payment's amount (debt_freeze of kind
-- installment) until its due date; cancelling it lifts the freezes of the payments not yet due.
CREATE TABLE installment_agreement (
    agreement_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    customer_id      VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    case_id          VARCHAR(36)   REFERENCES collection_case (case_id),
    status           VARCHAR(20)   NOT NULL,
    -- the customer's id while the agreement awaits approval or runs, NULL once it is rejected, cancelled or over:
    -- one agreement per customer at a time, even when two people propose at once on two nodes
    active_key       VARCHAR(64)   UNIQUE,
    total            NUMERIC(19,2) NOT NULL,
    payments         INTEGER       NOT NULL,
    -- ISO-8601, P1M
    payment_interval VARCHAR(32)   NOT NULL,
    first_due_on     DATE          NOT NULL,
    last_due_on      DATE          NOT NULL,
    note             VARCHAR(1000),
    created_by       VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the managers' task while approval is awaited (Flowable's task id)
    approval_task_id VARCHAR(64),
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_note    VARCHAR(1000),
    cancelled_by     VARCHAR(64),
    cancelled_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT installment_status CHECK (status IN ('proposed', 'awaiting-approval', 'accepted', 'rejected', 'cancelled'))
);
CREATE INDEX installment_by_customer ON installment_agreement (customer_id, created_at);
CREATE INDEX installment_by_task ON installment_agreement (approval_task_id);

-- The schedule: what is due on which date; freeze_id once the agreement is accepted (and the date was still ahead).
CREATE TABLE installment_payment (
    agreement_id   VARCHAR(36)   NOT NULL REFERENCES installment_agreement (agreement_id),
    payment_number INTEGER       NOT NULL,
    due_on         DATE          NOT NULL,
    amount         NUMERIC(19,2) NOT NULL,
    freeze_id      VARCHAR(36)   REFERENCES debt_freeze (freeze_id),
    CONSTRAINT installment_payment_pk PRIMARY KEY (agreement_id, payment_number)
);
