// Read: one scenario's key-actor ties.
//
// :param scenario => 'new-yalta'
MATCH (s:Scenario {id: $scenario})-[k:KEY_ACTOR]->(a:Actor)
RETURN collect([s.id, a.id, properties(k)]) AS rows
