"""The `scenarios` command line (typer): `app`, and `main`, the console-script entry point."""

from scenarios.cli.root import app, main

__all__ = ["app", "main"]
