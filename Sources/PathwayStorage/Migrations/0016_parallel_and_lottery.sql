-- Issue 19: the `parallel` strategy (平行志愿) and a seeded lottery for every run's ties.
--
-- A student agrees to reassignment (服从调剂) or not; a programme is in an admission batch (批次).
ALTER TABLE students ADD COLUMN accepts_reassignment boolean NOT NULL DEFAULT false;
ALTER TABLE programs ADD COLUMN batch smallint NOT NULL DEFAULT 1 CHECK (batch BETWEEN 1 AND 9);

-- The programmes a run saw keep the batch it gave them, as they keep the seats.
ALTER TABLE match_run_programs ADD COLUMN batch smallint NOT NULL DEFAULT 1 CHECK (batch BETWEEN 1 AND 9);

ALTER TABLE match_runs DROP CONSTRAINT match_runs_strategy_check;
ALTER TABLE match_runs ADD CONSTRAINT match_runs_strategy_check
    CHECK (strategy IN ('stable', 'optimal', 'ranked', 'parallel'));

-- Each student's lottery number in the run (the run's seed is in its settings); NULL for runs
-- without a lottery, whose ties went by student id.
ALTER TABLE assignments ADD COLUMN lottery bigint CHECK (lottery >= 0);
