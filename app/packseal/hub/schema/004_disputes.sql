-- Disputes compared on the hub: a buyer's refund photo set beside one clip (docs/HUB.md §5).
-- The photo and the comparison's pictures are objects in the store (sha256/<2 hex>/<sha256>);
-- result is what the comparison found, as a pack's comparison.json holds it.
CREATE TABLE disputes (
    id            bigserial PRIMARY KEY,
    clip_id       bigint NOT NULL REFERENCES clips(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    account_name  text,
    photo_name    text NOT NULL,                  -- the uploaded file's name, made safe
    photo_sha256  text NOT NULL CHECK (photo_sha256 ~ '^[0-9a-f]{64}$'),
    photo_bytes   bigint NOT NULL,
    photo_format  text NOT NULL,
    opened_box    boolean NOT NULL DEFAULT false,
    result        jsonb NOT NULL,
    images        jsonb NOT NULL                  -- picture name -> sha256 of its PNG in the store
);
CREATE INDEX disputes_clip ON disputes (clip_id, id DESC);
