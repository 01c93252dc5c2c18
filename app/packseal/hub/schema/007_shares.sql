-- Share links (docs/HUB.md §7) and what the search filters on besides §5's columns.

-- A clip's kind and outcome, from the `packing` record of its ledger entry (FORMAT.md §6.1):
-- kind shipment|return, outcome complete|incomplete|not-checked. Clips taken before this
-- migration are filled in from the ledger entries the hub holds.
ALTER TABLE clips ADD COLUMN kind text NOT NULL DEFAULT 'shipment';
ALTER TABLE clips ADD COLUMN outcome text NOT NULL DEFAULT 'not-checked';
UPDATE clips c SET kind = COALESCE(NULLIF(e.body #>> '{packing,kind}', ''), 'shipment'),
                   outcome = COALESCE(NULLIF(e.body #>> '{packing,outcome}', ''), 'not-checked')
  FROM (SELECT station_id, history, seq,
               -- json, not jsonb: an entry may hold an escaped NUL, which jsonb refuses
               convert_from(entry, 'UTF8')::json -> 'body' AS body
        FROM ledger_entries WHERE kind = 'clip') e
 WHERE e.station_id = c.station_id AND e.history = c.history AND e.seq = c.ledger_seq;
CREATE INDEX clips_outcome ON clips (outcome, start DESC);

-- A link that shows one clip to someone without an account. The link carries a random token
-- (192 bits); the table keeps its SHA-256 and its first characters (to tell links apart).
-- Every view through it goes to audit_log (action share.view / share.video / share.pack,
-- target 'share:<id>').
CREATE TABLE shares (
    id              bigserial PRIMARY KEY,
    clip_id         bigint NOT NULL REFERENCES clips(id),
    token_sha256    bytea NOT NULL UNIQUE,
    token_prefix    text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_by      text
);
CREATE INDEX shares_clip ON shares (clip_id, created_at DESC);
