-- Keys and uploads belong to one station each (docs/HUB.md §2–3).
--
-- station_keys: a key is recorded per station (a ledger may name any public key in
-- a rotation, so the same key id can appear under two stations); `held` says the
-- station proved it holds the private key (it signed its pairing or a request with
-- it). A key is held by one station at most. The keys of a hub before this
-- migration were each one station's already (key_id was the primary key): they
-- stay held by it.
ALTER TABLE station_keys ADD COLUMN held boolean NOT NULL DEFAULT false;
UPDATE station_keys SET held = true;
ALTER TABLE station_keys DROP CONSTRAINT station_keys_pkey;
ALTER TABLE station_keys ADD PRIMARY KEY (station_id, key_id);
DROP INDEX station_keys_station;
CREATE UNIQUE INDEX station_keys_held ON station_keys (key_id) WHERE held;

-- uploads: each station uploads its own copy of a file; nobody else's parts go into it.
-- An upload under way before this migration goes to the first station whose clip names
-- the file (the one that could have started it); one no clip names could never be continued
-- by any station and is dropped (its parts stay in the store as an unfinished multipart upload).
ALTER TABLE uploads ADD COLUMN station_id text REFERENCES stations(id);
UPDATE uploads u SET station_id = (SELECT c.station_id FROM clips c WHERE c.sha256 = u.sha256
                                   ORDER BY c.id LIMIT 1);
DELETE FROM uploads WHERE station_id IS NULL;
ALTER TABLE uploads ALTER COLUMN station_id SET NOT NULL;
ALTER TABLE uploads DROP CONSTRAINT uploads_sha256_key;
CREATE UNIQUE INDEX uploads_station_sha256 ON uploads (station_id, sha256);

-- The station-signed entry that made the hub flag a station forked (an entry at a seq the
-- hub holds, or a new one continuing another history or checkpointing another tree),
-- byte for byte as signed, with the hub's reason.
CREATE TABLE fork_evidence (
    id          bigserial PRIMARY KEY,
    station_id  text NOT NULL REFERENCES stations(id),
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    entry       bytea NOT NULL,
    reason      text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fork_evidence_station ON fork_evidence (station_id);
