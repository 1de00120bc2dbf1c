-- Issue 19: what `pathway match verify` needs to check a run from the database alone.
--
-- An `optimal` run's certificate: a dual price per student and per programme (whole numbers in
-- the units of PathwayCore's OptimalityCertificate). A `parallel` run's admission record per
-- student: the total and tie-break marks it ordered by, the wishes as candidate programmes in
-- the order listed, and whether the student agreed to reassignment (服从调剂), as they were
-- when the run was made.
ALTER TABLE assignments ADD COLUMN price bigint CHECK (price >= 0);
ALTER TABLE assignments ADD COLUMN admission_keys double precision[];
ALTER TABLE assignments ADD COLUMN wishes text[];
ALTER TABLE assignments ADD COLUMN accepts_reassignment boolean;
ALTER TABLE match_run_programs ADD COLUMN price bigint CHECK (price >= 0);
