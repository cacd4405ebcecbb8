"""Ways out of Vigil: exports (one format per module)."""
