-- The station protocol (docs/HUB.md §2–4): pairing codes, the keys each station
-- signs with, the ledger entries it sent, the checkpoints the hub cosigned,
-- stored objects and multipart uploads under way; and what `stations` and
-- `clips` need for it. A station's id is its ledger's genesis entry hash.

-- The chain as the hub holds it: the last seq and hash, the key that signs the next
-- entry, the RFC 9162 right edge of the entries held ([[leaf count, hex], …]) and the
-- last tree the hub cosigned.
ALTER TABLE stations ADD COLUMN entries_to bigint;
ALTER TABLE stations ADD COLUMN last_hash text;
ALTER TABLE stations ADD COLUMN current_key text;
ALTER TABLE stations ADD COLUMN frontier jsonb NOT NULL DEFAULT '[]';
ALTER TABLE stations ADD COLUMN cosigned_size bigint;
ALTER TABLE stations ADD COLUMN cosigned_root text;

-- The clip entry's seq in its station's ledger.
ALTER TABLE clips ADD COLUMN ledger_seq bigint;
CREATE UNIQUE INDEX clips_station_seq ON clips (station_id, ledger_seq);
CREATE INDEX clips_sha256 ON clips (sha256);

-- One-time pairing codes (`packseal hub pair`), valid 15 minutes.
CREATE TABLE pair_codes (
    code        text PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    station_id  text REFERENCES stations(id)
);

-- Keys a station signs requests with: its genesis key, the key it paired with, every key
-- its ledger rotated to (since_seq: the rotation entry; 0 the genesis; NULL the pairing).
CREATE TABLE station_keys (
    key_id      text PRIMARY KEY,
    station_id  text NOT NULL REFERENCES stations(id),
    public_key  text NOT NULL,
    since_seq   bigint
);
CREATE INDEX station_keys_station ON station_keys (station_id);

-- Nonces of signed requests seen in the last 10 minutes (a replay is refused).
CREATE TABLE request_nonces (
    nonce       text PRIMARY KEY,
    seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_nonces_seen ON request_nonces (seen_at);

-- Every entry a station sent, byte for byte as signed (canonical, with sig).
CREATE TABLE ledger_entries (
    station_id  text NOT NULL REFERENCES stations(id),
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    kind        text NOT NULL,
    entry       bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, seq)
);

-- The checkpoints the hub witnessed, with the cosignature it gave (docs/HUB.md §4).
CREATE TABLE cosigned_checkpoints (
    station_id   text NOT NULL REFERENCES stations(id),
    seq          bigint NOT NULL,
    tree_size    bigint NOT NULL,
    root_hash    text NOT NULL,
    cosignature  jsonb NOT NULL,
    PRIMARY KEY (station_id, seq)
);

-- Files in the object store (key sha256/<2 hex>/<sha256>), each read back and checked.
CREATE TABLE objects (
    sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size        bigint NOT NULL,
    kind        text NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now()
);

-- Multipart uploads under way (the parts themselves are listed by the store).
CREATE TABLE uploads (
    id          text PRIMARY KEY,
    s3_upload   text NOT NULL,
    sha256      text NOT NULL UNIQUE,
    size        bigint NOT NULL,
    part_size   bigint NOT NULL,
    kind        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
