-- Each version of a report day's figures counts the day's surveillance reports, so that reports
-- that arrive later state the day anew (a new version) even when no other figure changes.
-- Versions stated before count none.
ALTER TABLE day_revisions ADD COLUMN reports INT DEFAULT 0 NOT NULL;
