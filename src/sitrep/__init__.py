"""sitrep: news reports about armed conflict in, a sourced, deduplicated, geocoded incident dataset out."""

__version__ = "0.1.0"
