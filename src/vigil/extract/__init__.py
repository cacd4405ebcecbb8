"""Text in, suggestions with provenance out: the pure extraction pipeline."""

from vigil.extract.pipeline import PIPELINE_VERSION, extract, extract_many
from vigil.extract.types import ComponentError, ExtractInput, Extraction, Suggestion

__all__ = [
    "PIPELINE_VERSION",
    "ComponentError",
    "ExtractInput",
    "Extraction",
    "Suggestion",
    "extract",
    "extract_many",
]
