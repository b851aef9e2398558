// An actor's links in a scenario, heaviest first, with the scenario's strengths.
//
// `weight` is strength x confidence after the scenario's changes; `direction` says whether the
// link points from the actor (out) or to it (in). Set `scenario` to null for the base graph.
//
// :param actor => 'witkoff'
// :param scenario => 'new-yalta'
MATCH (a:Actor {id: $actor})-[r]-(other:Actor)
WHERE CASE WHEN $scenario IS NULL THEN coalesce(r.base, false)
           ELSE $scenario IN coalesce(r.scenarios, []) END
OPTIONAL MATCH (c:LinkChange {scenario: $scenario, link: r.id})
WITH a, r, other,
     coalesce(c.strength, r.strength) * coalesce(c.confidence, r.confidence) AS weight
RETURN r.id AS link, CASE WHEN startNode(r).id = a.id THEN 'out' ELSE 'in' END AS direction,
       type(r) AS type, other AS actor, weight
ORDER BY weight DESC, link
