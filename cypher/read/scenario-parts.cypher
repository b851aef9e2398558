// Read: one scenario's nested records of one label (its changes or removals).
//
// `{{label}}` is filled from scenarios.store.records.NodeLabel (LinkChange, LinkRemoval), never
// user text.
//
// :param scenario => 'new-yalta'
MATCH (n:{{label}} {scenario: $scenario})
RETURN collect([labels(n), properties(n)]) AS rows
