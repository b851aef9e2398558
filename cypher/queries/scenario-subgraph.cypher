// Scenario subgraph: the actors and links in force in a scenario, with its strengths.
//
// The base links the scenario keeps and the links it adds; `strength` and `confidence` are the
// scenario's own (after its changes), `status` says base, added or changed. Set `scenario` to
// null for the shared base graph. Neo4j Browser draws the subgraph; the table has a row a link.
//
// :param scenario => 'new-yalta'
MATCH (s:Actor)-[r]->(t:Actor)
WHERE CASE WHEN $scenario IS NULL THEN coalesce(r.base, false)
           ELSE $scenario IN coalesce(r.scenarios, []) END
OPTIONAL MATCH (c:LinkChange {scenario: $scenario, link: r.id})
RETURN s AS source, r AS link, t AS target,
       coalesce(c.strength, r.strength) AS strength,
       coalesce(c.confidence, r.confidence) AS confidence,
       CASE WHEN r.added_by IS NOT NULL THEN 'added'
            WHEN c IS NULL THEN 'base'
            ELSE 'changed' END AS status
ORDER BY r.base DESC, r.seq
