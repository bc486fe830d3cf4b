-- Who suspended a case by hand (the admin cockpit), NULL otherwise. A held case waits until an admin resumes it:
-- the daily reconciliation resumes only cases that their debt suspended, not one an admin holds.
ALTER TABLE collection_case ADD COLUMN held_by VARCHAR(64);
