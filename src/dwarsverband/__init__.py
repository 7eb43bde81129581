"""Dwarsverband: the collaboration platform of the Dutch local public sector."""

__version__ = "0.1.0"
