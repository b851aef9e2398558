// Read: the evidence of the given links.
//
// :param ids => ['trump-leads-us']
UNWIND $ids AS id
MATCH (n:Evidence {link: id})
RETURN collect([labels(n), properties(n)]) AS rows
