-- A token can be made to stop working at a time of its own (token create --expires): a member
-- state's liaison for the truce and the weeks after it, an analyst for a mission's term. Tokens
-- made before have none.
ALTER TABLE tokens ADD COLUMN expires TIMESTAMP WITH TIME ZONE;
