-- Room for what the terms and the input name. A detection's rule names a known fire area by its id
-- ("known-fire-area:ID"; ids of the terms have at most 48 characters), longer than the 16
-- characters of the first schema; a finding lists every zone its incident lies in, which with
-- long ids and overlapping zones can pass 400 characters; an ingest and an incident list their
-- distinct sources (satellite codes have up to 8 characters), which a file of many made-up codes
-- would take past 200. Where a list has no natural bound it gets a million characters, far more
-- than any real list, in a type that H2 and PostgreSQL both accept.
ALTER TABLE placements ALTER COLUMN rule SET DATA TYPE VARCHAR(80);
ALTER TABLE findings ALTER COLUMN zones SET DATA TYPE VARCHAR(1000000);
ALTER TABLE ingests ALTER COLUMN sources SET DATA TYPE VARCHAR(1000000);
ALTER TABLE incidents ALTER COLUMN sources SET DATA TYPE VARCHAR(1000000);
