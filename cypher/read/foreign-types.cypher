// Read: relationships of types scenarios does not read, counted by type.
//
// `scenarios pull` reports them: the dataset format has no place for them.
//
// :param known => ['LEADS', 'NEGOTIATES_WITH', 'KEY_ACTOR']
MATCH ()-[r]->()
WHERE NOT type(r) IN $known
RETURN type(r) AS what, count(*) AS count
