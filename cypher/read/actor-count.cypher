// Read: how many actors the database holds (as a one-item list).
//
// The scenario read stops searching once it has found more than half of them (see
// scenarios.store.subgraph), and reads the whole graph instead.
MATCH (n:Actor)
RETURN [count(n)] AS rows
