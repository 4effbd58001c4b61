-- Access rules. A surveillance report says who besides the mission and its provider may see it
-- (mission, members, public, or member states' codes such as 'DE FR'); reports stored before say
-- nothing, so they stay with the mission and their provider. A token may belong to a member state
-- (ISO 3166-1 alpha-2); a token without one is the mission's staff's, as every token was before.
ALTER TABLE surveillance_reports ADD COLUMN releasable_to VARCHAR(200) DEFAULT 'mission' NOT NULL;
ALTER TABLE tokens ADD COLUMN member_state VARCHAR(2);
