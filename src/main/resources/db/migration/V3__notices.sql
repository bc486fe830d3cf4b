-- The outbox: a plan step writes a notice in its own transaction; a retried sender delivers it.
CREATE TABLE notice (
    notice_id       VARCHAR(36)   NOT NULL PRIMARY KEY,
    customer_id     VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    case_id         VARCHAR(36),
    channel         VARCHAR(16)   NOT NULL,
    template        VARCHAR(64)   NOT NULL,
    locale          VARCHAR(16)   NOT NULL,
    recipient       VARCHAR(254),
    subject         VARCHAR(500),
    body            VARCHAR(20000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    last_error      VARCHAR(1000),
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notice_status CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled'))
);
CREATE INDEX notice_due ON notice (status, next_attempt_at);
CREATE INDEX notice_by_customer ON notice (customer_id, created_at);
CREATE INDEX notice_by_case ON notice (case_id);
