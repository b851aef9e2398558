// Load: create or update links of one type between two actors, keyed by link id.
//
// `{{rel_type}}` is filled by `scenarios load` with LinkType.rel_type (NEGOTIATES_WITH, LEADS,
// ...), a fixed list, never user text. `props` carries strength, confidence, date, label, note
// and the derived `base`, `scenarios`, `added_by`, `date_start`, `date_end`, `date_precision`,
// `counted_from`, `seq`.
//
// :param rows => [{id: 'trump-leads-us', source: 'trump', target: 'us', props: {id: 'trump-leads-us', strength: 1.0, confidence: 1.0, base: true, scenarios: ['g2'], seq: 0, loaded_by: 'scenarios'}}]
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:{{rel_type}} {id: row.id}]->(t)
SET r = row.props
