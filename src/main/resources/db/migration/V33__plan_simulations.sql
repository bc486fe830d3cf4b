-- Plan simulations: who asked for which run, how far it is, and what it found. Runs happen in a sandbox engine of
-- their own; this table is all they write to the application's database, so any node can answer how a run is doing.
CREATE TABLE plan_simulation (
    simulation_id VARCHAR(36)     NOT NULL PRIMARY KEY,
    plan_key      VARCHAR(128)    NOT NULL,
    plan_version  INTEGER,
    file_name     VARCHAR(255),
    status        VARCHAR(16)     NOT NULL,
    progress      INTEGER         NOT NULL,
    requested_by  VARCHAR(64)     NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    request_json  VARCHAR(20000)  NOT NULL,
    result_json   VARCHAR(1000000),
    error         VARCHAR(2000)
);
CREATE INDEX plan_simulation_by_plan ON plan_simulation (plan_key, requested_at);
