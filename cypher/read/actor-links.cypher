// Read: the links a scenario can use that start at the given actors (see read/neighbours).
//
// Run for every actor of a connected component, it returns each link of the component once.
//
// :param ids => ['us']
// :param types => ['LEADS', 'NEGOTIATES_WITH']
// :param scenario => 'new-yalta'
UNWIND $ids AS id
MATCH (s:Actor {id: id})-[r]->(t:Actor)
WHERE type(r) IN $types AND (r.added_by IS NULL OR r.added_by = $scenario)
RETURN collect([s.id, t.id, type(r), properties(r)]) AS rows
