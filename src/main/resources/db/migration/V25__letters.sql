-- Paper letters: each notice sent by post is a PDF in the print batch of its business day. Kept in the database so
-- that any node can add to a batch and any node can print it.
CREATE TABLE letter (
    notice_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
    customer_id VARCHAR(64)  NOT NULL REFERENCES customer (customer_id),
    batch_date  DATE         NOT NULL,
    recipient   VARCHAR(500) NOT NULL,
    colored     BOOLEAN      NOT NULL,
    pages       INTEGER      NOT NULL,
    pdf         BYTEA        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX letter_by_batch ON letter (batch_date, colored, customer_id);

-- A closed print batch: written to the batch folder once, by whichever node closed it.
CREATE TABLE letter_batch (
    batch_date DATE    NOT NULL PRIMARY KEY,
    letters    INTEGER NOT NULL,
    pages      INTEGER NOT NULL,
    colored    INTEGER NOT NULL,
    closed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
