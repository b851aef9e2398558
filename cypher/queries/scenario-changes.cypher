// What a scenario changes in the base graph: the links it reweights or removes, and why.
//
// `base_strength` / `base_confidence` are the base graph's values, `strength` / `confidence`
// the scenario's (null for a removed link).
//
// :param scenario => 'new-yalta'
CALL {
  MATCH (c:LinkChange {scenario: $scenario})
  RETURN 'reweighted' AS change, c.link AS link, c.strength AS strength,
         c.confidence AS confidence, c.note AS note, c.seq AS seq
  UNION ALL
  MATCH (x:LinkRemoval {scenario: $scenario})
  RETURN 'removed' AS change, x.link AS link, null AS strength,
         null AS confidence, x.note AS note, x.seq AS seq
}
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.id = link AND r.base = true
RETURN change, link, s.name AS source, type(r) AS type, t.name AS target,
       r.strength AS base_strength,
       CASE change WHEN 'removed' THEN null ELSE coalesce(strength, r.strength) END AS strength,
       r.confidence AS base_confidence,
       CASE change WHEN 'removed' THEN null ELSE coalesce(confidence, r.confidence) END
         AS confidence,
       note
ORDER BY change DESC, seq
