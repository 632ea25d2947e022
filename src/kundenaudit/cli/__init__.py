"""The command line: typer app, one module per command, console and output."""
