"""Text in, suggestions with provenance out: the pure extraction pipeline."""

from vigil.extract.pipeline import extract
from vigil.extract.types import ComponentError, ExtractInput, Extraction

__all__ = ["ComponentError", "ExtractInput", "Extraction", "extract"]
