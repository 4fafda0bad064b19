// title: Between regions
// description: Pairs of partners linking two regions, each side rolled up over its sub-regions, institutions and zone members.
// param a (required) [region]: the first region, by name, Chinese name, alias or id
// param b (required) [region]: the second region, by name, Chinese name, alias or id
MATCH (region_a:Region)
WHERE toLower(region_a.name) = toLower($a) OR region_a.name_zh = $a OR region_a.id = $a
   OR any(alias IN coalesce(region_a.aliases, []) WHERE toLower(alias) = toLower($a))
MATCH (member_a)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(region_a)
WITH collect(DISTINCT member_a) AS members_a
MATCH (region_b:Region)
WHERE toLower(region_b.name) = toLower($b) OR region_b.name_zh = $b OR region_b.id = $b
   OR any(alias IN coalesce(region_b.aliases, []) WHERE toLower(alias) = toLower($b))
MATCH (member_b)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(region_b)
WITH members_a, collect(DISTINCT member_b) AS members_b
UNWIND members_a AS x
MATCH (x)-[link:SIGNED_WITH|EXCHANGED_WITH]-(y)
WHERE y IN members_b
  // a pair inside both regions is listed once
  AND NOT (y IN members_a AND x IN members_b AND x.id > y.id)
WITH x, y, link ORDER BY link.kind
RETURN x.name AS party_a, y.name AS party_b, count(DISTINCT link.agreement) AS agreements,
       collect(DISTINCT link.kind) AS kinds, min(link.date) AS first, max(link.date) AS last
ORDER BY party_a, party_b
