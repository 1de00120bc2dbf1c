-- Measured with Benchmarks/import_vs_copy.sh (100,000 students): keeping the (region,
-- graduation_year) index up to date cost about 0.2 s of an import, an eighth of the server's
-- work, while the queries that filter by cohort (students list --cohort, match run --cohort)
-- scan one county's students in milliseconds without it.
DROP INDEX students_cohort_idx;
