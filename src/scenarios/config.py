"""Names of the environment variables the tool reads, in one place (documented in the README)."""

DATA_ENV = "SCENARIOS_DATA"
DEBUG_ENV = "SCENARIOS_DEBUG"
SOURCE_ENV = "SCENARIOS_SOURCE"  # files | neo4j: where analysis commands read the graph
PAGER_ENV = "SCENARIOS_PAGER"  # the pager for long output on a terminal (before $PAGER, less)

# The standard Neo4j connection variables (the same names Neo4j's own tools read).
URI_ENV = "NEO4J_URI"
USER_ENV = "NEO4J_USERNAME"
PASSWORD_ENV = "NEO4J_PASSWORD"
DATABASE_ENV = "NEO4J_DATABASE"
