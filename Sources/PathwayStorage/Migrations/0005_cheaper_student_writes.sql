-- Cheaper writes of students and programmes, measured with Benchmarks/import_vs_copy.sh
-- (100,000 students): the Holland-code check's back-reference regex alone cost a third of a
-- COPY's time, and the township and junior-school indexes serve only listings that scan one
-- county's students in milliseconds anyway.

-- Same rule (1 to 3 distinct RIASEC letters), checked without a back-reference.
ALTER TABLE students DROP CONSTRAINT students_holland_code_check;
ALTER TABLE students ADD CONSTRAINT students_holland_code_check CHECK (
    holland_code ~ '^[RIASEC]{1,3}$'
    AND strpos(substr(holland_code, 2), left(holland_code, 1)) = 0
    AND (length(holland_code) < 3 OR substr(holland_code, 2, 1) <> substr(holland_code, 3, 1)));

ALTER TABLE programs DROP CONSTRAINT programs_holland_code_check;
ALTER TABLE programs ADD CONSTRAINT programs_holland_code_check CHECK (
    holland_code ~ '^[RIASEC]{1,3}$'
    AND strpos(substr(holland_code, 2), left(holland_code, 1)) = 0
    AND (length(holland_code) < 3 OR substr(holland_code, 2, 1) <> substr(holland_code, 3, 1)));

DROP INDEX students_township_idx;
DROP INDEX students_junior_school_idx;
