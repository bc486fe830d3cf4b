-- Notices become first-class: one dedupe key per (case, plan step and pass, resend), the remaining channels to
-- fall back on, the model to re-render for another channel, an HTML body, the provider's reference and reports,
-- and the contact rules' last deferral.
ALTER TABLE notice ADD COLUMN dedupe_key VARCHAR(200);
CREATE UNIQUE INDEX notice_by_dedupe_key ON notice (dedupe_key);
ALTER TABLE notice ADD COLUMN step VARCHAR(128);
ALTER TABLE notice ADD COLUMN fallback_channels VARCHAR(200);
ALTER TABLE notice ADD COLUMN model_json VARCHAR(20000);
ALTER TABLE notice ADD COLUMN html_body VARCHAR(200000);
ALTER TABLE notice ADD COLUMN attach_pdf BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE notice ADD COLUMN provider_ref VARCHAR(200);
ALTER TABLE notice ADD COLUMN outcome VARCHAR(32);
ALTER TABLE notice ADD COLUMN outcome_detail VARCHAR(300);
ALTER TABLE notice ADD COLUMN outcome_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice ADD COLUMN deferred_reason VARCHAR(300);
-- Which claim took a notice for sending: one conditional UPDATE claims a batch, one SELECT reads what it won.
ALTER TABLE notice ADD COLUMN claim_token VARCHAR(36);
CREATE INDEX notice_by_provider_ref ON notice (channel, provider_ref);
CREATE INDEX notice_by_case_step ON notice (case_id, step);

-- uncertain: the sender stopped between handing the notice over and recording it; a person decides.
-- suppressed: the contact rules forbid every channel the step allows (opt-out, no consent).
ALTER TABLE notice DROP CONSTRAINT notice_status;
ALTER TABLE notice ADD CONSTRAINT notice_status
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'uncertain', 'suppressed'));

-- An admin's resend of a failed or uncertain notice is a notice of its own that points at the original.
ALTER TABLE notice ADD COLUMN resend_of VARCHAR(36);

-- Due notices are taken oldest first, and in the order they were made when due at the same moment.
DROP INDEX notice_due;
CREATE INDEX notice_due ON notice (status, next_attempt_at, created_seq);
