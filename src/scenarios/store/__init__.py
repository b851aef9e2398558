"""The Neo4j side door: the store that owns the driver, its records, load plans, reads, queries.

Only `scenarios.store.store` imports the `neo4j` driver; the other modules are plain Python, so
`scenarios.store.records` and `scenarios.store.queries` cost nothing to import.
"""
