-- Who deployed which version of a plan, when (business time), from which file and its SHA-256.
-- The start-up deployment of the processes folder is recorded with the actor 'system'.
CREATE TABLE plan_deployment (
    deployment_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    plan_key              VARCHAR(64)  NOT NULL,
    plan_version          INTEGER      NOT NULL,
    process_definition_id VARCHAR(255) NOT NULL,
    deployed_by           VARCHAR(64)  NOT NULL,
    deployed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    file_name             VARCHAR(255) NOT NULL,
    sha256                CHAR(64)     NOT NULL,
    CONSTRAINT plan_deployment_key_version UNIQUE (plan_key, plan_version)
);
