"""Guifan (规范): judicial-conduct standardization campaigns and case quality evaluation."""

__version__ = "0.1.0"
