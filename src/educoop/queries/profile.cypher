// title: Profile
// description: One institution: its names, region chain, agreements, partners, programmes and sources.
// param name (required) [institution]: the institution, by name, Chinese name, alias or id
MATCH (institution:Institution)
WHERE toLower(institution.name) = toLower($name) OR institution.name_zh = $name
   OR institution.id = $name
   OR any(alias IN coalesce(institution.aliases, []) WHERE toLower(alias) = toLower($name))
OPTIONAL MATCH chain = (institution)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..8]->(top:Region)
WHERE NOT (top)-[:PART_OF]->()
WITH institution, [node IN tail(nodes(chain)) | node.name] AS names
ORDER BY size(names) DESC, names
WITH institution, coalesce(head(collect(names)), []) AS regions
OPTIONAL MATCH (institution)-[:PARTY_TO]->(agreement:Agreement)
WITH institution, regions, count(DISTINCT agreement) AS agreements
OPTIONAL MATCH (institution)-[:SIGNED_WITH|EXCHANGED_WITH]-(partner)
WITH institution, regions, agreements, partner ORDER BY partner.name
WITH institution, regions, agreements, collect(DISTINCT partner.name) AS partners
OPTIONAL MATCH (institution)-[:PARTICIPATES_IN|PARTY_TO|UNDER*1..2]->(programme:Programme)
WITH institution, regions, agreements, partners, programme ORDER BY programme.name
WITH institution, regions, agreements, partners, collect(DISTINCT programme.name) AS programmes
OPTIONAL MATCH (institution)-[:PARTY_TO]->(:Agreement)-[:REPORTED_IN]->(document:Document)
WITH institution, regions, agreements, partners, programmes, document ORDER BY document.source
RETURN institution.name AS name, institution.name_zh AS name_zh, institution.kind AS kind,
       institution.aliases AS aliases, regions, agreements, partners, programmes,
       collect(DISTINCT document.source) AS sources
ORDER BY name
