-- The portal's content store: accounts, sessions, items and their revisions,
-- attachments, the document library, feedback, the staff directory,
-- royalties, notifications and the audit log.
-- Times are UTC text, 'YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ' (sortable); dates
-- are 'YYYY-MM-DD'. NULL means "not set".

CREATE TABLE portals (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    host        TEXT NOT NULL DEFAULT '',
    path_prefix TEXT NOT NULL DEFAULT ''
);

CREATE TABLE channels (
    id        INTEGER PRIMARY KEY,
    portal_id INTEGER NOT NULL REFERENCES portals(id),
    slug      TEXT NOT NULL,
    name_vi   TEXT NOT NULL,
    name_en   TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL CHECK (kind IN ('news','page','documents','directory','feedback','data','link')),
    target    TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0,
    hidden    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (portal_id, slug)
);

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL UNIQUE COLLATE NOCASE,
    department          TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL CHECK (status IN ('pending','active','disabled')),
    password_hash       TEXT NOT NULL DEFAULT '',
    password_changed_at TEXT,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL DEFAULT '',
    approved_at         TEXT,
    approved_by         INTEGER REFERENCES accounts(id),
    disabled_at         TEXT
);

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('contributor','reviewer','administrator','director')),
    PRIMARY KEY (account_id, role)
);

-- The channels a reviewer reviews.
CREATE TABLE reviewer_channels (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channels(id),
    PRIMARY KEY (account_id, channel_id)
);

-- Only the SHA-256 of a session token is kept.
CREATE TABLE sessions (
    hash       TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions(account_id);

-- Failed sign-ins, keyed "account:<email>" or "ip:<address>".
CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    account_id  INTEGER,
    actor       TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE trusted_sources (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL DEFAULT '',
    url      TEXT NOT NULL DEFAULT '',
    active   INTEGER NOT NULL DEFAULT 1
);

-- Files live in files/<stored_name>, outside any web root.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    stored_name TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    format      TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    flagged     INTEGER NOT NULL DEFAULT 0,
    flag_reason TEXT NOT NULL DEFAULT '',
    uploaded_by INTEGER NOT NULL REFERENCES accounts(id),
    uploaded_at TEXT NOT NULL
);

CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    portal_id         INTEGER NOT NULL REFERENCES portals(id),
    channel_id        INTEGER NOT NULL REFERENCES channels(id),
    kind              TEXT NOT NULL CHECK (kind IN ('news','press_release','page')),
    state             TEXT NOT NULL CHECK (state IN ('draft','in_review','approved','scheduled','published','archived')),
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    lang              TEXT NOT NULL CHECK (lang IN ('vi','en')),
    cover_id          INTEGER REFERENCES attachments(id),
    source_id         INTEGER REFERENCES trusted_sources(id),
    source_url        TEXT NOT NULL DEFAULT '',
    author_id         INTEGER NOT NULL REFERENCES accounts(id),
    current_revision  INTEGER NOT NULL,
    revised_by        INTEGER NOT NULL REFERENCES accounts(id),
    approved_revision INTEGER NOT NULL DEFAULT 0,
    approved_by       INTEGER REFERENCES accounts(id),
    approved_at       TEXT,
    scheduled_at      TEXT,
    scheduled_by      INTEGER REFERENCES accounts(id),
    published_at      TEXT,
    published_by      INTEGER REFERENCES accounts(id), -- NULL: the scheduler
    published_late    INTEGER NOT NULL DEFAULT 0,
    late_by_seconds   INTEGER NOT NULL DEFAULT 0,
    direct            INTEGER NOT NULL DEFAULT 0,
    reject_reason     TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    archived_at       TEXT
);
CREATE INDEX items_state ON items(state, scheduled_at);
CREATE INDEX items_published ON items(portal_id, channel_id, published_at);
CREATE INDEX items_author ON items(author_id);

CREATE TABLE item_attachments (
    item_id       INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (item_id, attachment_id)
);
CREATE INDEX item_attachments_attachment ON item_attachments(attachment_id);

-- Every save of an item; never changed.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    number      INTEGER NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]',
    lang        TEXT NOT NULL,
    cover_id    INTEGER REFERENCES attachments(id),
    attachments TEXT NOT NULL DEFAULT '[]', -- JSON array of attachment ids
    source_id   INTEGER REFERENCES trusted_sources(id),
    source_url  TEXT NOT NULL DEFAULT '',
    author_id   INTEGER NOT NULL REFERENCES accounts(id),
    created_at  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (item_id, number)
);
CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never changed'); END;

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    item_id    INTEGER REFERENCES items(id),
    kind       TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_account ON notifications(account_id, read_at);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    portal_id      INTEGER NOT NULL REFERENCES portals(id),
    number         TEXT NOT NULL,
    type           TEXT NOT NULL,
    issuing_body   TEXT NOT NULL,
    issue_date     TEXT NOT NULL,
    effective_date TEXT,
    status         TEXT NOT NULL CHECK (status IN ('in_force','not_yet','amended','expired','replaced')),
    summary        TEXT NOT NULL,
    file_id        INTEGER REFERENCES attachments(id),
    search         TEXT NOT NULL, -- folded: number, type, issuing body, summary
    created_by     INTEGER REFERENCES accounts(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX documents_portal ON documents(portal_id, issue_date);

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    portal_id    INTEGER NOT NULL REFERENCES portals(id),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('new','answered','published','hidden','spam')),
    answer       TEXT NOT NULL DEFAULT '',
    answered_by  INTEGER REFERENCES accounts(id),
    answered_at  TEXT,
    moderated_by INTEGER REFERENCES accounts(id),
    received_at  TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_portal ON feedback(portal_id, received_at);

CREATE TABLE staff_units (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES staff_units(id),
    name      TEXT NOT NULL,
    phone     TEXT NOT NULL DEFAULT '',
    email     TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER REFERENCES staff_units(id),
    full_name       TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL COLLATE NOCASE,
    email_generated INTEGER NOT NULL DEFAULT 0,
    email_review    INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX staff_email ON staff(email) WHERE email <> '';

CREATE TABLE royalty_categories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    base_amount INTEGER NOT NULL CHECK (base_amount >= 0), -- VND
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE royalties (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    category_id INTEGER NOT NULL REFERENCES royalty_categories(id),
    recipient   TEXT NOT NULL,
    account_id  INTEGER REFERENCES accounts(id),
    coefficient REAL NOT NULL CHECK (coefficient > 0),
    base_amount INTEGER NOT NULL,
    amount      INTEGER NOT NULL, -- VND
    month       TEXT NOT NULL,    -- 'YYYY-MM', of publication, ICT
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES accounts(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX royalties_month ON royalties(month);
