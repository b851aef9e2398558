// Read: every node of one label, with its labels and properties, as one list.
//
// `{{label}}` is filled from scenarios.store.records.NodeLabel, never user text. One row holding a
// list decodes several times faster in the Python driver than one row per node.
MATCH (n:{{label}})
RETURN collect([labels(n), properties(n)]) AS rows
