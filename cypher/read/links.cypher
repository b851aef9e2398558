// Read: every link relationship between two actors (types from the link vocabulary).
//
// :param types => ['LEADS', 'NEGOTIATES_WITH']
MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $types
RETURN collect([s.id, t.id, type(r), properties(r)]) AS rows
