-- The audit log: who logged in, watched, downloaded, shared, revoked or changed what, and when.
-- Rows are only ever added (the hub never updates or deletes them). account_id is NULL for what
-- happens without an account (a failed login of an unknown name, a view through a share link).
CREATE TABLE audit_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    account_id   bigint REFERENCES accounts(id) ON DELETE SET NULL,
    account_name text,
    action       text NOT NULL CHECK (action ~ '^[a-z][a-z_.]{1,40}$'),
    clip_id      bigint REFERENCES clips(id) ON DELETE SET NULL,
    target       text,                          -- what else the action was about (a share's id, an account)
    client       text,                          -- the client's IP address
    user_agent   text,
    detail       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_clip ON audit_log (clip_id, at DESC) WHERE clip_id IS NOT NULL;
