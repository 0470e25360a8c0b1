"""A long, honest article made of self-contained paragraphs of our own sentences.

Used to check that nothing good is lost when a text is read in chunks: every paragraph
names its subjects and dates its figures itself, and every figure is distinct, so
extracting the whole article must give exactly the claims of extracting each paragraph
on its own (offsets shifted). Shared by ``tests/test_extract_chunks.py`` and
``bench/extract_fuzz.py``.
"""

from __future__ import annotations

import random

SUBJECTS = ["IWM", "the Russell 2000", "the S&P 500", "SPY", "the Nasdaq 100", "QQQ"]
PERIODS = [
    "last week",
    "in July",
    "in the third quarter",
    "in August",
    "over the past month",
    "so far this year",
    "in 2024",
]
MOVES_UP = ["rose", "gained", "climbed", "advanced", "added"]
MOVES_DOWN = ["fell", "slipped", "dropped", "declined", "lost"]
FILLER = [
    "Breadth was mixed, and volume ran close to its average.",
    "Traders said the tone was cautious ahead of the data.",
    "Analysts pointed to lower funding costs as a reason for optimism.",
    "Some strategists think the rotation has further to run.",
    "Earnings revisions have stabilised after a weak spring.",
    "The move came on light holiday trading.",
    "Regional lenders and biotech names led the session.",
]


class _Figures:
    """Distinct figures: a counter walks through values no other paragraph uses."""

    def __init__(self) -> None:
        self.n = 0

    def pct(self) -> str:
        self.n += 1
        return f"{1 + self.n * 0.01:.2f}%"

    def price(self) -> str:
        self.n += 1
        return f"${100 + self.n * 0.01:,.2f}"

    def level(self) -> str:
        self.n += 1
        return f"{2000 + self.n * 0.1:,.1f}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def paragraph(rng: random.Random, figs: _Figures) -> str:
    """3 to 6 sentences; each figure's sentence names its subject and its period."""
    out: list[str] = []
    for _ in range(rng.randint(3, 6)):
        shape = rng.randrange(6)
        who = rng.choice(SUBJECTS)
        when = rng.choice(PERIODS)
        if shape == 0:
            out.append(f"{_cap(who)} {rng.choice(MOVES_UP)} {figs.pct()} {when}.")
        elif shape == 1:
            out.append(f"{_cap(who)} {rng.choice(MOVES_DOWN)} {figs.pct()} {when}.")
        elif shape == 2:
            fund = rng.choice(["IWM", "SPY", "QQQ"])
            out.append(f"{fund} closed at {figs.price()} on October 3, 2025.")
        elif shape == 3:
            idx = rng.choice(["the Russell 2000", "the S&P 500"])
            out.append(f"Strategists see {idx} reaching {figs.level()} by the end of next year.")
        elif shape == 4:
            a, b = rng.sample(SUBJECTS, 2)
            out.append(
                f"{_cap(a)} {rng.choice(MOVES_UP)} {figs.pct()} {when}, "
                f"while {b} {rng.choice(MOVES_DOWN)} {figs.pct()} {when}."
            )
        else:
            out.append(rng.choice(FILLER))
    return " ".join(out)


def honest_paragraphs(size: int, seed: int = 14) -> list[str]:
    """Paragraphs whose text, joined by blank lines, is at least ``size`` characters."""
    rng = random.Random(seed)
    figs = _Figures()
    paras: list[str] = []
    total = 0
    while total < size:
        p = paragraph(rng, figs)
        paras.append(p)
        total += len(p) + 2
    return paras


def honest_article(size: int, seed: int = 14) -> str:
    """The paragraphs of ``honest_paragraphs`` as one text."""
    return "\n\n".join(honest_paragraphs(size, seed))
