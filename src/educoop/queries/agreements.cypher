// title: Agreements
// description: Agreements with their sides, programme and number of sources, filtered by kind, region (sub-regions included) and date window.
// param kind [kind]: only agreements of this kind (signed, paired, plan, branch, exchange)
// param region [region]: only agreements with a party in this region or below it, by name or alias
// param since [date]: only agreements dated in or after this (YYYY, YYYY-MM or YYYY-MM-DD)
// param until [date]: only agreements dated in or before this (YYYY, YYYY-MM or YYYY-MM-DD)
// param confirmed [confirmed]: yes for only agreements a person stands behind (a record file, or confirmed in review)
MATCH (agreement:Agreement)
WHERE ($kind IS NULL OR agreement.kind = $kind)
  AND ($confirmed IS NULL OR agreement.confirmed = true)
  AND ($since IS NULL OR left(agreement.date_end, size($since)) >= $since)
  AND ($until IS NULL OR left(agreement.date_start, size($until)) <= $until)
  AND ($region IS NULL OR EXISTS {
        MATCH (party)-[:PARTY_TO]->(agreement)
        MATCH (party)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(place:Region)
        WHERE toLower(place.name) = toLower($region) OR place.name_zh = $region
           OR place.id = $region
           OR any(alias IN coalesce(place.aliases, []) WHERE toLower(alias) = toLower($region))
      })
MATCH (party)-[membership:PARTY_TO]->(agreement)
WITH agreement, membership.side AS side, party ORDER BY party.name
WITH agreement, side, collect(party.name) AS names ORDER BY side
WITH agreement, collect(names) AS sides
OPTIONAL MATCH (agreement)-[:UNDER]->(programme:Programme)
OPTIONAL MATCH (agreement)-[:REPORTED_IN]->(document:Document)
RETURN agreement.id AS id, agreement.kind AS kind, agreement.date AS date, sides,
       programme.name AS programme, count(DISTINCT document) AS sources
ORDER BY date, id
