"""Files -> Dataset: the YAML loader, bulk CSV / JSON Lines files, validation, synthetic data."""
