-- A case is one run of a collection plan for a customer (and, later, one provider/service).
CREATE TABLE collection_case (
    case_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(64)  NOT NULL REFERENCES customer (customer_id),
    service             VARCHAR(64),
    -- customer_id|service while the case is open or suspended, NULL afterwards: one active case per scope.
    active_key          VARCHAR(140) UNIQUE,
    plan_key            VARCHAR(128) NOT NULL,
    plan_version        INTEGER      NOT NULL,
    process_instance_id VARCHAR(64),
    status              VARCHAR(16)  NOT NULL,
    stage               VARCHAR(32),
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT case_status CHECK (status IN ('open', 'suspended', 'settled', 'closed'))
);
CREATE INDEX case_by_customer ON collection_case (customer_id, opened_at);
CREATE INDEX case_by_process ON collection_case (process_instance_id);
CREATE INDEX case_by_status ON collection_case (status, stage);

-- Runs that must happen once per period across all nodes (the daily evaluation).
CREATE TABLE scheduled_run (
    name        VARCHAR(64) NOT NULL PRIMARY KEY,
    last_run_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE business_clock (
    id            INTEGER NOT NULL PRIMARY KEY,
    simulated_now TIMESTAMP WITH TIME ZONE NOT NULL
);
