-- Room for what the terms name. A detection's rule names a known fire area by its id
-- ("known-fire-area:ID"; ids of the terms have at most 48 characters), longer than the 16
-- characters of the first schema; a finding lists every zone its incident lies in, which with
-- long ids and overlapping zones can pass 400 characters.
ALTER TABLE placements ALTER COLUMN rule SET DATA TYPE VARCHAR(80);
ALTER TABLE findings ALTER COLUMN zones SET DATA TYPE VARCHAR(4000);
