// Load: delete actors whose kind changed, so that they can be created again with the new label.
//
// Run only for actors whose relationships were all written by scenarios and are written again
// in the same transaction (scenarios.store.loadplan checks this before anything is written).
//
// :param ids => ['witkoff']
UNWIND $ids AS id
MATCH (n:Actor {id: id})
DETACH DELETE n
