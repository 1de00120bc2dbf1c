-- Road distances a county has measured (pathway import travel): from a township or village to
-- a school's campus or one programme's, in km and/or minutes. Where a route is known, a match
-- run scores and applies the commute rule with it instead of the straight line. `route_key` is
-- the import's key (place, destination, with unit separators), so that the import is an
-- ordinary one: by key, digests, prune.
CREATE TABLE travel_routes (
    region        text NOT NULL,
    route_key     text NOT NULL CHECK (route_key <> ''),
    township      text NOT NULL CHECK (township <> ''),
    village       text CHECK (village <> ''),
    school_id     text,
    program_id    text,
    km            double precision CHECK (km >= 0 AND km <= 1000),
    minutes       double precision CHECK (minutes >= 0 AND minutes <= 1440),
    import_digest bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, route_key),
    CHECK ((school_id IS NULL) <> (program_id IS NULL)),
    CHECK (km IS NOT NULL OR minutes IS NOT NULL)
);

CREATE TRIGGER travel_routes_forget_import_digest BEFORE UPDATE ON travel_routes
    FOR EACH ROW EXECUTE FUNCTION forget_import_digest();
