-- Work distribution: whose turn it is in each team (round-robin), and who is away.
-- One row per team: the row is locked while a task is assigned, so that nodes of a cluster take turns in order.
CREATE TABLE assignment_turn (
    team          VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_assignee VARCHAR(64),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A person away from away_from (a business day) until away_until inclusive, or until further notice (NULL).
CREATE TABLE user_absence (
    username    VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES users (username),
    away_from   DATE         NOT NULL,
    away_until  DATE,
    reason      VARCHAR(500),
    marked_by   VARCHAR(64)  NOT NULL,
    marked_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
