// Read: relationships scenarios did not write, attached to the given actors.
//
// Before an actor whose kind changed is deleted and created again, the load checks that
// nothing else is attached to it.
//
// :param ids => ['witkoff']
// :param marker => 'scenarios'
UNWIND $ids AS id
MATCH (n:Actor {id: id})-[r]-()
WHERE r.loaded_by IS NULL OR r.loaded_by <> $marker
RETURN id, count(r) AS relationships
