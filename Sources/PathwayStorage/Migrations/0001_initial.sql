-- Pathway's schema. Every table that holds a student's data carries `region` (the county the
-- record belongs to) and has it first in its primary key, so that a province can later
-- distribute these tables by region (docs/distribution.md); schools, programmes, match runs
-- and tokens are small and would be replicated reference tables.

CREATE TABLE schools (
    school_id     text PRIMARY KEY CHECK (school_id <> ''),
    name          text NOT NULL CHECK (name <> ''),
    county        text,
    address       text,
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    contact_name  text,
    contact_phone text,
    contact_email text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programs (
    program_id      text PRIMARY KEY CHECK (program_id <> ''),
    school_id       text NOT NULL REFERENCES schools ON UPDATE CASCADE,
    name            text NOT NULL CHECK (name <> ''),
    -- Top-level category of the 2021 national catalogue of secondary vocational programmes.
    category        text NOT NULL CHECK (category ~ '^[0-9]{2}$'),
    -- One to three distinct RIASEC letters.
    holland_code    text CHECK (holland_code ~ '^[RIASEC]{1,3}$' AND holland_code !~ '(.).*\1'),
    seats           integer NOT NULL CHECK (seats >= 0),
    min_total_score double precision CHECK (min_total_score >= 0),
    -- {"math": 2, "physics": 1}: subjects that matter, with weights.
    key_subjects    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(key_subjects) = 'object'),
    boarding        boolean NOT NULL DEFAULT false,
    latitude        double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    start_date      date,
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programs_school_idx ON programs (school_id);

CREATE TABLE students (
    region          text NOT NULL DEFAULT 'local',
    student_id      text NOT NULL CHECK (student_id <> ''),
    name            text NOT NULL CHECK (name <> ''),
    gender          text CHECK (gender IN ('M', 'F')),
    birth_date      date,
    junior_school   text,
    graduation_year integer CHECK (graduation_year BETWEEN 1990 AND 2200),
    township        text,
    latitude        double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    total_score     double precision CHECK (total_score >= 0),
    -- {"chinese": 92, "math": 78}
    scores          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(scores) = 'object'),
    holland_code    text CHECK (holland_code ~ '^[RIASEC]{1,3}$' AND holland_code !~ '(.).*\1'),
    -- In order of preference: programme ids or two-digit category codes.
    wishes          text[] NOT NULL DEFAULT '{}',
    needs_boarding  boolean NOT NULL DEFAULT false,
    hardship        boolean NOT NULL DEFAULT false,
    left_behind     boolean NOT NULL DEFAULT false,
    guardian_name   text,
    guardian_phone  text,
    notes           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, student_id)
);
CREATE INDEX students_cohort_idx ON students (region, graduation_year);
CREATE INDEX students_township_idx ON students (region, township);
CREATE INDEX students_junior_school_idx ON students (region, junior_school);

CREATE TABLE match_runs (
    run_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region           text NOT NULL DEFAULT 'local',
    strategy         text NOT NULL CHECK (strategy IN ('stable', 'optimal', 'ranked')),
    cohort           integer,
    only_followup    boolean NOT NULL DEFAULT false,
    -- Weights, candidate cut-off, maximum commute: everything needed to run it again.
    settings         jsonb NOT NULL,
    student_count    integer NOT NULL CHECK (student_count >= 0),
    placed_count     integer NOT NULL CHECK (placed_count >= 0),
    candidate_count  integer NOT NULL CHECK (candidate_count >= 0),
    mean_score       double precision,
    mean_distance_km double precision,
    timings          jsonb NOT NULL DEFAULT '{}',
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_runs_region_idx ON match_runs (region, created_at);

-- Every student-programme pair that took part in a run's assignment.
CREATE TABLE candidates (
    region           text NOT NULL,
    run_id           bigint NOT NULL REFERENCES match_runs ON DELETE CASCADE,
    student_id       text NOT NULL,
    program_id       text NOT NULL REFERENCES programs ON UPDATE CASCADE,
    student_rank     integer NOT NULL CHECK (student_rank >= 1),
    score            double precision NOT NULL CHECK (score BETWEEN 0 AND 100),
    -- The exact key the programme ranked students by (higher first, ties by student_id).
    program_priority double precision NOT NULL,
    interest         double precision NOT NULL CHECK (interest BETWEEN 0 AND 1),
    grades           double precision NOT NULL CHECK (grades BETWEEN 0 AND 1),
    location         double precision NOT NULL CHECK (location BETWEEN 0 AND 1),
    distance_km      double precision NOT NULL CHECK (distance_km >= 0),
    PRIMARY KEY (region, run_id, student_id, program_id),
    FOREIGN KEY (region, student_id) REFERENCES students ON UPDATE CASCADE
);
CREATE INDEX candidates_program_idx ON candidates (run_id, program_id);

-- One row per student of a run; program_id is NULL for a student left unplaced.
CREATE TABLE assignments (
    region       text NOT NULL,
    run_id       bigint NOT NULL REFERENCES match_runs ON DELETE CASCADE,
    student_id   text NOT NULL,
    program_id   text REFERENCES programs ON UPDATE CASCADE,
    school_id    text REFERENCES schools ON UPDATE CASCADE,
    score        double precision,
    student_rank integer CHECK (student_rank >= 1),
    PRIMARY KEY (region, run_id, student_id),
    FOREIGN KEY (region, student_id) REFERENCES students ON UPDATE CASCADE,
    CHECK ((program_id IS NULL) = (school_id IS NULL))
);
CREATE INDEX assignments_program_idx ON assignments (run_id, program_id);

CREATE TABLE referrals (
    region           text NOT NULL,
    referral_id      bigint GENERATED ALWAYS AS IDENTITY,
    reference_number text NOT NULL,
    run_id           bigint NOT NULL REFERENCES match_runs,
    student_id       text NOT NULL,
    program_id       text NOT NULL REFERENCES programs ON UPDATE CASCADE,
    school_id        text NOT NULL REFERENCES schools ON UPDATE CASCADE,
    score            double precision,
    status           text NOT NULL DEFAULT 'proposed' CHECK (status IN (
                         'proposed', 'approved', 'sent', 'acknowledged',
                         'enrolled', 'declined', 'no_show', 'withdrawn')),
    -- The staff member who follows this student until enrolled (四级包保).
    assignee         text NOT NULL,
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, referral_id),
    UNIQUE (region, reference_number),
    UNIQUE (region, run_id, student_id),
    FOREIGN KEY (region, student_id) REFERENCES students ON UPDATE CASCADE
);
CREATE INDEX referrals_school_idx ON referrals (school_id, updated_at);
CREATE INDEX referrals_student_idx ON referrals (region, student_id);
CREATE INDEX referrals_status_idx ON referrals (status);

CREATE TABLE referral_events (
    region      text NOT NULL,
    event_id    bigint GENERATED ALWAYS AS IDENTITY,
    referral_id bigint NOT NULL,
    from_status text,
    to_status   text NOT NULL,
    actor       text NOT NULL,
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, event_id),
    FOREIGN KEY (region, referral_id) REFERENCES referrals
);
CREATE INDEX referral_events_referral_idx ON referral_events (region, referral_id, created_at);

CREATE TABLE api_tokens (
    token_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id    text NOT NULL REFERENCES schools ON UPDATE CASCADE,
    label        text,
    -- SHA-256 of the token, hex; the token itself is shown once and never stored.
    token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_school_idx ON api_tokens (school_id);

-- Who did what, when: imports, runs, exports, every status change. Append-only.
CREATE TABLE audit_log (
    audit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    action       text NOT NULL,
    region       text,
    school_id    text,
    token_id     bigint,
    subject_type text,
    subject_id   text,
    details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
