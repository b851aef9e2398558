// Read: the actors tied to the given actors by links a scenario can use (one step of a search).
//
// The links a scenario can use are the base links (no `added_by`; the ones it removes too, which
// the analysis drops afterwards) and the links it adds; `scenario` null means the base graph.
// Repeated from the key actors until no new actor turns up, this finds their connected
// component(s) without reading the rest of the graph.
//
// :param ids => ['us']
// :param types => ['LEADS', 'NEGOTIATES_WITH']
// :param scenario => 'new-yalta'
UNWIND $ids AS id
MATCH (a:Actor {id: id})-[r]-(b:Actor)
WHERE type(r) IN $types AND (r.added_by IS NULL OR r.added_by = $scenario)
RETURN collect(DISTINCT b.id) AS ids
