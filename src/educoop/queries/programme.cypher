// title: Programme
// description: A programme's participants with their roles, and how many of the agreements under it each is party to.
// param name (required) [programme]: the programme, by name, alias or id
MATCH (programme:Programme)
WHERE toLower(programme.name) = toLower($name) OR programme.id = $name
   OR any(alias IN coalesce(programme.aliases, []) WHERE toLower(alias) = toLower($name))
OPTIONAL MATCH (participant)-[:PARTICIPATES_IN]->(programme)
OPTIONAL MATCH (party)-[:PARTY_TO]->(:Agreement)-[:UNDER]->(programme)
WITH programme, collect(DISTINCT participant) + collect(DISTINCT party) AS everyone
UNWIND everyone AS member
WITH DISTINCT programme, member
OPTIONAL MATCH (member)-[participation:PARTICIPATES_IN]->(programme)
WITH programme, member, participation ORDER BY participation.role
WITH programme, member, collect(participation.role) AS roles
OPTIONAL MATCH (member)-[:PARTY_TO]->(agreement:Agreement)-[:UNDER]->(programme)
RETURN programme.name AS programme, member.name AS participant, labels(member)[0] AS label,
       roles, count(DISTINCT agreement) AS agreements
ORDER BY programme, participant
