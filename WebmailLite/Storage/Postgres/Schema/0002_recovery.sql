-- The recovery stores (Recovery/): every instance sees the same secret, codes, grants, enrolments, tickets and audit.
-- Owners are Owner.Of(identifier) (trimmed, lower-cased) computed in C#: the columns compare exactly. Enums are
-- stored by name, as LiteDB stores them: adding a member anywhere changes nothing stored.

-- The HMAC key of codes and grants, encrypted by Data Protection (never decrypted in SQL). One row, created by
-- whichever instance starts first (INSERT ... ON CONFLICT DO NOTHING, then read back).
CREATE TABLE recovery_secret (
    id text PRIMARY KEY,
    protected bytea NOT NULL
);

-- One-time codes, as HMACs. At most one per owner, purpose and method: a new one replaces it in one statement.
CREATE TABLE recovery_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner text NOT NULL,
    purpose text NOT NULL,
    method text NOT NULL,
    salt bytea NOT NULL,
    mac bytea NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0,
    target text
);
CREATE UNIQUE INDEX recovery_codes_owner_purpose_method ON recovery_codes (owner, purpose, method);
CREATE INDEX recovery_codes_expires_at ON recovery_codes (expires_at);

-- Permissions to set a new password, keyed by the HMAC of the browser's token; one per owner.
CREATE TABLE recovery_grants (
    id text PRIMARY KEY,
    owner text NOT NULL UNIQUE,
    method text NOT NULL,
    expires_at timestamptz NOT NULL
);

-- The backup address and personal questions (answers as salted hashes) of each person.
CREATE TABLE recovery_enrolments (
    owner text PRIMARY KEY,
    backup_address text,
    questions jsonb NOT NULL DEFAULT '[]',
    updated_at timestamptz NOT NULL
);

-- « Plus tard » on the invitation to prepare the account.
CREATE TABLE recovery_reminders (
    owner text PRIMARY KEY,
    postponed_until timestamptz NOT NULL
);

-- Requests to the assistance desk: the id is the number agents see, unique across instances.
CREATE TABLE assistance_tickets (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identifier text NOT NULL,
    owner text NOT NULL,
    how_to_reach text NOT NULL,
    message text,
    opened_at timestamptz NOT NULL,
    open boolean NOT NULL
);
CREATE INDEX assistance_tickets_open_opened_at ON assistance_tickets (open, opened_at);

-- Their history, appended to (two agents acting at once both keep their line).
CREATE TABLE assistance_ticket_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id integer NOT NULL REFERENCES assistance_tickets (id) ON DELETE CASCADE,
    at timestamptz NOT NULL,
    what text NOT NULL,
    agent text,
    note text
);
CREATE INDEX assistance_ticket_events_ticket_id ON assistance_ticket_events (ticket_id, id);

-- The audit trail of recovery and enrolment: never a secret.
CREATE TABLE recovery_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner text NOT NULL,
    at timestamptz NOT NULL,
    event text NOT NULL,
    method text,
    outcome text NOT NULL,
    actor text,
    detail text
);
CREATE INDEX recovery_audit_owner_at ON recovery_audit (owner, at DESC, id DESC);
