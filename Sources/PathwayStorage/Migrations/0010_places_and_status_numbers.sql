-- County lists give homes as townships and villages and name students by their national
-- student-status number (全国学籍号). A student keeps both, and where the home's point came
-- from: the file's coordinates, or the gazetteer's village or township, so that a distance can
-- be explained with its precision.
-- A home nobody could place (imported with --allow-unplaced-homes) has no coordinates.
ALTER TABLE students
    ADD COLUMN status_number text CHECK (status_number ~ '^[GJL][0-9]{17}[0-9X]$'),
    ADD COLUMN village text,
    ADD COLUMN home_placement text NOT NULL DEFAULT 'coordinates'
        CHECK (home_placement IN ('coordinates', 'village', 'township', 'unplaced')),
    ALTER COLUMN latitude DROP NOT NULL,
    ALTER COLUMN longitude DROP NOT NULL,
    ADD CONSTRAINT students_home_known
        CHECK ((latitude IS NULL) = (home_placement = 'unplaced') AND (latitude IS NULL) = (longitude IS NULL));

-- A region's gazetteer: one row per township (village NULL: the township's own point) or
-- village. `place_key` is the import's key for a place (township, a unit separator, village),
-- so that `pathway import places` is an ordinary import: by key, digests, prune.
CREATE TABLE places (
    region        text NOT NULL,
    place_key     text NOT NULL CHECK (place_key <> ''),
    township      text NOT NULL CHECK (township <> ''),
    village       text CHECK (village <> ''),
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    import_digest bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, place_key)
);

CREATE TRIGGER places_forget_import_digest BEFORE UPDATE ON places
    FOR EACH ROW EXECUTE FUNCTION forget_import_digest();
