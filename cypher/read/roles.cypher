// Read: every signpost's relationships of one kind, as one list.
//
// `{{role}}` and `{{label}}` are filled from scenarios.store.records.SignpostRole and NodeLabel
// (POINTS_TO and AGAINST end at a Scenario, BEARS_ON at an Actor), never user text.
MATCH (s:Signpost)-[r:{{role}}]->(t:{{label}})
RETURN collect([s.id, t.id, properties(r)]) AS rows
