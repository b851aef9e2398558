// Load --prune: delete links the dataset no longer has, if scenarios wrote them.
//
// `{{rel_type}}` is filled with LinkType.rel_type, never user text. Relationships without the
// marker `loaded_by: 'scenarios'` are never touched.
//
// :param rows => [{id: 'old-link', source: 'trump', target: 'us'}]
// :param marker => 'scenarios'
UNWIND $rows AS row
MATCH (:Actor {id: row.source})-[r:{{rel_type}} {id: row.id}]->(:Actor {id: row.target})
WHERE r.loaded_by = $marker
DELETE r
