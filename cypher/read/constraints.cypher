// Read: the names of the constraints the database has.
//
// `scenarios load --dry-run` compares them with cypher/schema.cypher to say which
// constraints a load would add, without creating them: schema changes cannot share the
// rolled-back transaction of a dry run.
SHOW CONSTRAINTS YIELD name
RETURN name
