-- Match runs written in bulk (issue 5).
--
-- A run of 20 000 students writes 400 000 candidate rows. Into a plain table every row fires
-- three foreign-key triggers and two index insertions: about 20 s on the project's machine,
-- slower than solving the match itself by two orders of magnitude. So `candidates` and
-- `assignments` become partitioned by run: `pathway match run` copies a run's rows into a table
-- of their own and attaches it, and PostgreSQL then builds the indexes by sorting and checks
-- each foreign key with one join over the whole run (a few seconds together), all in the run's
-- one transaction. The columns, checks, keys and references are those of 0001, so readers see
-- the same tables; a query that names `run_id` reads only that run's partition. Two changes make
-- the per-run index builds cheap: ids compare as bytes (`COLLATE "C"`, the order the matching
-- core and every export already use, and the only one that makes sense for 学籍号 and programme
-- codes); `assignments`' programme index no longer leads with `run_id`, which is constant within
-- a partition; and `candidates` has no programme index: building it cost every run more than half
-- a second, while reading one run's candidates of a programme without it scans one partition
-- (tens of milliseconds).

CREATE TEMPORARY TABLE candidates_before_0004 ON COMMIT DROP AS SELECT * FROM candidates;
CREATE TEMPORARY TABLE assignments_before_0004 ON COMMIT DROP AS SELECT * FROM assignments;
DROP TABLE candidates;
DROP TABLE assignments;

-- Every student-programme pair that took part in a run's assignment.
CREATE TABLE candidates (
    region           text COLLATE "C" NOT NULL,
    run_id           bigint NOT NULL REFERENCES match_runs ON DELETE CASCADE,
    student_id       text COLLATE "C" NOT NULL,
    program_id       text COLLATE "C" NOT NULL REFERENCES programs ON UPDATE CASCADE,
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
) PARTITION BY LIST (run_id);

-- One row per student of a run; program_id is NULL for a student left unplaced, and for every
-- student of a `ranked` run (which assigns nothing but still has its students).
CREATE TABLE assignments (
    region       text COLLATE "C" NOT NULL,
    run_id       bigint NOT NULL REFERENCES match_runs ON DELETE CASCADE,
    student_id   text COLLATE "C" NOT NULL,
    program_id   text COLLATE "C" REFERENCES programs ON UPDATE CASCADE,
    school_id    text COLLATE "C" REFERENCES schools ON UPDATE CASCADE,
    score        double precision,
    student_rank integer CHECK (student_rank >= 1),
    PRIMARY KEY (region, run_id, student_id),
    FOREIGN KEY (region, student_id) REFERENCES students ON UPDATE CASCADE,
    CHECK ((program_id IS NULL) = (school_id IS NULL))
) PARTITION BY LIST (run_id);
CREATE INDEX assignments_program_idx ON assignments (program_id);

-- The programmes a run saw, with the seats it gave them (free seats for a follow-up run), so
-- that `match explain` and `match show` describe the run as it was even after seats change.
-- A snapshot, not a reference: removing a programme later does not rewrite history.
CREATE TABLE match_run_programs (
    run_id     bigint NOT NULL REFERENCES match_runs ON DELETE CASCADE,
    program_id text NOT NULL,
    school_id  text NOT NULL,
    seats      integer NOT NULL,
    PRIMARY KEY (run_id, program_id)
);

-- Runs stored before this migration keep their rows, each in a partition of its own; their
-- programmes are recorded with today's seats, the best that is known.
DO $$
DECLARE
    run bigint;
BEGIN
    FOR run IN SELECT run_id FROM match_runs ORDER BY run_id LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF candidates FOR VALUES IN (%s)', 'candidates_run_' || run, run);
        EXECUTE format('CREATE TABLE %I PARTITION OF assignments FOR VALUES IN (%s)', 'assignments_run_' || run, run);
        INSERT INTO match_run_programs (run_id, program_id, school_id, seats)
            SELECT run, program_id, school_id, seats FROM programs;
    END LOOP;
END
$$;
INSERT INTO candidates SELECT * FROM candidates_before_0004;
INSERT INTO assignments SELECT * FROM assignments_before_0004;
