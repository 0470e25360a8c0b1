"""Rule-based stance of one claim: what it implies for its subject.

Kept apart from the extractor so that a learned sentence model (``nlp/sentiment``) can be
combined with it later: ``rule_stance`` returns a label and a score in [-1, 1] with the
same sign convention (positive = bullish), and says nothing when the rules do not know
(score 0, "neutral").

Rules, first match wins:
* rates (``FEDFUNDS``): a cut or easing is bullish for equities, a hike bearish, a hold
  neutral;
* targets: above the current level, or with "upside"/"rise" words -> bullish; "drop to",
  "downside" -> bearish;
* levels: entry zones, breakouts above and averages labelled "up trend" are bullish,
  breakdowns below and "down trend" bearish, the rest neutral (a level is a fact, not a view);
* performance and growth: the sign of the figure (a decline is bearish); a streak: its
  direction (gains bullish, losses bearish);
* valuation: a discount / cheap words / below its own average -> bullish, a premium /
  stretched words -> bearish;
* fundamentals: beats and growth bullish, misses and declines bearish, estimates neutral;
* otherwise bearish or bullish words near the figure, else neutral.
"""

from __future__ import annotations

import re

BULLISH_WORDS = re.compile(
    r"\b(?:bullish|upside|breakout|rall\w*|surg\w*|strong\w*|outperform\w*|beat\w*|surpass\w*|"
    r"cheap\w*|undervalued|attractive|compelling|discount|tailwinds?|momentum|record high|"
    r"upgrade\w*|buy)\b",
    re.I,
)
BEARISH_WORDS = re.compile(
    r"\b(?:bearish|downside|breakdown|sell-?off|correction|weak\w*|underperform\w*|miss\w*|"
    r"stretched|elevated|expensive|overvalued|rich|headwinds?|warn\w*|risk\w*|downgrade\w*|"
    r"decline\w*|drop\w*|fall\w*|sell)\b",
    re.I,
)


#: A multiple under its own history is cheap: "below its long-term average".
_BELOW_NORM = re.compile(
    r"\b(?:below|under|beneath|less than)\s(?:its\s|the\s|their\s)?(?:[\w-]+\s){0,2}?"
    r"(?:average|median|norm|mean)\b"
)


def _words(sentence: str) -> float:
    up = len(BULLISH_WORDS.findall(sentence))
    down = len(BEARISH_WORDS.findall(sentence))
    if up == down:
        return 0.0
    return (up - down) / (up + down)


def _label(score: float) -> str:
    if score > 0.05:
        return "bullish"
    if score < -0.05:
        return "bearish"
    return "neutral"


def rule_stance(
    kind: str,
    *,
    value: float | None,
    role: str | None,
    sentence: str,
    direction: int = 0,
    current: float | None = None,
) -> tuple[str, float]:
    """(stance, score) for one claim from its kind, signed value, role and sentence."""
    low = sentence.lower()
    score = 0.0
    if kind in {"rate_decision", "rate_expectation"}:
        if direction < 0 or (value is not None and value < 0):
            score = 0.8
        elif direction > 0 or (value is not None and value > 0 and "hike" in low):
            score = -0.8
    elif kind == "price_target":
        if current is not None and value is not None:
            score = 0.8 if value > current else -0.8
        elif direction < 0 or re.search(
            r"\b(?:drop|fall|decline|slide|downside|sink|"
            r"tumble|breakdown)\w*",
            low,
        ):
            score = -0.7
        else:
            score = 0.6
    elif kind == "price_level":
        if role == "entry" or re.search(
            r"\b(?:break(?:out|s|ing)?|broke(?: out)?) (?:above|through)", low
        ):
            score = 0.6
        elif re.search(r"\bbreak(?:down|s|ing)? below|\bfall(?:s|ing)? below", low):
            score = -0.6
        elif re.search(r"\bup[- ]?trend", low) and not re.search(r"\bdown[- ]?trend", low):
            score = 0.5  # "50-day: 2,472.9 Up Trend": the average the price rides up
        elif re.search(r"\bdown[- ]?trend", low) and not re.search(r"\bup[- ]?trend", low):
            score = -0.5
    elif kind == "performance":
        if role == "streak":
            score = 0.6 * direction  # the streak's own words (``nlp.quote_facts``) say which way
        elif value is not None and value != 0:
            score = 0.6 if value > 0 else -0.6
    elif kind == "valuation":
        if value is not None and value < 0:
            score = 0.6
        else:
            score = _words(sentence)
            if score == 0.0 and _BELOW_NORM.search(low):
                score = 0.5  # "12.8x forward P/E, below its historical average": cheap
            elif score == 0.0 and re.search(r"\bnorth of|\babove|\bover\b|\bpremium", low):
                score = -0.4
    elif kind == "fundamental":
        if role in {"eps_estimate"}:
            score = 0.0
        elif re.search(r"\bmiss\w*|\bfell short|\bbelow (?:the )?(?:consensus|estimate)", low) or (
            value is not None and value < 0
        ):
            score = -0.6
        elif role in {"eps", "surprise", "growth", "revenue"}:
            score = 0.6
    if score == 0.0 and kind not in {"price_level", "fundamental"}:
        score = _words(sentence) * 0.5
    return _label(score), round(score, 3)
