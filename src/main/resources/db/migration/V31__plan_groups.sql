-- Which plan applies: customer groups as data (seeded from dunning.groups.* on first start, then edited in the app),
-- the plans each group allows, analysts' per-customer overrides, and the plan chosen at the last evaluation.
CREATE TABLE plan_group (
    group_name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    master_plan        VARCHAR(128) NOT NULL,
    upcoming_plan      VARCHAR(128),
    decision_key       VARCHAR(128),
    challenger_plan    VARCHAR(128),
    challenger_percent INTEGER,
    split_since        TIMESTAMP WITH TIME ZONE,
    decision_problem   VARCHAR(1000),
    changed_by         VARCHAR(64)  NOT NULL,
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT plan_group_split CHECK ((challenger_plan IS NULL AND challenger_percent IS NULL)
        OR (challenger_plan IS NOT NULL AND challenger_percent BETWEEN 1 AND 99))
);

CREATE TABLE plan_group_plan (
    group_name VARCHAR(64)  NOT NULL REFERENCES plan_group (group_name),
    plan_key   VARCHAR(128) NOT NULL,
    PRIMARY KEY (group_name, plan_key)
);

-- An analyst's choice of plan for one customer; wins over the registry's plan column and the group's choice.
CREATE TABLE plan_override (
    customer_id VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES customer (customer_id),
    plan_key    VARCHAR(128) NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    set_by      VARCHAR(64)  NOT NULL,
    set_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the group's decision table or champion/challenger split chose at the last evaluation (NULL: the master plan),
-- and the customer's stable bucket 0..99 for the split (CRC32 of the id, computed in Java).
ALTER TABLE customer ADD COLUMN chosen_plan VARCHAR(128);
ALTER TABLE customer ADD COLUMN plan_bucket SMALLINT;
CREATE INDEX customer_by_group ON customer (group_name, customer_id);
