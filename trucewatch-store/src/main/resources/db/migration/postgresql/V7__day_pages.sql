-- The current assessment's daily reports, one page per report day (report.html's days/ pages):
-- replaced with the assessment, in the same transaction.
CREATE TABLE assessment_days (
  report_day DATE PRIMARY KEY,
  html TEXT NOT NULL
);
