// Read: the links with the given ids (those a scenario changes or removes outside the part read).
//
// Relationship properties have no index here, so the server scans the links once.
//
// :param ids => ['trump-leads-us']
// :param types => ['LEADS', 'NEGOTIATES_WITH']
MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $types AND r.id IN $ids
RETURN collect([s.id, t.id, type(r), properties(r)]) AS rows
