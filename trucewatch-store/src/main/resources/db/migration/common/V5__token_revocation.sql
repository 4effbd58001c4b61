-- A token can be revoked: it no longer opens ingest, and its row stays, so that the ingests made
-- with it keep naming who made them and the name is not given to another token.
ALTER TABLE tokens ADD COLUMN revoked TIMESTAMP WITH TIME ZONE;
