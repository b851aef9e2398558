// All shortest paths between two actors: every fewest-hop route in a scenario.
//
// Hops, not strength: `scenarios path` finds the strongest chain (product of strength x
// confidence), `scenarios path --in-database` runs this query. Set `scenario` to null for
// the base graph; `as_of` ('YYYY-MM-DD') keeps only links certainly begun by that day
// (`counted_from`: a link dated 2025-10 counts from 31 October, one dated 2025-12 and
// reported on 7 December from the 7th, as the load computed it from all its evidence;
// undated links always count);
// `unreported` lists link ids to leave out (`scenarios path --in-database --known-by DAY`
// passes the links none of whose evidence was reported by DAY); `outside` lists link ids that
// do not make the scenario's connection (`scenarios path --in-database` passes, for a scenario
// that declares `connected_by`, its links of other types, but structural links inside one
// side); `max_hops` caps the length (null: no cap). Links with strength or confidence 0 carry
// nothing and are skipped, and so do adversarial links (OPPOSES, CLAIMS): friction never
// makes a path.
// shortest-path.cypher returns just one of them.
//
// :param from => 'us'
// :param to => 'russia'
// :param scenario => 'new-yalta'
// :param as_of => null
// :param unreported => []
// :param outside => []
// :param max_hops => null
MATCH (a:Actor {id: $from})
MATCH (b:Actor {id: $to})
MATCH p = allShortestPaths((a)-[:NEGOTIATES_WITH|ENVOY_OF|MEMBER_OF|LEADS|ALLIED_WITH|SUPPORTS|ECONOMIC_TIE|PROPOSES|CONCERNS|INFLUENCES|CONSTRAINS|CONTROLS*]-(b))
WHERE all(r IN relationships(p) WHERE
          CASE WHEN $scenario IS NULL THEN coalesce(r.base, false)
               ELSE $scenario IN coalesce(r.scenarios, []) END
          AND r.strength > 0 AND r.confidence > 0
          AND ($as_of IS NULL OR r.counted_from IS NULL OR r.counted_from <= date($as_of))
          AND NOT r.id IN $unreported
          AND NOT r.id IN $outside)
WITH p
WHERE $max_hops IS NULL OR length(p) <= $max_hops
RETURN p AS path, [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS actors,
       length(p) AS hops
