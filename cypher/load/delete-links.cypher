// Load: delete the old relationship of a link whose type or ends changed (it is created again).
//
// `{{rel_type}}` is filled with LinkType.rel_type of the old relationship, never user text.
//
// :param rows => [{id: 'trump-leads-us', source: 'trump', target: 'us'}]
UNWIND $rows AS row
MATCH (:Actor {id: row.source})-[r:{{rel_type}} {id: row.id}]->(:Actor {id: row.target})
DELETE r
