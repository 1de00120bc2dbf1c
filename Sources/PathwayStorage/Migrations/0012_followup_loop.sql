-- The follow-up loop (一人一案), issue 15.

-- 四级包保: the person who follows each student, from the import's 班主任 column or
-- `pathway followup assign`; referrals made for the student name this person.
ALTER TABLE students ADD COLUMN responsible text CHECK (responsible <> '');
CREATE INDEX students_responsible_idx ON students (region, responsible);

-- Registration (中职报名) closing on an open referral: Pathway's own move, with its reason.
ALTER TABLE referrals DROP CONSTRAINT referrals_status_check;
ALTER TABLE referrals ADD CONSTRAINT referrals_status_check CHECK (status IN (
    'proposed', 'approved', 'sent', 'acknowledged', 'enrolled', 'declined', 'no_show', 'withdrawn', 'expired'));

-- The reason code of a change that closed a referral without an enrolment (OutcomeReason), kept
-- beside the free note so that the county can count declines by reason.
ALTER TABLE referral_events ADD COLUMN reason text CHECK (reason IN (
    'parents_disagree', 'too_far', 'cost', 'academic_high_school', 'migrant_work', 'enrolled_elsewhere',
    'health', 'unreachable', 'registration_closed', 'other'));

-- 劝返/家访 records: who reached the family, when, how, and what came of it. `contacted_by` is a
-- person's name as given, never an operating-system account; `recorded_by` is who typed it.
CREATE TABLE followup_contacts (
    region       text NOT NULL,
    contact_id   bigint GENERATED ALWAYS AS IDENTITY,
    student_id   text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('phone', 'home_visit', 'school_visit', 'message')),
    outcome      text NOT NULL CHECK (outcome IN (
                     'reached', 'unreachable', 'agreed', 'considering', 'refused', 'moved_away', 'other')),
    note         text,
    contacted_by text NOT NULL CHECK (contacted_by <> ''),
    contacted_at timestamptz NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, contact_id),
    FOREIGN KEY (region, student_id) REFERENCES students ON UPDATE CASCADE
);
CREATE INDEX followup_contacts_student_idx ON followup_contacts (region, student_id, contacted_at);

-- The county's clock (FollowupDeadlines): days a school has to acknowledge a sent referral, and
-- the day registration closes each year. A region without a row uses 14 days and 20 November.
CREATE TABLE county_settings (
    region             text PRIMARY KEY,
    acknowledge_days   integer NOT NULL CHECK (acknowledge_days BETWEEN 1 AND 365),
    registration_month integer NOT NULL CHECK (registration_month BETWEEN 1 AND 12),
    registration_day   integer NOT NULL CHECK (registration_day BETWEEN 1 AND 31),
    updated_by         text NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
