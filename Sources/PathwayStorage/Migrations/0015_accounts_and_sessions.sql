-- Accounts and browser sessions, issue 17: people (county staff, school clerks) sign in to the
-- portal with a name and password instead of a system's API token.
--
-- A clerk is bound to exactly one vocational school and sees only what that school's token
-- would; staff belong to a region. Passwords are stored as bcrypt hashes only.
CREATE TABLE accounts (
    account_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The sign-in name: lower-case ASCII, so that 王 and a look-alike cannot both exist.
    username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name    text NOT NULL CHECK (btrim(display_name) <> '' AND length(display_name) <= 100),
    role            text NOT NULL CHECK (role IN ('administrator', 'counsellor', 'school_clerk')),
    region          text NOT NULL DEFAULT 'local',
    school_id       text REFERENCES schools ON UPDATE CASCADE,
    password_hash   text NOT NULL,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    password_set_at timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz,
    -- Consecutive failed sign-ins, and until when the account refuses them after too many.
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    last_login_at   timestamptz,
    CHECK ((role = 'school_clerk') = (school_id IS NOT NULL))
);
CREATE INDEX accounts_school_idx ON accounts (school_id);

-- Only the SHA-256 of a session's cookie is kept, like API tokens: a copy of the database does
-- not sign anyone in. The CSRF token is per session and goes into every form the session sees.
CREATE TABLE sessions (
    session_hash  text PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    address       text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Failed sign-ins by address and by name, for the per-address limit (a guesser trying many
-- names) and the per-name limit of names that are no account (which must lock like real ones,
-- or a lock would tell which names exist). An attempt is written here before its password is
-- checked, and deleted when it succeeds, so that parallel guesses count each other. Rows older
-- than a day are deleted as new ones arrive.
CREATE TABLE login_failures (
    failure_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address    text NOT NULL,
    username   text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);
