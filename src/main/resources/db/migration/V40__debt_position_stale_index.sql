-- The rewrite of stale positions deletes its customers' marks a thousand at a time; after a large import the table
-- holds a mark for every customer, and each delete read all of them.
CREATE INDEX debt_position_stale_by_customer ON debt_position_stale (customer_id);
