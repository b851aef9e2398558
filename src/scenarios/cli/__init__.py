"""The `scenarios` command line (typer): `app`, and `main`, the console-script entry point."""

from scenarios.cli.options import app, main

__all__ = ["app", "main"]
