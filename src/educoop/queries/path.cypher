// title: Path
// description: The shortest cooperation paths (over agreements and exchanges) between two parties, at most 12 hops, up to 25 paths.
// param a (required) [party]: the first institution or region, by name, Chinese name, alias or id
// param b (required) [party]: the second institution or region, by name, Chinese name, alias or id
MATCH (source)
WHERE (source:Institution OR source:Region)
  AND (toLower(source.name) = toLower($a) OR source.name_zh = $a OR source.id = $a
       OR any(alias IN coalesce(source.aliases, []) WHERE toLower(alias) = toLower($a)))
MATCH (target)
WHERE (target:Institution OR target:Region)
  AND (toLower(target.name) = toLower($b) OR target.name_zh = $b OR target.id = $b
       OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower($b)))
WITH source, target WHERE source <> target
MATCH route = allShortestPaths((source)-[:SIGNED_WITH|EXCHANGED_WITH*..12]-(target))
RETURN DISTINCT [node IN nodes(route) | node.name] AS path, length(route) AS hops
ORDER BY hops, path
LIMIT 25
