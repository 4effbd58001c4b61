-- A token can be given a new secret under its name (token rotate), as when a liaison's laptop is
-- lost: the old secret stops working, and the name, scope, member state and end stay, so that the
-- ingests, reviews and access log lines made under the name still name its holder. When it was
-- last given one; tokens never rotated have none.
ALTER TABLE tokens ADD COLUMN rotated TIMESTAMP WITH TIME ZONE;
