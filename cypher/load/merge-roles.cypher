// Load: tie signposts to the scenarios they point to or count against, and to the actors they
// bear on (one batch of rows).
//
// `{{role}}` (POINTS_TO, AGAINST, BEARS_ON) and `{{label}}` (Scenario, Actor) are filled by
// `scenarios load` from the fixed lists scenarios.store.records.SignpostRole and NodeLabel,
// never with user text; to run it by hand, write them in their places. `seq` is the position in
// the signpost's list (for BEARS_ON, in `bears_on`, whose links are in `bears_on_links`).
//
// :param rows => [{signpost: 'photo', target: 'new-yalta', props: {seq: 0, loaded_by: 'scenarios'}}]
UNWIND $rows AS row
MATCH (s:Signpost {id: row.signpost})
MATCH (t:{{label}} {id: row.target})
MERGE (s)-[r:{{role}}]->(t)
SET r = row.props
