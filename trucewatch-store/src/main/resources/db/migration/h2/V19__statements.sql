-- The log of what assessments stated of the report days, which the webhooks and e-mail alerts
-- follow as the CAP push follows alert_messages. Each assessment that states the figures of report
-- days anew (for the first time, or revised) adds one statement in the transaction that replaces
-- the assessment, numbered in the order made (seq); body is the JSON that a webhook posts and that
-- an e-mail is written from (docs/server.md, "Alerts"). A statement is never changed.
-- alert_pushes becomes alert_places: the place of each receiver of alerts in the log it follows
-- (channel cap: a hub, in alert_messages; webhook and email: a URL or an address, in statements),
-- by receiver_key (the SHA-256 of what names the receiver), so that each goes on where it stopped.
CREATE TABLE statements (
  seq BIGINT PRIMARY KEY,
  stated TIMESTAMP WITH TIME ZONE NOT NULL,
  body CLOB NOT NULL
);
ALTER TABLE alert_pushes RENAME TO alert_places;
ALTER TABLE alert_places ALTER COLUMN hub_key RENAME TO receiver_key;
ALTER TABLE alert_places ALTER COLUMN hub RENAME TO receiver;
ALTER TABLE alert_places ALTER COLUMN pushed_at RENAME TO placed_at;
ALTER TABLE alert_places ADD COLUMN channel VARCHAR(16) DEFAULT 'cap' NOT NULL;
