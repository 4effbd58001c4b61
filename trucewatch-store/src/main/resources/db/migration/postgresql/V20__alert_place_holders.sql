-- Which process gives each receiver its alerts: a process that follows a log for a receiver holds
-- its place (holder: the process, as host, process id and a random part; held_until: when the hold
-- lapses unless renewed), so that two processes sharing a store (servers behind one address, a
-- server and a scheduled ingest) do not both give it the same entries, and one takes over when the
-- other stops or dies. A place held by nobody, or whose hold has lapsed, is taken by the next.
ALTER TABLE alert_places ADD COLUMN holder VARCHAR(200);
ALTER TABLE alert_places ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
