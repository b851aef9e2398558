"""Report -> output: `terminal` (rich, for people) and `json` (`--json`); Markdown goes here next.

A renderer takes a report from `scenarios.reports` and returns a value (a renderable, text);
the sentences in it come from `scenarios.reports.wording`, so every output says a finding alike.
"""
