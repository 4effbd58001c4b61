-- Kept rows of an ingested file whose detection lies beyond the area of interest (Ukraine's box
-- and one degree around it): counted, not stored. Ingests made before this migration stored every
-- kept row, so theirs is 0.
ALTER TABLE ingests ADD COLUMN outside_area BIGINT DEFAULT 0 NOT NULL;
