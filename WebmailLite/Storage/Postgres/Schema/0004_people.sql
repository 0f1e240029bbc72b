-- Per-person preferences (IPreferencesStore), keyed by Owner.Of(identifier); one row per person who chose something.
CREATE TABLE preferences (
    owner text PRIMARY KEY,
    page_size integer,
    language text,
    html_as_text boolean NOT NULL,
    collect_contacts boolean NOT NULL,
    signature text NOT NULL,
    signature_placement text NOT NULL
);

-- A person's contacts (IContactStore). sort_key and search are SearchKey.Fold of the name, addresses and note, computed
-- in C# (one folding for typed text and stored text); search is matched with an escaped LIKE, owner first.
CREATE TABLE contacts (
    id text PRIMARY KEY,
    owner text NOT NULL,
    name text NOT NULL,
    addresses text[] NOT NULL,
    note text NOT NULL,
    collected boolean NOT NULL,
    uses integer NOT NULL,
    last_used timestamptz,
    sort_key text NOT NULL,
    search text NOT NULL
);
CREATE INDEX contacts_owner_sort_key ON contacts (owner, sort_key COLLATE "C", id COLLATE "C");

-- One address belongs to at most one contact of a person: the primary key says so for every instance at once.
-- address is the address lower-cased (LiteDbContactStore compares without case); contacts.addresses keeps the order.
CREATE TABLE contact_addresses (
    owner text NOT NULL,
    address text NOT NULL,
    contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (owner, address)
);
CREATE INDEX contact_addresses_contact_id ON contact_addresses (contact_id);
-- Small forms kept, encrypted, after their session ended (RescuedFieldsStore): « Préférences », a contact form. form is
-- which of them; key is the owner, then the slot. sealed is Data Protection's payload, never read here.
CREATE TABLE kept_fields (
    form text NOT NULL,
    key text NOT NULL,
    sealed bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (form, key)
);
CREATE INDEX kept_fields_form_expires_at ON kept_fields (form, expires_at);
