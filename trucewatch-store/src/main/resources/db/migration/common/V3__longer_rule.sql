-- A detection's rule names a known fire area by its id ("known-fire-area:ID", ids of up to 48
-- characters), longer than the 16 characters of the first schema.
ALTER TABLE placements ALTER COLUMN rule SET DATA TYPE VARCHAR(80);
