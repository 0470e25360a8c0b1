"""Text from outside, made safe to store: no lone surrogates, no NULs, no binary junk.

A lone surrogate (``&#55296;`` in a feed) cannot be encoded as UTF-8 and a NUL is refused
by PostgreSQL; either would cost the whole item (or feed) at the store, so they are dropped
here and cost only themselves. Binary data that arrives labelled as text (a PDF served as
``text/html``) is recognised by its share of unprintable characters.
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: share of unprintable characters above which "text" is taken for binary data
MAX_ODD_SHARE = 0.05


def clean_text(value: str | None) -> str | None:
    """``value`` without lone surrogates and NUL characters (None stays None)."""
    if value is None:
        return None
    return _UNSTORABLE.sub("", value)


def binary_reason(text: str, sample_chars: int = 20_000) -> str | None:
    """Why ``text`` looks like decoded binary data, or None when it reads as text."""
    sample = text[:sample_chars]
    if not sample:
        return None
    if "\x00" in sample:
        return "binary data (NUL characters), not text"
    odd = sum(1 for ch in sample if not (ch.isprintable() or ch in "\n\r\t"))
    if odd / len(sample) > MAX_ODD_SHARE:
        return "binary data (unprintable characters), not text"
    return None
