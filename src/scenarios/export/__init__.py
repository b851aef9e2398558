"""Exporters: a dataset or a scenario view -> files other tools open (pure: return str/bytes)."""
