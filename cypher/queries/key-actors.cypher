// Scenarios and their key actors: whose connection makes each future.
//
// Neo4j Browser draws each scenario node tied to its key actors.
MATCH (s:Scenario)-[k:KEY_ACTOR]->(a:Actor)
WITH s, k, a
ORDER BY s.seq, k.seq
WITH s, collect(a.name) AS key_actors
RETURN s.id AS scenario, s.name AS name, key_actors
ORDER BY s.seq
