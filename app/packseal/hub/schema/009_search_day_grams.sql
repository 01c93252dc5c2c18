-- Texts of 4 and 5 characters, newest first, without reading every clip that holds them
-- (docs/HUB.md §5). A 4-digit text is in about one clip in six hundred: on ten million
-- clips the indexes of 001 and 008 find its ~17,000 clips quickly, but all of them must
-- then be read to sort them by start. So each clip also lists its 4-grams tagged with
-- its UTC day: every run of 4 characters of lower(order_id) and of each of its waybills
-- (never across the space between two), as 'gram/day', the day counted from 1970-01-01.
-- A search then asks for the text's 4-grams on the newest day first, then on older days,
-- and reads only the clips of the days it asked for. The function is declared costly
-- (about what it costs against a comparison, ~30 µs a row) so that PostgreSQL reads its
-- index rather than computing it for every clip of a day it walks.
CREATE FUNCTION clip_day_grams(order_id text, waybills text, start timestamptz) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
    SELECT ARRAY(
        SELECT DISTINCT substr(part, i, 4) || '/' || floor(extract(epoch FROM start) / 86400)::bigint
        FROM unnest(ARRAY[lower(order_id)] || string_to_array(lower(waybills), ' ')) AS part,
             generate_series(1, char_length(part) - 3) AS i)
$$;

CREATE INDEX clips_day_grams ON clips USING gin (clip_day_grams(order_id, waybills, start));
