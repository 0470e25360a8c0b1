"""Safe rendering of untrusted article text for Streamlit: escaped Markdown, never HTML.

Titles, quotes and source names come from the web. They go through ``md_escape`` (so no
link, image, HTML tag, LaTeX or colour directive can be smuggled in), the claim's number is
wrapped in ``**bold**`` by us, and only http(s) URLs become links.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from digest.export import fmt_num, safe_url
from ui.labels import kind_label

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
    ``values`` (sign ignored: "fell 3%" states -3); None when the number is written in words
    ("a full percentage point") - bolding the first digits instead would mark the 2000 of
    "Russell 2000" as the claim."""
    tokens = list(_NUMBER.finditer(quote))
    if not tokens:
        return None
    wanted = [abs(v) for v in values if v is not None]
    for m in tokens:
        f = _as_float(m.group())
        if f is not None and any(abs(f - w) < 1e-6 * max(1.0, w) for w in wanted):
            return m.start(), m.end()
    return None


def highlight_quote(quote: str, values: list[float | None]) -> str:
    """The quote as escaped Markdown with its number in bold."""
    span = number_span(quote, values)
    if span is None:
        return md_escape(quote)
    a, b = span
    return f"{md_escape(quote[:a])}**{md_escape(quote[a:b])}**{md_escape(quote[b:])}"


_BULLET = re.compile(r"^\s*(?:[-–—•*·]\s+)+")


def clean_quote(quote: str) -> str:
    """The quote without a list bullet in front ("- IWM rose" reads "IWM rose")."""
    return _BULLET.sub("", quote)


def article_href(article_id: int | None, claim_id: int | None = None) -> str | None:
    """The app's own address of an article (and the claim to point at)."""
    if article_id is None:
        return None
    params: dict[str, object] = {"page": "Article", "article": int(article_id)}
    if claim_id is not None:
        params["claim"] = int(claim_id)
    return "?" + urlencode(params)


def internal_link(label: str, href: str | None) -> str:
    """``[label](href)`` for one of the app's own ``?page=…`` addresses."""
    text = md_escape(label)
    if not href or not href.startswith("?"):
        return text
    return f"[{text}]({href})"


def best_url(c: object) -> str | None:
    """The web address to show for an article: its canonical https URL over a file:// one."""
    for name in ("canonical_url", "url"):
        u = safe_url(getattr(c, name, None))
        if u:
            return u
    return None


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL, else just the escaped label."""
    ok = safe_url(url)
    text = md_escape(label)
    if not ok:
        return text
    return f"[{text}](<{ok}>)"


def claim_markdown(c: object, outlets: list[str] | None = None) -> str:
    """Two lines for one claim: what/who/when/verdict, then the quote with its number bold
    and links to the sentence in the app's article view and to the page on the web.

    ``c`` is a ``ClaimHit`` or ``ClaimBrief`` (same field names); ``outlets`` are the
    other sources that syndicated the same article.
    """
    g = lambda name: getattr(c, name, None)  # noqa: E731
    verdict = g("verdict")
    # colour directives are ours; the verdict is one of our own labels, escaped anyway
    colour = {"contradicted": "red", "supported": "green"}.get(verdict or "", "gray")
    badge = f":{colour}[{md_escape(verdict or 'unchecked')}]"
    source = g("source") or "unknown source"
    if outlets:
        source += " (also " + ", ".join(outlets) + ")"
    bits = [
        f"**{md_escape(g('subject'))}**",
        md_escape(kind_label(g("kind"))),
        md_escape(g("stance") or "neutral"),
        md_escape(g("published") or "undated"),
        md_escape(source),
        badge,
    ]
    if verdict == "contradicted" and g("actual") is not None:
        bits.append(md_escape(f"actual {fmt_num(g('actual'), g('unit'))}"))
    head = " · ".join(bits)
    title = g("title") or "article"
    quote = highlight_quote(
        clean_quote(str(g("quote") or "")), [g("value"), g("low"), g("high"), g("probability")]
    )
    here = internal_link("in the article", article_href(g("article_id"), g("claim_id")))
    web = best_url(c)
    tail = f"{here} · {link(str(title), web)}" if web else f"{here} · {md_escape(title)}"
    return f"{head}  \n“{quote}” — {tail}"
