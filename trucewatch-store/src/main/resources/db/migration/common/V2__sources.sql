-- Sources: who provided observations. Satellite sources are added by the ingests that first bring
-- their detections; kind and provider say what they are, first_ingest_id where they came from.
CREATE TABLE sources (
  source_key VARCHAR(40) PRIMARY KEY,
  kind VARCHAR(20) NOT NULL,
  instrument VARCHAR(16) NOT NULL,
  satellite VARCHAR(16) NOT NULL,
  provider VARCHAR(100) NOT NULL,
  first_ingest_id BIGINT NOT NULL REFERENCES ingests (id)
);

INSERT INTO sources (source_key, kind, instrument, satellite, provider, first_ingest_id)
SELECT k.source_key, 'satellite', k.instrument, k.satellite, 'NASA FIRMS', k.first_ingest_id
FROM (
  SELECT CASE WHEN satellite = '' THEN instrument ELSE instrument || '/' || satellite END
           AS source_key,
         instrument, satellite, MIN(ingest_id) AS first_ingest_id
  FROM observations GROUP BY instrument, satellite
) k;
