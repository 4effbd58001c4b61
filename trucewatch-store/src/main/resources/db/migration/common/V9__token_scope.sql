-- What a token may do: 'ingest' (post files, and read) or 'read' (read only, for a server that
-- serves only to holders of a token: serve --private). Tokens made before were ingest tokens.
ALTER TABLE tokens ADD COLUMN scope VARCHAR(16) DEFAULT 'ingest' NOT NULL;
