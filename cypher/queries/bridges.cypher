// Who bridges whom: actors tied to pairs of actors that have no link between them.
//
// For each actor, the pairs of its neighbours in the scenario (or the base graph, with
// `scenario` null) that are not linked to each other: the gaps only it closes locally. A high
// count marks a broker; `scenarios centrality --measure betweenness` is the global measure.
// Only links that carry are walked, as in every analysis: adversarial links (OPPOSES, CLAIMS)
// neither make a neighbour nor close a gap.
//
// :param scenario => 'new-yalta'
// :param limit => 10
MATCH (a:Actor)-[r1:NEGOTIATES_WITH|ENVOY_OF|MEMBER_OF|LEADS|ALLIED_WITH|SUPPORTS|ECONOMIC_TIE|PROPOSES|CONCERNS|INFLUENCES|CONSTRAINS|CONTROLS]-(m:Actor)
      -[r2:NEGOTIATES_WITH|ENVOY_OF|MEMBER_OF|LEADS|ALLIED_WITH|SUPPORTS|ECONOMIC_TIE|PROPOSES|CONCERNS|INFLUENCES|CONSTRAINS|CONTROLS]-(b:Actor)
WHERE a.id < b.id
  AND all(r IN [r1, r2] WHERE
          CASE WHEN $scenario IS NULL THEN coalesce(r.base, false)
               ELSE $scenario IN coalesce(r.scenarios, []) END)
  AND NOT EXISTS {
    MATCH (a)-[r3:NEGOTIATES_WITH|ENVOY_OF|MEMBER_OF|LEADS|ALLIED_WITH|SUPPORTS|ECONOMIC_TIE|PROPOSES|CONCERNS|INFLUENCES|CONSTRAINS|CONTROLS]-(b)
    WHERE CASE WHEN $scenario IS NULL THEN coalesce(r3.base, false)
               ELSE $scenario IN coalesce(r3.scenarios, []) END
  }
WITH DISTINCT m, a, b
ORDER BY a.name, b.name
WITH m, collect(a.name + ' – ' + b.name) AS pairs
RETURN m AS actor, size(pairs) AS bridged_pairs, pairs[..3] AS examples
ORDER BY bridged_pairs DESC, m.id
LIMIT $limit
