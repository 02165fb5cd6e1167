-- Filters are optional (NULL = no filter); lists match any of their values.
-- Order: latest incident date first, undated last, then id; the keyset cursor is
-- ($9 sort date as text, '-infinity' for undated; $10 id) of the previous page's last row.
SELECT *
FROM incidents i
WHERE ($1::date IS NULL OR coalesce(i.date_end, i.date_start) >= $1::date)
  AND ($2::date IS NULL OR i.date_start <= $2::date)
  AND ($3::text[] IS NULL OR i.country = any($3::text[]))
  AND ($4::text[] IS NULL OR i.admin1 = any($4::text[]))
  AND ($5::text[] IS NULL OR i.sub_event_type = any($5::text[]))
  AND ($6::text[] IS NULL OR i.perpetrator_ids && $6::text[] OR i.target_ids && $6::text[])
  AND ($7::integer IS NULL OR i.killed_min >= $7::integer)
  AND ($8::uuid IS NULL OR i.article_id = $8::uuid)
  AND ($9::text IS NULL
       OR (coalesce(i.date_start, '-infinity'::date), i.id) < ($9::text::date, $10::uuid))
ORDER BY coalesce(i.date_start, '-infinity'::date) DESC, i.id DESC
LIMIT $11
