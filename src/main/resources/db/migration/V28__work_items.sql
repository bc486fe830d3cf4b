-- The inboxes' read model: one row per open task and lane, kept in step with the engine's tasks by
-- dev.dunning.inbox.WorkItemListener in the engine's own transaction. Lane '' is the task itself (who it is
-- assigned to, what everyone who sees all tasks sees); each candidate group adds a lane with the same values,
-- so "my group's unclaimed tasks in priority order" is one index range.
CREATE TABLE work_item (
    task_id             VARCHAR(64)   NOT NULL,
    lane                VARCHAR(64)   NOT NULL,
    name                VARCHAR(255),
    activity_id         VARCHAR(255),
    form_key            VARCHAR(255),
    process_instance_id VARCHAR(64),
    customer_id         VARCHAR(64),
    case_id             VARCHAR(36),
    assignee            VARCHAR(255),
    priority            INTEGER       NOT NULL,
    -- The customer's conditional debt, refreshed when their ledger changes.
    amount              NUMERIC(19,2) NOT NULL,
    -- No date sorts last: 9999-12-31.
    oldest_due_on       DATE          NOT NULL,
    promise_due         DATE          NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE,
    follow_up_at        TIMESTAMP WITH TIME ZONE,
    suspended           BOOLEAN       NOT NULL,
    CONSTRAINT work_item_pk PRIMARY KEY (task_id, lane)
);
-- My tasks (lane '', assignee = me) and a group's unclaimed ones (lane = group, assignee IS NULL), in priority order.
CREATE INDEX work_item_queue ON work_item (lane, suspended, assignee, priority DESC, promise_due, amount, oldest_due_on, task_id);
-- Every open task in priority order (managers, admins).
CREATE INDEX work_item_all ON work_item (lane, suspended, priority DESC, promise_due, amount, oldest_due_on, task_id);
CREATE INDEX work_item_by_customer ON work_item (customer_id);

-- Teams: the candidate groups a user works besides the one of their role (collectors, lawyers, managers).
CREATE TABLE user_team (
    username  VARCHAR(64) NOT NULL REFERENCES users (username),
    team      VARCHAR(64) NOT NULL,
    CONSTRAINT user_team_pk PRIMARY KEY (username, team)
);
