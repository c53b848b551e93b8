"""econgraph: a regional-economy knowledge graph from Chinese news."""

__version__ = "0.1.0"
