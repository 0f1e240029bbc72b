-- The outbox (IOutboxStore): one row per message, its MIME source in the same row, encrypted by the app (Data
-- Protection, purpose bound to the owner), so a message and its source are written and removed together. Every
-- state change is one conditional UPDATE (or a transaction holding the row), so workers on several instances lease a
-- message one at a time. States and problems are the enums' names.
CREATE TABLE outbox_items (
    id text PRIMARY KEY,
    -- Insertion order, for rows written in the same instant (the clock is the app's; ids are random).
    seq bigint GENERATED ALWAYS AS IDENTITY,
    owner text NOT NULL,
    message_id text NOT NULL,
    form_id text,
    subject text NOT NULL,
    recipients text NOT NULL,
    size bigint NOT NULL,
    created_at timestamptz NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner text,
    lease_until timestamptz,
    problem text,
    server_text text,
    source bytea NOT NULL
);
CREATE INDEX outbox_items_owner ON outbox_items (owner, created_at);
CREATE INDEX outbox_items_next_attempt_at ON outbox_items (next_attempt_at);
CREATE INDEX outbox_items_state ON outbox_items (state, created_at);
-- A compose form has at most one message in the outbox (its claim is the outbox_forms row, this is the backstop).
CREATE UNIQUE INDEX outbox_items_form ON outbox_items (owner, form_id) WHERE form_id IS NOT NULL;

-- The compose forms handed to the outbox, remembered after their message left (sent, or withdrawn): keyed by the
-- SHA-256 of owner and form id, so a form posted again (back button, another instance) is not sent twice.
CREATE TABLE outbox_forms (
    id text PRIMARY KEY,
    owner text NOT NULL,
    form_id text NOT NULL,
    message_id text NOT NULL,
    sent_folder text,
    withdrawn boolean NOT NULL DEFAULT false,
    at timestamptz NOT NULL
);
CREATE INDEX outbox_forms_at ON outbox_forms (at);

-- Files of a compose form kept between its posts (IComposeAttachmentStore), encrypted by the app for their owner.
CREATE TABLE compose_attachments (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    form_id text NOT NULL,
    owner text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    created_at timestamptz NOT NULL,
    content bytea NOT NULL
);
CREATE INDEX compose_attachments_form ON compose_attachments (form_id, owner, created_at);
CREATE INDEX compose_attachments_created_at ON compose_attachments (created_at);

-- Compose forms posted after their session ended (IRescuedComposeStore): fields and files as one blob, encrypted by
-- the app under a purpose narrowed to the owner; a row moved to another owner cannot be decrypted.
CREATE TABLE rescued_compose (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    owner text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    size bigint NOT NULL,
    content bytea NOT NULL
);
CREATE INDEX rescued_compose_owner ON rescued_compose (owner, expires_at);
CREATE INDEX rescued_compose_expires_at ON rescued_compose (expires_at);
