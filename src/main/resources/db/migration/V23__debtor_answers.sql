-- Debtors' answers to notices, through signed links or messenger buttons. A notice is answered once (confirm,
-- postpone or dispute: the first answer uses all three of its links) and unsubscribed once; a second try finds
-- the row and changes nothing.
CREATE TABLE debtor_answer (
    notice_id   VARCHAR(64)   NOT NULL,
    answer_kind VARCHAR(16)   NOT NULL,
    action      VARCHAR(16)   NOT NULL,
    -- the link's id (its signature, base64url); null when the debtor answered with a messenger button
    token_id    VARCHAR(64),
    customer_id VARCHAR(64)   NOT NULL REFERENCES customer (customer_id),
    case_id     VARCHAR(36),
    channel     VARCHAR(16),
    source      VARCHAR(16)   NOT NULL,
    -- the date the debtor chose (confirm, postpone) and the dispute's comment in full
    answered_on DATE,
    comment     VARCHAR(1000),
    freeze_id   VARCHAR(36),
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT debtor_answer_once PRIMARY KEY (notice_id, answer_kind),
    CONSTRAINT debtor_answer_kind CHECK (answer_kind IN ('answer', 'unsubscribe'))
);
CREATE INDEX debtor_answer_by_customer ON debtor_answer (customer_id, answered_at);

-- The key that signs answer links in the demo and in tests, made at the first start and shared by every node
-- on this database. Production sets dunning.answers.secret instead and never reads this table.
CREATE TABLE answer_link_key (
    id         INTEGER      NOT NULL PRIMARY KEY,
    secret     VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
