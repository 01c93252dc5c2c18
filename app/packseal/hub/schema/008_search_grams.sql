-- Partial order/waybill search that stays fast on digit-only IDs (docs/HUB.md §5).
-- The trigram indexes of 001 answer short texts; on tens of millions of clips the
-- trigrams of digit-only text are few and each is in a large share of rows. So each clip
-- also lists its 5-grams: every run of 5 characters of lower(order_id) and of each of
-- its waybills (never across the space between two), and a search text of 5 characters
-- or more first asks this index for the clips that hold all of the text's own 5-grams
-- (rare ones), then the ILIKE checks each of those. An order ID or waybill shorter than
-- 5 characters has none; shorter texts keep the trigram path.
CREATE FUNCTION clip_grams(order_id text, waybills text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(
        SELECT DISTINCT substr(part, i, 5)
        FROM unnest(ARRAY[lower(order_id)] || string_to_array(lower(waybills), ' ')) AS part,
             generate_series(1, char_length(part) - 4) AS i)
$$;

CREATE INDEX clips_grams ON clips USING gin (clip_grams(order_id, waybills));
