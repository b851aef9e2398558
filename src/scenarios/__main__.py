"""Allow `python -m scenarios`."""

from scenarios.cli import main

main()
