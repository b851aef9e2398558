"""Report -> output: `terminal` (rich renderables for people) and `json` (the `--json` text)."""
