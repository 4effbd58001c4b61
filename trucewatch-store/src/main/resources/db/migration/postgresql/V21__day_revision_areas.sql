-- Each version of a day's figures keeps the day's counts by side, oblast and monitoring sector (JSON),
-- so that a version is kept when they change with the day's totals the same (an incident moved from
-- one sector to another), and an alert of a revised day can say what an area's counts were. Versions
-- kept before have none (null), and are not compared by them.
ALTER TABLE day_revisions ADD COLUMN areas TEXT;
