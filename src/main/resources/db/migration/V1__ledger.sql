-- Customers, invoices, payments and freezes as billing sends them. Money is NUMERIC(19,2).
CREATE TABLE customer (
    customer_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    name             VARCHAR(300) NOT NULL,
    group_name       VARCHAR(64)  NOT NULL,
    email            VARCHAR(254),
    phone            VARCHAR(32),
    telegram_chat_id VARCHAR(64),
    locale           VARCHAR(16),
    time_zone        VARCHAR(64),
    plan             VARCHAR(128),
    address          VARCHAR(500),
    building         VARCHAR(128),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE invoice (
    invoice_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    customer_id VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    contract    VARCHAR(64),
    service     VARCHAR(64),
    issued_on   DATE,
    due_on      DATE          NOT NULL,
    amount      NUMERIC(19,2) NOT NULL,
    currency    CHAR(3)       NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX invoice_by_customer ON invoice (customer_id, due_on, invoice_id);

CREATE TABLE payment (
    payment_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    customer_id VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    invoice_id  VARCHAR(64)   REFERENCES invoice (invoice_id),
    paid_on     DATE          NOT NULL,
    amount      NUMERIC(19,2) NOT NULL,
    currency    CHAR(3)       NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT payment_status CHECK (status IN ('confirmed', 'unconfirmed'))
);
CREATE INDEX payment_by_customer ON payment (customer_id);
CREATE INDEX payment_by_invoice ON payment (invoice_id);

-- Amounts taken out of conditional debt for a while: disputes, promises, installment agreements.
CREATE TABLE debt_freeze (
    freeze_id   VARCHAR(36)   NOT NULL PRIMARY KEY,
    customer_id VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    kind        VARCHAR(16)   NOT NULL,
    amount      NUMERIC(19,2),
    until       DATE,
    invoice_id  VARCHAR(64)   REFERENCES invoice (invoice_id),
    reason      VARCHAR(500),
    created_on  DATE          NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    lifted_at   TIMESTAMP WITH TIME ZONE,
    lifted_by   VARCHAR(64),
    CONSTRAINT freeze_kind CHECK (kind IN ('dispute', 'promise', 'installment'))
);
CREATE INDEX freeze_by_customer ON debt_freeze (customer_id);
