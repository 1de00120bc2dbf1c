-- The county's profile for its letters, issue 16: stored once, used by every letter, audited.

-- Who signs and whom to call when no counsellor has a number of their own.
CREATE TABLE county_profiles (
    region       text PRIMARY KEY,
    office       text CHECK (btrim(office) <> ''),
    signatory    text CHECK (btrim(signatory) <> ''),
    office_phone text CHECK (btrim(office_phone) <> ''),
    updated_by   text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The guidance counsellor of each junior school, and the number families call them on. A
-- letter names the student's responsible person; this is where that person's number is found.
CREATE TABLE county_counsellors (
    region        text NOT NULL,
    junior_school text NOT NULL CHECK (btrim(junior_school) <> ''),
    name          text NOT NULL CHECK (btrim(name) <> ''),
    phone         text NOT NULL CHECK (btrim(phone) <> ''),
    PRIMARY KEY (region, junior_school)
);

-- What a family can count on paying less, with the dates the amounts hold from and until:
-- amounts change by policy, so they are settings, never constants in a template.
CREATE TABLE county_subsidies (
    region         text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('tuition', 'state_grant', 'yulu')),
    yuan_per_year  integer CHECK (yuan_per_year > 0),
    effective_from date NOT NULL,
    effective_until date CHECK (effective_until >= effective_from),
    PRIMARY KEY (region, kind, effective_from),
    CHECK ((kind = 'tuition') = (yuan_per_year IS NULL))
);
