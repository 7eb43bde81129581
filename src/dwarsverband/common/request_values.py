"""Values read by hand from a request's query string or form data (outside Django forms)."""

from __future__ import annotations


def plain_id(text: str) -> int | None:
    """An id as written in a request, or None. Only ASCII digits count: str.isdigit() also holds
    for superscripts such as '¹', which int() refuses."""
    return int(text) if text.isascii() and text.isdigit() else None
