-- The debt picture that the dashboard, the reports and the digest read, kept current by the evaluation (and, for
-- positions, by every committed change to a customer's money), so that no page works the ledger out again.
-- Empty text, not NULL, stands for "none" in key columns, so that they can be primary keys and GROUP BY keys.

-- What each customer owes today, per service of their invoices.
CREATE TABLE debt_position (
    customer_id      VARCHAR(64)   NOT NULL,
    service          VARCHAR(64)   NOT NULL,
    group_name       VARCHAR(64)   NOT NULL,
    plan_key         VARCHAR(128)  NOT NULL,
    building         VARCHAR(128)  NOT NULL,
    as_of            DATE          NOT NULL,
    -- everything unpaid, due or not
    balance          NUMERIC(19,2) NOT NULL,
    -- unpaid and past the plan's grace period
    real_debt        NUMERIC(19,2) NOT NULL,
    -- the part of real debt taken out by the customer's freezes and unconfirmed payments, shared over services
    -- in proportion to their real debt
    frozen           NUMERIC(19,2) NOT NULL,
    conditional_debt NUMERIC(19,2) NOT NULL,
    -- the balance by days past due on the day of the position
    not_due          NUMERIC(19,2) NOT NULL,
    overdue_1_30     NUMERIC(19,2) NOT NULL,
    overdue_31_60    NUMERIC(19,2) NOT NULL,
    overdue_61_90    NUMERIC(19,2) NOT NULL,
    overdue_91_180   NUMERIC(19,2) NOT NULL,
    overdue_over_180 NUMERIC(19,2) NOT NULL,
    oldest_due_on    DATE,
    -- whether this is the customer's largest service, where they are counted once
    counted          BOOLEAN       NOT NULL,
    PRIMARY KEY (customer_id, service)
);
CREATE INDEX debt_position_by_group ON debt_position (group_name, plan_key);
CREATE INDEX debt_position_by_building ON debt_position (building);

-- The positions summed at each evaluation: the history behind trends, roll rates, DSO and "since yesterday".
CREATE TABLE debt_day (
    as_of            DATE          NOT NULL,
    group_name       VARCHAR(64)   NOT NULL,
    plan_key         VARCHAR(128)  NOT NULL,
    building         VARCHAR(128)  NOT NULL,
    service          VARCHAR(64)   NOT NULL,
    -- customers with a balance on this service, and those of them with real debt on it
    customers        INTEGER       NOT NULL,
    debtors          INTEGER       NOT NULL,
    -- the same, but each customer counted on one row only (their largest service), so that sums count people once
    counted_customers INTEGER      NOT NULL,
    counted_debtors  INTEGER       NOT NULL,
    balance          NUMERIC(19,2) NOT NULL,
    real_debt        NUMERIC(19,2) NOT NULL,
    frozen           NUMERIC(19,2) NOT NULL,
    conditional_debt NUMERIC(19,2) NOT NULL,
    not_due          NUMERIC(19,2) NOT NULL,
    overdue_1_30     NUMERIC(19,2) NOT NULL,
    overdue_31_60    NUMERIC(19,2) NOT NULL,
    overdue_61_90    NUMERIC(19,2) NOT NULL,
    overdue_91_180   NUMERIC(19,2) NOT NULL,
    overdue_over_180 NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (as_of, group_name, plan_key, building, service)
);

-- What was charged (invoices by issue date, or due date when billing gave none) and collected (confirmed payments
-- by payment date) each day: collection rate, DSO and CEI. Payments belong to the customer, not to a service.
CREATE TABLE collection_day (
    on_day           DATE          NOT NULL,
    group_name       VARCHAR(64)   NOT NULL,
    plan_key         VARCHAR(128)  NOT NULL,
    building         VARCHAR(128)  NOT NULL,
    charged          NUMERIC(19,2) NOT NULL,
    collected        NUMERIC(19,2) NOT NULL,
    invoices         INTEGER       NOT NULL,
    payments         INTEGER       NOT NULL,
    PRIMARY KEY (on_day, group_name, plan_key, building)
);

-- When each part of the picture was last brought up to date, and for which business day.
CREATE TABLE debt_picture_run (
    name             VARCHAR(32)   NOT NULL PRIMARY KEY,
    as_of            DATE          NOT NULL,
    ran_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    millis           BIGINT        NOT NULL
);
-- never run yet (millis -1); the positions row is also the lock that keeps refreshes one at a time
INSERT INTO debt_picture_run (name, as_of, ran_at, millis) VALUES ('positions', DATE '1970-01-01', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', -1);
INSERT INTO debt_picture_run (name, as_of, ran_at, millis) VALUES ('collections', DATE '1970-01-01', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', -1);

-- Customers whose money changed while a rebuild held the picture: rewritten when it ends or at the next change.
CREATE TABLE debt_position_stale (
    customer_id      VARCHAR(64)   NOT NULL
);
