-- The log of alert messages (the CAP messages and their feed): each message issued for a finding
-- of violation or probable violation, written once and never changed. An Alert first states a
-- finding, an Update replaces the messages in refs when the finding changes, a Cancel withdraws
-- them when no finding of violation or probable violation rests on its evidence any more. Each
-- row keeps what the finding stated (for a Cancel: what the message it withdraws stated), the
-- SHA-256 of its evidence rows (space-separated) and the messages it references ("identifier,sent"
-- pairs, space-separated). findings.alert_identifier names the message that states each finding
-- of the current assessment; the findings assessed before this migration get theirs at the next
-- assessment.
CREATE TABLE alert_messages (
  identifier VARCHAR(200) PRIMARY KEY,
  sent TIMESTAMP WITH TIME ZONE NOT NULL,
  msg_type VARCHAR(8) NOT NULL,
  finding_id VARCHAR(120) NOT NULL,
  terms_id BIGINT NOT NULL REFERENCES terms (id),
  method_version VARCHAR(40) NOT NULL,
  verdict VARCHAR(24) NOT NULL,
  clause_id VARCHAR(64) NOT NULL,
  report_day DATE NOT NULL,
  first_time TIMESTAMP WITH TIME ZONE NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  side VARCHAR(24) NOT NULL,
  oblast_code VARCHAR(8) NOT NULL,
  oblast VARCHAR(80) NOT NULL,
  sector_id VARCHAR(48) NOT NULL,
  sector VARCHAR(120) NOT NULL,
  digest CHAR(64) NOT NULL,
  evidence TEXT NOT NULL,
  refs TEXT NOT NULL
);
CREATE INDEX alert_messages_sent ON alert_messages (sent);
ALTER TABLE findings ADD COLUMN alert_identifier VARCHAR(200) DEFAULT '' NOT NULL;
