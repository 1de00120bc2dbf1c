-- Each vocational school belongs to a region (the county that imported it), so that a school's
-- API token, and later its clerks' accounts, work in that region's referrals without anybody
-- naming the region: the server derives it from the token's school. Existing schools were all
-- imported into the only region there was.
ALTER TABLE schools ADD COLUMN region text NOT NULL DEFAULT 'local';
