-- The terms' monitoring sector of each detection, incident and finding of the current assessment
-- (the first sector that covers its point), so that the API can serve and filter by it as by the
-- oblast. Empty outside every sector and under terms without sectors; the rows stored before this
-- migration are replaced by the next assessment.
ALTER TABLE placements ADD COLUMN sector_id VARCHAR(48) DEFAULT '' NOT NULL;
ALTER TABLE placements ADD COLUMN sector VARCHAR(120) DEFAULT '' NOT NULL;
ALTER TABLE incidents ADD COLUMN sector_id VARCHAR(48) DEFAULT '' NOT NULL;
ALTER TABLE incidents ADD COLUMN sector VARCHAR(120) DEFAULT '' NOT NULL;
ALTER TABLE findings ADD COLUMN sector_id VARCHAR(48) DEFAULT '' NOT NULL;
ALTER TABLE findings ADD COLUMN sector VARCHAR(120) DEFAULT '' NOT NULL;
