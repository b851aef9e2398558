"""Names of the environment variables the tool reads, in one place (documented in the README)."""

DATA_ENV = "SCENARIOS_DATA"
DEBUG_ENV = "SCENARIOS_DEBUG"
