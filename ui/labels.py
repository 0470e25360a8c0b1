"""Plain words for stored codes: what the app and the CLI show instead of internal names.

A reader sees "Price level", "%", "62%" and "±0.5", never ``price_level``, ``pct``,
``0.62`` or ``1.7324``; a missing value reads as an em dash, never ``None``.
"""

from __future__ import annotations

import math
import re

KINDS = {
    "price_target": "Price target",
    "price_level": "Price level",
    "performance": "Performance",
    "rate_decision": "Rate decision",
    "rate_expectation": "Rate expectation",
    "valuation": "Valuation",
    "fundamental": "Fundamental",
}
UNITS = {
    "usd": "$",
    "usd_per_share": "$ per share",
    "usd_millions": "$ million",
    "points": "points",
    "pct": "%",
    "pp": "percentage points",
    "bp": "basis points",
    "x": "×",
}
MISSING = "—"


def kind_label(kind: str | None) -> str:
    """``price_level`` -> "Price level" (an unknown kind gets its underscores spaced)."""
    if not kind:
        return MISSING
    return KINDS.get(kind, kind.replace("_", " ").capitalize())


def kind_code(label: str) -> str:
    """The stored kind for a label or a code ("Price level", "price-level" -> price_level)."""
    wanted = label.strip().lower().replace("-", " ").replace("_", " ")
    for code, text in KINDS.items():
        if wanted in (text.lower(), code.replace("_", " ")):
            return code
    return label.strip()


def unit_label(unit: str | None) -> str:
    return UNITS.get(unit or "", unit or "")


def text(value: object) -> str:
    """Any value as text, with None (and NaN) as an em dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return str(value)


def percent(share: float | None, digits: int = 0) -> str:
    """A ratio (0.62) as a percentage ("62%")."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return MISSING
    return f"{share * 100:.{digits}f}%"


def decimals_of(value: float | None) -> int:
    """How many decimals a figure is written with (12.4 -> 1, 2350 -> 0), at most 4."""
    if value is None or not math.isfinite(value):
        return 0
    s = f"{abs(value):.4f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def tolerance(tol: float | None, figure: float | None = None) -> str:
    """A check's tolerance rounded to the precision of the figure it applies to."""
    if tol is None:
        return MISSING
    digits = max(decimals_of(figure), 1 if tol < 1 else 0)
    return f"±{tol:.{digits}f}"


def signed(value: float | None, figure: float | None = None) -> str:
    """A difference with its sign, at the figure's precision (at least two decimals)."""
    if value is None:
        return MISSING
    return f"{value:+.{max(decimals_of(figure), 2)}f}"


_REASON_WORDS = (
    (re.compile(r"(\d) pct\b"), r"\1%"),
    (re.compile(r"\bgt\b"), "more than"),
    (re.compile(r"\blt\b"), "less than"),
    (re.compile(r"\bge\b"), "at least"),
    (re.compile(r"\ble\b"), "at most"),
    (re.compile(r"->"), "→"),
)


def reason(text_: str | None) -> str:
    """A check's reason in plain words ("claimed change gt 100.00 pct" -> "… more than
    100.00%")."""
    out = text_ or ""
    for pattern, repl in _REASON_WORDS:
        out = pattern.sub(repl, out)
    return out
