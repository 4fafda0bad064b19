// title: Region matrix
// description: Number of agreements between each pair of regions at one level; a party counts for every region of that level above it (zones through membership).
// param level (required) [level]: the region level (country, province, city, district or zone)
MATCH (x)-[link:SIGNED_WITH|EXCHANGED_WITH]->(y)
MATCH (x)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(region_x:Region {level: $level})
MATCH (y)-[:LOCATED_IN|PART_OF|MEMBER_OF*0..8]->(region_y:Region {level: $level})
WITH CASE WHEN region_x.name <= region_y.name THEN region_x.name ELSE region_y.name END AS region_a,
     CASE WHEN region_x.name <= region_y.name THEN region_y.name ELSE region_x.name END AS region_b,
     link.agreement AS agreement
RETURN region_a, region_b, count(DISTINCT agreement) AS agreements
ORDER BY agreements DESC, region_a, region_b
