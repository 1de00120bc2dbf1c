-- A student's marks as two arrays in subject order (`{chinese,math}`, `{92,78}`) instead of one
-- jsonb object. Measured with Benchmarks/import_vs_copy.sh: building 100,000 jsonb objects (a
-- JSON parse, a numeric per mark and a key sort each) took about 0.4 s of the server's 1.6 s
-- in an import, the largest single cost of a row; the arrays arrive in binary, nothing to parse.
-- Only Pathway's own code reads the marks (CountyDirectory), so nothing else changes.
ALTER TABLE students
    ADD COLUMN score_subjects text[] NOT NULL DEFAULT '{}',
    ADD COLUMN score_values double precision[] NOT NULL DEFAULT '{}';

UPDATE students SET
    score_subjects = ARRAY(SELECT key FROM jsonb_each(scores) ORDER BY key COLLATE "C"),
    score_values = ARRAY(
        SELECT (value #>> '{}')::double precision FROM jsonb_each(scores) ORDER BY key COLLATE "C");

ALTER TABLE students DROP COLUMN scores;
ALTER TABLE students ADD CONSTRAINT students_scores_check CHECK (
    cardinality(score_subjects) = cardinality(score_values)
    AND array_position(score_values, NULL) IS NULL);
