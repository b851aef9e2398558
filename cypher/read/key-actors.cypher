// Read: every scenario's key-actor ties.
MATCH (s:Scenario)-[k:KEY_ACTOR]->(a:Actor)
RETURN collect([s.id, a.id, properties(k)]) AS rows
