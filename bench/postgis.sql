-- The comparison job in PostGIS, as a GIS analyst and a DBA would write it. psql variables:
--   :input   the detections CSV (id,lat,lon,day)      :shapes  the shapes file (kind|code|wkt)
--   :placed_csv, :cells_csv  where the results are exported
-- Timings are printed by \timing; bench/compare reads the lines tagged LOAD and JOB.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 2;
SET work_mem = '512MB';
SET client_min_messages = warning;
DROP TABLE IF EXISTS detections, shapes, occ_sub, ukr_sub, obl_sub, line_g, placed, cells;

\echo LOAD start
\timing on
CREATE UNLOGGED TABLE detections (id bigint, lat float8, lon float8, day date);
COPY detections FROM :'input' WITH (FORMAT csv, HEADER true);
\timing off
\echo LOAD end

CREATE UNLOGGED TABLE shapes (kind text, code text, wkt text);
COPY shapes FROM :'shapes' WITH (FORMAT csv, HEADER true, DELIMITER '|');

\echo JOB start
\timing on
-- polygons cut into small pieces with a GiST index: the usual way to make point-in-polygon fast
CREATE UNLOGGED TABLE occ_sub AS
  SELECT ST_Subdivide(ST_GeomFromText(wkt, 4326), 64) AS geom FROM shapes WHERE kind = 'occupied';
CREATE INDEX ON occ_sub USING gist (geom);
CREATE UNLOGGED TABLE ukr_sub AS
  SELECT ST_Subdivide(ST_GeomFromText(wkt, 4326), 64) AS geom FROM shapes WHERE kind = 'outline';
CREATE INDEX ON ukr_sub USING gist (geom);
CREATE UNLOGGED TABLE obl_sub AS
  SELECT code, ST_Subdivide(ST_GeomFromText(wkt, 4326), 64) AS geom FROM shapes WHERE kind = 'oblast';
CREATE INDEX ON obl_sub USING gist (geom);
-- the line as one geography: ST_Distance caches its tree across rows
CREATE UNLOGGED TABLE line_g AS
  SELECT ST_GeomFromText(wkt, 4326)::geography AS geog FROM shapes WHERE kind = 'line';
ANALYZE occ_sub; ANALYZE ukr_sub; ANALYZE obl_sub; ANALYZE detections;
CREATE UNLOGGED TABLE placed AS
SELECT d.id,
       CASE WHEN EXISTS (SELECT 1 FROM occ_sub o WHERE ST_Intersects(o.geom, d.geom)) THEN 'occupied'
            WHEN EXISTS (SELECT 1 FROM ukr_sub u WHERE ST_Intersects(u.geom, d.geom)) THEN 'government_controlled'
            ELSE 'outside_ukraine' END AS side,
       ST_Distance(d.geom::geography, (SELECT geog FROM line_g), false) AS distance_m,
       (SELECT o.code FROM obl_sub o WHERE ST_Intersects(o.geom, d.geom) ORDER BY o.code LIMIT 1) AS oblast
FROM (SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM detections) d;
-- cells named by their centre, rounding half up as everywhere in this comparison
CREATE UNLOGGED TABLE cells AS
SELECT floor(lon * 10 + 0.5)::int AS lon10, floor(lat * 10 + 0.5)::int AS lat10, day, count(*) AS count
FROM detections GROUP BY 1, 2, 3;
\timing off
\echo JOB end

COPY (SELECT id, side, round(distance_m::numeric, 3), coalesce(oblast, '') FROM placed ORDER BY id) TO :'placed_csv' WITH (FORMAT csv, HEADER true);
COPY (SELECT lon10, lat10, day, count FROM cells ORDER BY 1, 2, 3) TO :'cells_csv' WITH (FORMAT csv, HEADER true);
