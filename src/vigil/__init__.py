"""Vigil: casework for human-rights defenders.

The public API: settings, the store, and ingest. Everything else is reached
through its package (`vigil.store`, `vigil.ingest`, `vigil.extract`, ...).
"""

from vigil.errors import VigilError
from vigil.settings import Settings, load_settings

__all__ = ["Settings", "VigilError", "load_settings"]
__version__ = "0.1.0"
