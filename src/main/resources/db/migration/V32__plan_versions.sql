-- plan-versions: what a case owed when it opened (the base of the champion/challenger collection rate), and the
-- migrations of running cases from one plan version to another with their progress.

-- Real debt (overdue past the plan's grace period, frozen amounts included) on the day the case opened.
-- NULL for cases opened before this column existed: reports leave those out of rates and say how many.
ALTER TABLE collection_case ADD COLUMN opening_debt NUMERIC(19,2);

-- One migration of running cases: counted up batch by batch, so its progress can be read while it runs.
CREATE TABLE plan_migration (
    migration_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    plan_key      VARCHAR(128)  NOT NULL,
    from_version  INTEGER       NOT NULL,
    to_version    INTEGER       NOT NULL,
    mappings      VARCHAR(4000) NOT NULL,
    requested_by  VARCHAR(64)   NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(16)   NOT NULL,
    total         INTEGER       NOT NULL,
    migrated      INTEGER       NOT NULL,
    failed        INTEGER       NOT NULL,
    CONSTRAINT plan_migration_status CHECK (status IN ('running', 'finished', 'failed'))
);
CREATE INDEX plan_migration_by_plan ON plan_migration (plan_key, started_at);
-- The report: cases of a plan opened in a period.
CREATE INDEX case_by_plan_opened ON collection_case (plan_key, opened_at);
