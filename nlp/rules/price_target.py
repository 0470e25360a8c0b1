"""Rules for price targets and projected moves."""

from __future__ import annotations

import re

from nlp.claims import _FORWARD, _TARGET, Context
from nlp.rules.registry import Outcome, rule


@rule("claims.price_target.target.v1")
def target(ctx: Context) -> Outcome:
    """ "a target of $300", "could drop to 6,550", "next stop: 2,600", "could rise 20%".

    A percentage counts only when the sentence looks forward ("could", "by year-end").
    """
    q, lt, rt = ctx.q, ctx.lt, ctx.rt
    if q.unit not in {"usd", "points", "bare", "pct"}:
        return None
    targetish = (
        _TARGET.search(lt[-70:])
        or re.match(r"^\s?(?:price )?(?:target|objective)", rt)
        or re.search(r"\b(?:next stop|objective|target)\s*:\s*$", lt[-20:])
        or re.search(
            r"\b(?:could|may|might|would|will)\s(?:\S+\s){1,4}?(?:back\s)?to\s*$", lt[-50:]
        )
    )
    if targetish and (q.unit != "pct" or _FORWARD.search(ctx.window)):
        return ("price_target", None)
    return None
