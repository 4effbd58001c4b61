-- Each version of a report day's figures that an assessment stated, per terms: a row is added when
-- an assessment changes a day's figures or is made by another method version, never changed or
-- removed, so that a figure once published can be traced to when it was stated.
CREATE TABLE day_revisions (
  terms_id BIGINT NOT NULL REFERENCES terms(id),
  report_day DATE NOT NULL,
  revision INT NOT NULL,
  stated TIMESTAMP WITH TIME ZONE NOT NULL,
  method_version VARCHAR(40) NOT NULL,
  last_ingest_id BIGINT NOT NULL,
  coverage VARCHAR(16) NOT NULL,
  detections INT NOT NULL,
  war_related INT NOT NULL,
  in_buffer INT NOT NULL,
  incidents INT NOT NULL,
  violation INT NOT NULL,
  probable_violation INT NOT NULL,
  possible INT NOT NULL,
  background INT NOT NULL,
  out_of_scope INT NOT NULL,
  inconclusive INT NOT NULL,
  PRIMARY KEY (terms_id, report_day, revision)
);
