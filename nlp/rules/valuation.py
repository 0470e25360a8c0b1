"""Rules for valuations: multiples, discounts and premiums, market values."""

from __future__ import annotations

import re

from nlp.claims import _DISCOUNT, _VAL_TARGET, Context
from nlp.rules.registry import NO_CLAIM, Outcome, rule


@rule("claims.valuation.multiple.v1")
def multiple(ctx: Context) -> Outcome:
    """ "trades at 22.5x forward earnings"; leverage and debt ratios are not valuations."""
    if ctx.q.unit != "x":
        return None
    if re.search(r"\blever\w*|\b[23]x (?:long|short|bull|bear)|\bdebt\b|\bcoverage\b", ctx.window):
        return NO_CLAIM
    return ("valuation", None)


@rule("claims.valuation.discount_after.v1")
def discount_after(ctx: Context) -> Outcome:
    """ "a 16% discount to fair value" (not a discount rate)."""
    if (
        ctx.q.unit == "pct"
        and _DISCOUNT.search(ctx.rt)
        and not re.match(r"^\s*(?:discount rate|premium (?:rate|income))", ctx.rt)
    ):
        return ("valuation", None)
    return None


@rule("claims.valuation.discount_of.v1")
def discount_of(ctx: Context) -> Outcome:
    """ "trades at a discount of 12% to large caps"."""
    if (
        ctx.q.unit == "pct"
        and re.search(r"\b(?:discount|premium) of\s*$", ctx.lt)
        and _VAL_TARGET.search(ctx.text.lower())
    ):
        return ("valuation", None)
    return None


@rule("claims.valuation.market_value.v1")
def market_value(ctx: Context) -> Outcome:
    """ "a market value above $25 billion"."""
    if ctx.q.unit == "usd_millions" and re.search(
        r"\bmarket (?:value|cap\w*)|\bvalued at|\bvaluation\b|\benterprise value", ctx.lt[-50:]
    ):
        return ("valuation", None)
    return None
