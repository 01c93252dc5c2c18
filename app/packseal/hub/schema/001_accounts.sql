-- The hub's first schema: staff accounts and sessions, stations, and the clips the staff API searches.
-- Later migrations (002_*.sql, …) add what sync and the witness keep.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- People who use the staff API. role: owner (everything, manages accounts and pairing),
-- agent (searches and watches clips), auditor (searches, watches, reads the health page).
CREATE TABLE accounts (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    role          text NOT NULL CHECK (role IN ('owner', 'agent', 'auditor')),
    password_hash text NOT NULL,               -- argon2id, PHC string
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled      boolean NOT NULL DEFAULT false
);

-- A login session: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
    token_sha256 bytea PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    client       text
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins, for rate limiting that holds across several hub processes.
CREATE TABLE login_failures (
    id           bigserial PRIMARY KEY,
    account_name text NOT NULL,
    client       text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_name ON login_failures (account_name, at);
CREATE INDEX login_failures_client ON login_failures (client, at);

-- A paired station. id: the hash of its ledger's genesis entry (docs/HUB.md §2).
-- status: ok, forked (its history was rolled back, rewritten or forked), …
CREATE TABLE stations (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    public_key    bytea NOT NULL,             -- raw Ed25519 key it pairs with
    paired_at     timestamptz NOT NULL DEFAULT now(),
    last_sync_at  timestamptz,
    status        text NOT NULL DEFAULT 'ok',
    status_detail text
);

-- Every clip of every station. status: pending (its ledger entry arrived, its file not yet),
-- stored (the file is in the object store, its SHA-256 checked on arrival).
-- waybills: the clip's waybill numbers separated by spaces.
CREATE TABLE clips (
    id          bigserial PRIMARY KEY,
    station_id  text NOT NULL REFERENCES stations(id),
    order_id    text NOT NULL,
    waybills    text NOT NULL DEFAULT '',
    packer      text,
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    start       timestamptz NOT NULL,
    duration_s  double precision,
    size        bigint,
    status      text NOT NULL DEFAULT 'pending',
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (station_id, sha256)
);
-- Partial order/waybill search (ILIKE '%…%') through trigrams.
CREATE INDEX clips_order_trgm ON clips USING gin (order_id gin_trgm_ops);
CREATE INDEX clips_waybills_trgm ON clips USING gin (waybills gin_trgm_ops);
CREATE INDEX clips_start ON clips (start DESC, id DESC);
CREATE INDEX clips_station_start ON clips (station_id, start DESC);
CREATE INDEX clips_packer ON clips (packer, start DESC);
CREATE INDEX clips_pending ON clips (station_id) WHERE status = 'pending';
