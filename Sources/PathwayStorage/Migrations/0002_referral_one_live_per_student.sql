-- One live referral per student (issue 6).
--
-- A student who holds an open referral (proposed, approved, sent, acknowledged) or has enrolled
-- under one must not be referred a second time by a later run: two schools would expect the
-- same child, and two people would be responsible for one case (一人一案). `pathway referrals
-- create` skips such students; this index makes the rule hold even when two people create
-- referrals from two runs at the same moment. Declined, no-show and withdrawn referrals do not
-- count, so a follow-up run can refer the student again.
CREATE UNIQUE INDEX referrals_one_live_per_student ON referrals (region, student_id)
    WHERE status IN ('proposed', 'approved', 'sent', 'acknowledged', 'enrolled');
