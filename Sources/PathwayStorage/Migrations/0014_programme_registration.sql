-- 报到, issue 16: the day, the place and what to bring, from each programme's own settings,
-- so that a family letter says where to go and with what, not "wait for the school's notice".
ALTER TABLE programs ADD COLUMN registration_date date;
ALTER TABLE programs ADD COLUMN registration_place text CHECK (btrim(registration_place) <> '');
ALTER TABLE programs ADD COLUMN registration_items text CHECK (btrim(registration_items) <> '');
