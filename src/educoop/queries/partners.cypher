// title: Partners
// description: Who an institution or region has agreements or exchanges with; for a region, its institutions and sub-regions count as the region.
// param name (required) [party]: institution or region, by name, Chinese name, alias or id
// param kind [kind]: only agreements of this kind (signed, paired, plan, branch, exchange)
// param since [date]: only agreements dated in or after this (YYYY, YYYY-MM or YYYY-MM-DD)
// param until [date]: only agreements dated in or before this (YYYY, YYYY-MM or YYYY-MM-DD)
// param confirmed [confirmed]: yes for only agreements a person stands behind (a record file, or confirmed in review)
MATCH (focus)
WHERE (focus:Institution OR focus:Region)
  AND (toLower(focus.name) = toLower($name) OR focus.name_zh = $name OR focus.id = $name
       OR any(alias IN coalesce(focus.aliases, []) WHERE toLower(alias) = toLower($name)))
MATCH (member)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(focus)
WITH collect(DISTINCT member) AS members
UNWIND members AS member
MATCH (member)-[link:SIGNED_WITH|EXCHANGED_WITH]-(partner)
WHERE NOT partner IN members
  AND ($kind IS NULL OR link.kind = $kind)
  AND ($since IS NULL OR left(link.date_end, size($since)) >= $since)
  AND ($until IS NULL OR left(link.date_start, size($until)) <= $until)
  AND ($confirmed IS NULL OR link.confirmed = true)
WITH partner, link ORDER BY link.kind
WITH partner, collect(DISTINCT link.kind) AS kinds, count(DISTINCT link.agreement) AS agreements,
     min(link.date) AS first, max(link.date) AS last
OPTIONAL MATCH (partner)-[:LOCATED_IN]->(place:Region)
WITH partner, kinds, agreements, first, last, place ORDER BY place.name
WITH partner, kinds, agreements, first, last, collect(place.name) AS regions
RETURN partner.name AS partner, labels(partner)[0] AS label, regions, agreements, kinds,
       first, last, partner.id AS id
ORDER BY agreements DESC, partner, id
