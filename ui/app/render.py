"""Safe rendering of untrusted article text for Streamlit: escaped Markdown, never HTML.

Titles, quotes and source names come from the web. They go through ``md_escape`` (so no
link, image, HTML tag, LaTeX or colour directive can be smuggled in), the claim's number is
wrapped in ``**bold**`` by us, and only http(s) URLs become links.
"""

from __future__ import annotations

import re

from digest.export import fmt_num, safe_url

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^])")
_NUMBER = re.compile(r"[-+−]?\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|bp\b|pp\b|x\b))?", re.IGNORECASE)


def md_escape(text: object) -> str:
    """Escape every Markdown/HTML-significant character; newlines become spaces."""
    return _MD_SPECIAL.sub(r"\\\1", str(text).replace("\r", " ").replace("\n", " "))


def _as_float(token: str) -> float | None:
    cleaned = re.sub(r"[^\d.]", "", token)
    try:
        return float(cleaned)
    except ValueError:
        return None


def number_span(quote: str, values: list[float | None]) -> tuple[int, int] | None:
    """Where in ``quote`` the claim's number is written: the token equal to one of
    ``values`` (sign ignored: "fell 3%" states -3), else the first number."""
    tokens = list(_NUMBER.finditer(quote))
    if not tokens:
        return None
    wanted = [abs(v) for v in values if v is not None]
    for m in tokens:
        f = _as_float(m.group())
        if f is not None and any(abs(f - w) < 1e-6 * max(1.0, w) for w in wanted):
            return m.start(), m.end()
    return tokens[0].start(), tokens[0].end()


def highlight_quote(quote: str, values: list[float | None]) -> str:
    """The quote as escaped Markdown with its number in bold."""
    span = number_span(quote, values)
    if span is None:
        return md_escape(quote)
    a, b = span
    return f"{md_escape(quote[:a])}**{md_escape(quote[a:b])}**{md_escape(quote[b:])}"


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL, else just the escaped label."""
    ok = safe_url(url)
    text = md_escape(label)
    if not ok:
        return text
    return f"[{text}](<{ok}>)"


def claim_markdown(c: object) -> str:
    """Two lines for one claim: what/who/when/verdict, then the quote with its number bold.

    ``c`` is a ``ClaimHit`` or ``ClaimBrief`` (same field names).
    """
    g = lambda name: getattr(c, name, None)  # noqa: E731
    verdict = g("verdict")
    # colour directives are ours; the verdict is one of our own labels, escaped anyway
    colour = {"contradicted": "red", "supported": "green"}.get(verdict or "", "gray")
    badge = f":{colour}[{md_escape(verdict or 'unchecked')}]"
    bits = [
        f"**{md_escape(g('subject'))}**",
        md_escape(g("kind")),
        md_escape(g("stance")),
        md_escape(g("published") or "undated"),
        md_escape(g("source") or "unknown source"),
        badge,
    ]
    if verdict == "contradicted" and g("actual") is not None:
        bits.append(md_escape(f"actual {fmt_num(g('actual'), g('unit'))}"))
    head = " · ".join(bits)
    title = g("title") or "article"
    quote = highlight_quote(
        str(g("quote") or ""), [g("value"), g("low"), g("high"), g("probability")]
    )
    return f"{head}  \n“{quote}” — {link(str(title), g('url'))}"
