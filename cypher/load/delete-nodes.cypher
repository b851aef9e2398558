// Load: delete nodes of one label that scenarios wrote and the dataset no longer has.
//
// Used for nested records a link, scenario or signpost dropped (evidence, changes, removals,
// observations, raised-by items) and, with --prune, for actors, scenarios, signposts, speakers
// and programmes. `{{label}}` is filled from
// scenarios.store.records.NodeLabel, never user text. A node without the marker, or one that still
// has relationships (someone else's), is left alone.
//
// :param ids => ['trump-leads-us/evidence/1']
// :param marker => 'scenarios'
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
WHERE n.loaded_by = $marker AND NOT (n)--()
DELETE n
