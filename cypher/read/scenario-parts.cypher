// Read: one scenario's nested records of one label (its changes, removals or signposts).
//
// `{{label}}` is filled from scenarios.store.records.NodeLabel (LinkChange, LinkRemoval, Signpost),
// never user text.
//
// :param scenario => 'new-yalta'
MATCH (n:{{label}} {scenario: $scenario})
RETURN collect([labels(n), properties(n)]) AS rows
