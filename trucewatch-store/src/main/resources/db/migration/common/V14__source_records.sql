-- Each source's record in the current assessment: how many of its detections or reports lie in
-- the assessment's incidents, and how many of those in an incident that another independent
-- source also saw (docs/report-format.md, sources.csv). Replaced with the assessment, like its
-- incidents.
CREATE TABLE source_records (
  source_key VARCHAR(200) PRIMARY KEY,
  observations INT NOT NULL,
  corroborated INT NOT NULL,
  first_time TIMESTAMP WITH TIME ZONE NOT NULL,
  last_time TIMESTAMP WITH TIME ZONE NOT NULL
);
