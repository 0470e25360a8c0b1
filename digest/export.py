"""Render a ``Digest`` as terminal text (rich), Markdown, one self-contained HTML file, or JSON.

Every string that came from an article (titles, quotes, source names, URLs) is untrusted:
HTML escapes it, Markdown escapes its markup characters, rich gets it as plain ``Text``
(never as markup), and only http(s) URLs ever become links.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable

from digest.model import Digest, SubjectDigest
from store.claims import ClaimBrief

FORMATS = ("text", "md", "html", "json")


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None (no javascript:, data:, file: links)."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def fmt_num(value: float | None, unit: str | None = None) -> str:
    """A claim's figure as a reader writes it: $300.00, 12.4%, -25 bp, 2,350."""
    if value is None:
        return "—"
    if unit in ("usd", "usd_per_share"):
        return f"${value:,.2f}"
    if unit == "pct":
        return f"{value:+.2f}%"
    if unit == "pp":
        return f"{value:+.2f} pp"
    if unit == "bp":
        return f"{round(value, 1):+g} bp"
    if unit == "x":
        return f"{value:g}x"
    if unit == "usd_millions":
        return f"${value:,.0f}M"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if unit == "points" else f"{value:,g}"


def fmt_gap(value: float, unit: str | None, *, sign: str = "+") -> str:
    """A difference or tolerance in the unit a reader measures it in (pp for %, $, points)."""
    mark = "±" if sign == "±" else ("+" if value >= 0 else "-")
    mag = abs(value)
    if unit in ("usd", "usd_per_share"):
        return f"{mark}${mag:,.2f}"
    if unit in ("pct", "pp"):
        return f"{mark}{mag:.2f}".rstrip("0").rstrip(".") + " pp"
    if unit == "bp":
        return f"{mark}{round(mag, 2):g} bp"
    if unit == "points":
        return f"{mark}{mag:,.2f}".rstrip("0").rstrip(".") + " points"
    return f"{mark}{mag:,.4g}"


def _split_text(sd: SubjectDigest) -> str:
    st = sd.stance
    return f"{st.bullish} bullish / {st.bearish} bearish / {st.neutral} neutral"


def _target_text(sd: SubjectDigest) -> str | None:
    t = sd.targets
    if not t:
        return None
    s = (
        f"{t.count} targets, median {fmt_num(t.median, t.unit)} "
        f"(low {fmt_num(t.low, t.unit)}, high {fmt_num(t.high, t.unit)})"
    )
    if t.upside_pct is not None and t.latest_close is not None:
        s += f", {t.upside_pct:+.1f}% vs close {fmt_num(t.latest_close, t.unit)} on {t.close_date}"
    return s + " — " + ", ".join(t.sources)


def _level_lines(sd: SubjectDigest) -> list[str]:
    out = []
    for z in sd.levels:
        span = fmt_num(z.low) if z.low == z.high else f"{fmt_num(z.low)}–{fmt_num(z.high)}"
        out.append(f"{z.role} {span}: {z.n_sources} source(s) ({', '.join(z.sources)})")
    return out


def _rate_lines(sd: SubjectDigest) -> list[str]:
    out = []
    for r in sd.rates:
        prob = f", p≈{r.mean_probability:.0f}%" if r.mean_probability is not None else ""
        if r.min_probability is not None and r.max_probability != r.min_probability:
            prob += f" ({r.min_probability:.0f}–{r.max_probability:.0f}%)"
        out.append(
            f"{r.horizon}: {fmt_num(r.size, r.unit)}{prob} "
            f"({r.mentions} mention(s): {', '.join(r.sources)})"
        )
    return out


def _claim_line(c: ClaimBrief) -> str:
    verdict = f" [{c.verdict}]" if c.verdict else ""
    actual = f" actual {fmt_num(c.actual, c.unit)}" if c.actual is not None else ""
    return f"“{c.quote}” — {c.source or '?'}, {c.published or '?'}{verdict}{actual}"


def _sections(d: Digest) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The digest as (heading, [(subheading, lines)]) — one outline for text and Markdown."""
    out: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for sd in d.subjects:
        parts: list[tuple[str, list[str]]] = []
        head = [
            f"{sd.voices} voice(s), {sd.articles} article(s); consensus {sd.consensus}",
            f"stance: {_split_text(sd)}",
        ]
        if t := _target_text(sd):
            head.append(f"targets: {t}")
        parts.append(("", head))
        if sd.levels:
            parts.append(("Key levels", _level_lines(sd)))
        if sd.rates:
            parts.append(("Rate expectations", _rate_lines(sd)))
        if sd.performance:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(sd.performance_verdicts.items()))
            parts.append(
                (f"Performance claims ({counts})", [_claim_line(c) for c in sd.performance])
            )
        if sd.dissent:
            parts.append(
                (f"Dissent ({sd.n_dissent} claim(s))", [_claim_line(c) for c in sd.dissent])
            )
        title = f"{sd.subject}" + (f" — {sd.name}" if sd.name else "")
        out.append((title, parts))
    return out


def _header_lines(d: Digest) -> list[str]:
    lines = [
        f"window {d.start} .. {d.end} ({d.n_articles} articles, {d.n_claims} claims); "
        f"compared with {d.previous_start} .. {d.previous_end}"
    ]
    if d.note:
        lines.append(f"note: {d.note}")
    return lines


def _flag_lines(d: Digest) -> list[str]:
    out = []
    for f in d.flagged:
        out.append(
            f"{f.title or '(untitled)'} — {f.source or '?'}, {f.published}: "
            f"{f.contradicted} contradicted"
        )
        for c in f.claims:
            diff = f", diff {fmt_gap(c.difference, c.unit)}" if c.difference is not None else ""
            tol = (
                f", tolerance {fmt_gap(c.tolerance, c.unit, sign='±')}"
                if c.tolerance is not None
                else ""
            )
            out.append(
                f"  “{c.quote}”: claimed {fmt_num(c.value, c.unit)} vs actual "
                f"{fmt_num(c.actual, c.unit)}{diff}{tol}"
            )
    return out


def _track_lines(d: Digest) -> list[str]:
    out = []
    for r in d.track_record:
        rate = f"{r.hit_rate:.0%}" if r.hit_rate is not None else "—"
        err = f", avg error {r.avg_error_pct:.1f}%" if r.avg_error_pct is not None else ""
        out.append(f"{r.source}: {r.hits}/{r.resolved} targets hit ({rate}){err}")
    return out


def to_json(d: Digest) -> str:
    return d.model_dump_json(indent=2)


def to_text(d: Digest, *, width: int = 100, color: bool = False) -> str:
    """A terminal rendering with rich; all content goes in as ``Text`` (no markup parsing)."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system=None if not color else "auto",
        highlight=False,
    )
    console.print(Rule(Text(f"thesisdesk digest — {d.day}", style="bold")))
    for line in _header_lines(d):
        console.print(Text(line))
    if d.changes:
        console.print(Text("\nWhat changed", style="bold"))
        for c in d.changes:
            console.print(Text(f"  • {c.text}"))
    for title, parts in _sections(d):
        body = Text()
        for sub, lines in parts:
            if sub:
                body.append(f"{sub}\n", style="bold")
            for line in lines:
                body.append(f"  {line}\n" if sub else f"{line}\n")
        console.print(Panel(body, title=Text(title, style="bold"), title_align="left"))
    if d.flagged:
        console.print(Text("Flagged articles", style="bold red"))
        for line in _flag_lines(d):
            console.print(Text(f"  {line}"))
    if d.track_record:
        console.print(Text("\nSource track record (resolved targets)", style="bold"))
        for line in _track_lines(d):
            console.print(Text(f"  {line}"))
    if not d.subjects:
        console.print(Text("No claims in this window."))
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~$&])")


def md_escape(text: str) -> str:
    """Escape Markdown (and inline HTML) so article text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def to_markdown(d: Digest) -> str:
    e = md_escape
    lines = [f"# thesisdesk digest — {d.day}", ""]
    lines += [e(x) for x in _header_lines(d)] + [""]
    if d.changes:
        lines += ["## What changed", ""] + [f"- {e(c.text)}" for c in d.changes] + [""]
    for title, parts in _sections(d):
        lines += [f"## {e(title)}", ""]
        for sub, items in parts:
            if sub:
                lines += [f"**{e(sub)}**", ""]
            lines += [f"- {e(x)}" for x in items] + [""]
    if d.flagged:
        lines += ["## Flagged articles", ""]
        for f in d.flagged:
            title = e(f.title or "(untitled)")
            url = safe_url(f.url)
            link = f"[{title}](<{url}>)" if url else title
            lines.append(
                f"- {link} — {e(f.source or '?')}, {f.published}: {f.contradicted} contradicted"
            )
            for c in f.claims:
                lines.append(
                    f"  - “{e(c.quote)}”: claimed {e(fmt_num(c.value, c.unit))} vs "
                    f"actual {e(fmt_num(c.actual, c.unit))}"
                )
        lines.append("")
    if d.track_record:
        lines += ["## Source track record", ""] + [f"- {e(x)}" for x in _track_lines(d)]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:980px;
margin:2em auto;padding:0 1em;color:#1d2430;background:#fff;line-height:1.45}
h1{font-size:1.6em;border-bottom:2px solid #1d2430}h2{font-size:1.25em;margin-top:1.6em}
section.subject{border:1px solid #d9dee7;border-radius:8px;padding:.6em 1em;margin:1em 0}
.meta{color:#5b6678;font-size:.9em}.bullish{color:#0a7d32}.bearish{color:#b3261e}
.neutral,.mixed{color:#5b6678}table{border-collapse:collapse;margin:.4em 0}
td,th{border-bottom:1px solid #e6e9ef;padding:.2em .6em;text-align:left;font-size:.92em}
blockquote{margin:.3em 0 .3em 1em;color:#333}.flag{border-left:4px solid #b3261e;padding-left:.8em}
.bar{display:inline-block;height:.8em;vertical-align:middle}
"""


def to_html(d: Digest) -> str:
    """One self-contained page: inline CSS, no scripts, no external assets."""
    e: Callable[[object], str] = lambda x: html.escape(str(x), quote=True)  # noqa: E731
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>thesisdesk digest {e(d.day)}</title><style>{_CSS}</style></head><body>",
        f"<h1>thesisdesk digest — {e(d.day)}</h1>",
    ]
    out += [f"<p class='meta'>{e(x)}</p>" for x in _header_lines(d)]
    if d.changes:
        out.append("<h2>What changed</h2><ul>")
        out += [f"<li>{e(c.text)}</li>" for c in d.changes]
        out.append("</ul>")
    for sd in d.subjects:
        st = sd.stance
        total = max(st.total, 1)
        bars = "".join(
            f"<span class='bar' title='{k} {v}' style='width:{160 * v / total:.0f}px;"
            f"background:{c}'></span>"
            for k, v, c in (
                ("bullish", st.bullish, "#0a7d32"),
                ("neutral", st.neutral, "#9aa3b2"),
                ("bearish", st.bearish, "#b3261e"),
            )
        )
        name = f" — {e(sd.name)}" if sd.name else ""
        out.append(f"<section class='subject'><h2>{e(sd.subject)}{name}</h2>")
        out.append(
            f"<p>{sd.voices} voice(s), {sd.articles} article(s); consensus "
            f"<b class='{e(sd.consensus)}'>{e(sd.consensus)}</b> {bars} {e(_split_text(sd))}</p>"
        )
        if t := _target_text(sd):
            out.append(f"<p><b>Targets:</b> {e(t)}</p>")
        if sd.levels:
            out.append("<p><b>Key levels</b></p><ul>")
            out += [f"<li>{e(x)}</li>" for x in _level_lines(sd)]
            out.append("</ul>")
        if sd.rates:
            out.append("<p><b>Rate expectations</b></p><ul>")
            out += [f"<li>{e(x)}</li>" for x in _rate_lines(sd)]
            out.append("</ul>")
        for label, claims in (("Performance claims", sd.performance), ("Dissent", sd.dissent)):
            if claims:
                out.append(f"<p><b>{label}</b></p>")
                out += [f"<blockquote>{_html_claim(c)}</blockquote>" for c in claims]
        out.append("</section>")
    if d.flagged:
        out.append("<h2>Flagged articles</h2>")
        for f in d.flagged:
            url = safe_url(f.url)
            title = e(f.title or "(untitled)")
            link = f"<a href='{e(url)}' rel='noopener noreferrer'>{title}</a>" if url else title
            out.append(
                f"<div class='flag'><p>{link} — {e(f.source or '?')}, {e(f.published)}: "
                f"{f.contradicted} contradicted</p><table><tr><th>quote</th><th>claimed"
                "</th><th>actual</th><th>difference</th><th>tolerance</th></tr>"
            )
            for c in f.claims:
                out.append(
                    f"<tr><td>{e(c.quote)}</td><td>{e(fmt_num(c.value, c.unit))}</td>"
                    f"<td>{e(fmt_num(c.actual, c.unit))}</td>"
                    f"<td>{e('' if c.difference is None else f'{c.difference:+g}')}</td>"
                    f"<td>{e('' if c.tolerance is None else f'{c.tolerance:g}')}</td></tr>"
                )
            out.append("</table></div>")
    if d.track_record:
        out.append("<h2>Source track record</h2><ul>")
        out += [f"<li>{e(x)}</li>" for x in _track_lines(d)]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def _html_claim(c: ClaimBrief) -> str:
    e = html.escape
    verdict = f" <b class='{e(c.verdict)}'>[{e(c.verdict)}]</b>" if c.verdict else ""
    return f"“{e(c.quote)}” — {e(c.source or '?')}, {e(str(c.published or '?'))}{verdict}"


def render(d: Digest, fmt: str) -> str:
    """The digest in one of ``FORMATS``."""
    if fmt == "text":
        return to_text(d)
    if fmt == "md":
        return to_markdown(d)
    if fmt == "html":
        return to_html(d)
    if fmt == "json":
        return to_json(d)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
