"""Thin route handlers, one module per area; each calls the same services as the CLI."""
