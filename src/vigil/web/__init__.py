"""The web workspace: `create_app(settings, store)`, thin routes, templates, static files."""

from vigil.web.app import create_app
from vigil.web.server import ServeOptions, check_bind, serve

__all__ = ["ServeOptions", "check_bind", "create_app", "serve"]
