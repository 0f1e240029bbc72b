-- Data Protection's key ring, shared by every instance (PostgresXmlRepository).
CREATE TABLE data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL UNIQUE,
    xml text NOT NULL
);

-- Sliding-window counters of attempts (IAttemptStore): sign-in and recovery limits count across instances.
CREATE TABLE attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX attempts_key_at ON attempts (key, at);
CREATE INDEX attempts_at ON attempts (at);

-- Whose a session was, after it ended (ISessionRecordStore): keyed by the SHA-256 of the session id.
CREATE TABLE session_records (
    id text PRIMARY KEY,
    identifier text NOT NULL,
    created_at timestamptz NOT NULL,
    keep_until timestamptz NOT NULL
);
CREATE INDEX session_records_keep_until ON session_records (keep_until);
