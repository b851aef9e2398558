// Read: the actors with the given ids, with their labels and properties, as one list.
//
// :param ids => ['us', 'trump']
UNWIND $ids AS id
MATCH (n:Actor {id: id})
RETURN collect([labels(n), properties(n)]) AS rows
