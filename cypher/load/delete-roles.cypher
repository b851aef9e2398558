// Load: untie signposts from scenarios or actors they no longer name.
//
// `{{role}}` and `{{label}}` are filled from scenarios.store.records.SignpostRole and NodeLabel,
// never user text.
//
// :param rows => [{signpost: 'photo', target: 'status-quo'}]
UNWIND $rows AS row
MATCH (:Signpost {id: row.signpost})-[r:{{role}}]->(:{{label}} {id: row.target})
DELETE r
