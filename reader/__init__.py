"""A terminal news reader for English, Ukrainian and Russian."""

__version__ = "0.1.0"
