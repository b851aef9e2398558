// Links a scenario adds: the hypothetical links it puts on top of the base graph.
//
// Their confidence says how plausible the speakers made them sound, not that they happened.
//
// :param scenario => 'g2'
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.added_by = $scenario
OPTIONAL MATCH (e:Evidence {link: r.id})
WITH s, r, t, e
ORDER BY e.seq
WITH s, r, t, collect(e.text) AS evidence
RETURN r.id AS link, s.name AS source, type(r) AS type, t.name AS target,
       r.strength AS strength, r.confidence AS confidence, r.label AS label, evidence
ORDER BY r.seq
