-- The order of the log of alert messages, and how far along it each CAP hub has been given them.
-- seq numbers the messages in the order they were issued (those logged before this migration by
-- when they were sent, then by identifier); a message is never renumbered. alert_pushes keeps, for
-- each hub that serve --cap-push posts to (hub_key: the SHA-256 of its URL; hub: the URL without
-- user, password or query, for operators), the seq of the last message it was given or passed
-- over, so that a push goes on where it stopped, also after a restart, and pushes the messages
-- that another process (a scheduled ingest) issued.
ALTER TABLE alert_messages ADD COLUMN seq BIGINT;
MERGE INTO alert_messages m
  USING (SELECT identifier, ROW_NUMBER() OVER (ORDER BY sent, identifier) AS n FROM alert_messages) r
  ON m.identifier = r.identifier
  WHEN MATCHED THEN UPDATE SET seq = r.n;
ALTER TABLE alert_messages ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX alert_messages_seq ON alert_messages (seq);
-- which message states each finding: read for every message a push or the log's page gives, and
-- for the feed
CREATE INDEX findings_alert_identifier ON findings (alert_identifier);
CREATE TABLE alert_pushes (
  hub_key CHAR(64) PRIMARY KEY,
  hub VARCHAR(2000) NOT NULL,
  seq BIGINT NOT NULL,
  pushed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
