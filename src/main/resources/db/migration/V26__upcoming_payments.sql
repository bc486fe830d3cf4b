-- Reminders before a payment falls due: one process per customer and due date, started by the daily
-- evaluation. The primary key makes the start happen once, across nodes and restarts. Rows of dates
-- that have passed are deleted by the evaluation; only today and later can still be started.
CREATE TABLE upcoming_payment (
    customer_id         VARCHAR(64)  NOT NULL REFERENCES customer (customer_id),
    due_on              DATE         NOT NULL,
    plan_key            VARCHAR(128) NOT NULL,
    plan_version        INTEGER      NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT upcoming_payment_pk PRIMARY KEY (customer_id, due_on)
);
CREATE INDEX upcoming_by_due ON upcoming_payment (due_on);

-- Who has something falling due in the next days: invoices by due date, installments by their date.
CREATE INDEX invoice_by_due ON invoice (due_on, customer_id);
CREATE INDEX freeze_by_kind_until ON debt_freeze (kind, until, customer_id);
