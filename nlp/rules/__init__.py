"""Claim rules by kind, asked in one explicit order (``ORDER``): the first that answers wins.

One module per kind (``rates``, ``valuation``, ``fundamental``, ``price_target``,
``price_level``, ``performance``) registers its rules under versioned names
(``claims.<kind>.<phrasing>.v<N>``, see ``registry``). To read a new phrasing, add one rule
and its test in that kind's module and test file, and put its name in ``ORDER`` where it
must be asked: before the rules it should pre-empt, after those that must pre-empt it.
"""

from __future__ import annotations

from typing import NamedTuple

from nlp.claims import Context
from nlp.rules import (  # noqa: F401  (importing a kind's module registers its rules)
    fundamental,
    performance,
    price_level,
    price_target,
    rates,
    statistic,
    valuation,
)
from nlp.rules.registry import NO_CLAIM, REGISTRY, RuleFn

#: Which rule is asked first. Vetoes ("no claim") sit right after the rules they leave room for.
ORDER: tuple[str, ...] = (
    # a margin's change in basis points is the company's, before the rate rules see it
    "claims.fundamental.margin_bp.v1",
    # what a holding added to a fund's return, in basis points, before the rate rules read them
    "claims.statistic.attribution.v1",
    # rates come first: basis points and probabilities in a Fed sentence are theirs; a move
    # the sentence only supposes ("if the Fed cuts twice") is none
    "claims.rates.other_bank.v2",
    "claims.rates.odds_split.v1",
    "claims.rates.conditional.v1",
    "claims.rates.earlier_path.v1",
    "claims.rates.basis_points.v1",
    "claims.rates.sized_moves.v1",
    "claims.rates.percent_move.v2",
    "claims.rates.past_moves.v1",
    "claims.rates.count_of_moves.v1",
    "claims.rates.probability.v1",
    "claims.rates.economic_figure.v1",
    "claims.rates.earlier_probability.v1",
    "claims.rates.probability_moved.v2",
    "claims.rates.range_in_odds.v1",
    "claims.rates.probability_in_sentence.v1",
    # what a company pays its holders (dividends, buybacks, coupons): no fundamental, no move
    "claims.fundamental.payout.v3",
    # a note's coupon, a rank in a group: before yields and moves read the percent
    "claims.statistic.coupon_or_rank.v1",
    # yields move and stand like prices, not like the policy rate
    "claims.price_level.yield_level.v2",
    "claims.performance.yield_move.v2",
    "claims.rates.range.v1",
    "claims.rates.level_after_move.v1",
    "claims.rates.named_level.v2",
    # what a fund charges or pays, an index's definition, a screen's size band or count
    "claims.statistic.fund_attribute.v3",
    "claims.statistic.own_fund.v1",
    "claims.statistic.fund_sentence.v1",
    "claims.statistic.insider_trade.v1",
    "claims.statistic.plural_count.v1",
    "claims.statistic.index_definition.v1",
    "claims.statistic.size_band.v1",
    "claims.statistic.group_count.v1",
    "claims.statistic.definition.v1",
    "claims.statistic.dispersion.v1",
    "claims.statistic.outcome_odds.v1",
    "claims.statistic.macro_projection.v2",
    "claims.statistic.trade_sizing.v1",
    # who owns how much, what a figure counts or measures, a security's own terms
    "claims.statistic.ownership.v2",
    "claims.statistic.measure_count.v2",
    "claims.statistic.security_terms.v1",
    "claims.statistic.deal_price.v1",
    # valuations and fundamentals before any price or move reading of the same figure
    "claims.fundamental.return_ratio.v1",
    "claims.fundamental.beat_rate.v2",
    "claims.valuation.under_over.v1",
    "claims.fundamental.results_streak.v1",
    "claims.fundamental.estimate_revision.v2",
    "claims.fundamental.sales_mix.v1",
    "claims.fundamental.headcount.v2",
    "claims.fundamental.book_to_bill.v1",
    "claims.valuation.multiple.v4",
    "claims.valuation.discount_after.v3",
    "claims.valuation.discount_of.v2",
    "claims.valuation.relative.v3",
    "claims.valuation.gap_between.v1",
    "claims.valuation.discount_stated.v1",
    "claims.valuation.discount_later.v1",
    "claims.valuation.bare_multiple.v1",
    "claims.valuation.figure_first.v1",
    "claims.fundamental.surprise_versus.v1",
    "claims.fundamental.prior_guidance.v2",
    "claims.fundamental.guidance_from.v1",
    "claims.fundamental.growth_outlook.v1",
    "claims.fundamental.surprise_noun.v1",
    "claims.fundamental.eps_guidance_moved.v1",
    "claims.fundamental.surprise_of.v1",
    "claims.fundamental.eps_on_revenue.v1",
    "claims.price_level.share_price.v1",
    "claims.price_level.share_price_past.v1",
    "claims.price_level.price_is.v1",
    "claims.fundamental.surprise_amount.v3",
    "claims.fundamental.eps_expected_after.v1",
    "claims.fundamental.year_ago_figure.v1",
    "claims.fundamental.eps_label.v3",
    "claims.fundamental.eps_estimate_stated.v1",
    "claims.fundamental.eps.v4",
    "claims.fundamental.cash_balance.v1",
    "claims.valuation.market_value.v2",
    "claims.fundamental.revenue.v2",
    "claims.fundamental.income.v2",
    "claims.fundamental.business_amount.v2",
    "claims.fundamental.guided_amount.v1",
    "claims.fundamental.amount_of_metric.v1",
    "claims.fundamental.amount_to_total.v1",
    "claims.fundamental.other_amount.v1",
    "claims.fundamental.foreign_amount.v1",
    "claims.fundamental.growth_label.v1",
    "claims.fundamental.margin.v2",
    "claims.fundamental.growth_sequential.v2",
    "claims.fundamental.ratio.v1",
    "claims.fundamental.margin_near.v2",
    "claims.fundamental.margin_clause.v1",
    "claims.fundamental.revenue_change.v2",
    "claims.fundamental.surprise.v1",
    "claims.fundamental.growth_year_ago.v1",
    "claims.fundamental.growth_words.v1",
    "claims.fundamental.growth_estimate.v1",
    "claims.fundamental.guided_growth.v1",
    "claims.fundamental.named_growth.v4",
    "claims.fundamental.growth_of_subject.v1",
    "claims.fundamental.metric_growth_after.v1",
    "claims.fundamental.growth_rate_of.v1",
    "claims.fundamental.trend_to.v2",
    "claims.fundamental.from_figure.v1",
    "claims.fundamental.verb_metric_by.v3",
    "claims.fundamental.change_noun.v2",
    "claims.fundamental.metric_change_noun.v1",
    "claims.fundamental.metric_then_change.v1",
    "claims.fundamental.consensus_change.v1",
    "claims.fundamental.amount_then_change.v1",
    "claims.fundamental.change_of.v1",
    "claims.fundamental.share_unprofitable.v2",
    # non-price statistics: member breadth, chart ratios, valuation ratios and spreads
    "claims.statistic.breadth.v1",
    "claims.statistic.retracement.v1",
    "claims.statistic.distance_to_level.v1",
    "claims.valuation.spread_words.v1",
    "claims.valuation.ratio_clause.v3",
    "claims.statistic.ratio_not_level.v1",
    # forward-looking figures before the levels and moves they name
    "claims.performance.disclaimer.v1",
    "claims.performance.threshold_definition.v1",
    "claims.price_level.implied_current.v2",
    "claims.price_level.dip_to_buy.v1",
    "claims.price_level.last_price.v1",
    "claims.price_level.level_to_hold.v1",
    "claims.price_target.revised_by.v1",
    "claims.price_target.target.v2",
    "claims.price_target.previous.v2",
    "claims.price_target.projection_words.v1",
    "claims.price_target.forecast_move.v2",
    "claims.price_target.room_for_move.v2",
    "claims.price_target.spread.v1",
    "claims.price_target.forecast_row.v1",
    "claims.performance.signed_tape.v1",
    "claims.price_level.tape_level.v1",
    "claims.price_level.tape_row.v1",
    "claims.price_level.quote_label.v1",
    "claims.price_level.plan_cell.v1",
    "claims.price_level.numbers_box.v1",
    "claims.performance.relative_points.v1",
    "claims.performance.point_move.v1",
    "claims.performance.points_then_direction.v1",
    "claims.performance.signed_points.v1",
    # levels: where a move ended, named levels, role words; then nothing else is a level
    "claims.price_level.options_stat.v1",
    "claims.price_level.member_count.v1",
    "claims.price_level.estimate_figure.v1",
    "claims.price_level.year_range.v1",
    "claims.price_level.dollar_change.v1",
    "claims.price_level.after_move.v1",
    "claims.price_level.after_move_hedged.v1",
    "claims.price_level.named_at.v1",
    "claims.price_level.present_price.v1",
    "claims.price_level.moved_to.v1",
    "claims.price_level.moved_from.v1",
    "claims.price_level.moved_from_to.v1",
    "claims.price_level.closed_at.v1",
    "claims.price_level.extreme.v1",
    "claims.price_level.named_extreme.v1",
    "claims.price_level.reached.v1",
    "claims.price_level.role_words.v1",
    "claims.price_level.session_verbs.v1",
    "claims.price_level.extreme_verbs.v1",
    "claims.price_level.trading_range.v1",
    "claims.price_level.chart_words.v1",
    "claims.price_level.apposition.v1",
    "claims.price_level.conditional_break.v1",
    "claims.price_level.crossing_noun.v1",
    "claims.price_level.level_object.v1",
    "claims.price_level.is_the_level.v1",
    "claims.performance.point_move_wide.v1",
    "claims.price_level.unplaced.v1",
    # counts: streaks only
    "claims.performance.streak.v1",
    "claims.performance.other_count.v1",
    # percent changes: from a high, not-a-move vetoes, relative, moves, period returns
    "claims.performance.from_high.v1",
    "claims.performance.from_named_high.v1",
    "claims.performance.from_low.v1",
    "claims.performance.vs_last_close.v1",
    "claims.performance.dollars_restated.v1",
    "claims.performance.respective.v1",
    "claims.performance.figure_first.v1",
    "claims.performance.not_a_move.v1",
    "claims.performance.metric_not_move.v1",
    "claims.performance.policy_level.v1",
    "claims.performance.statistic.v2",
    "claims.performance.relative.v1",
    "claims.performance.relative_pp.v1",
    "claims.performance.move.v1",
    "claims.performance.period_return.v1",
    "claims.performance.span_label.v1",
    "claims.performance.compounded.v1",
)

#: Rules applied by sentence assembly rather than to one figure (``nlp.extract``).
ASSEMBLY_RULES: tuple[str, ...] = (
    "claims.performance.points_restated.v1",  # "climbed 1.02%, or 22.66 points"
    "claims.performance.percent_restated.v1",  # "jumped 394 points, or 1%"
    "claims.valuation.multiple_compared.v1",  # "15x earnings versus 22.1 for large caps"
    "claims.fundamental.metric_compared.v1",  # "grow 5% in 2025, against 6% for large caps"
    "claims.fundamental.growth_continued.v1",  # "fell 8% in 2024, but are forecast to rebound 16%"
    "claims.fundamental.implied_change.v1",  # "an estimate of $9.10 indicates a +5.3% change"
    "claims.performance.table_row.v1",  # a row of a returns table
    "claims.rate_expectation.no_change.v1",  # "a 60% chance of no change"
    "claims.rate_expectation.fully_priced.v1",  # "a December cut is fully priced" (100%)
    "claims.rate_expectation.unsized_move.v1",  # "a 70% chance of a cut" (size not stated)
    "claims.rate_expectation.odds_split.v1",  # "a 70-30 split between a cut and a hold"
    "claims.rate_decision.held.v1",  # "held rates unchanged"
)


class Classified(NamedTuple):
    """What a figure states: its kind and role, and the rule that said so."""

    kind: str
    role: str | None
    rule: str


def _ordered() -> tuple[tuple[str, RuleFn], ...]:
    missing = set(REGISTRY) - set(ORDER)
    unknown = [name for name in ORDER if name not in REGISTRY]
    if missing or unknown or len(set(ORDER)) != len(ORDER):
        raise RuntimeError(
            f"nlp.rules.ORDER out of step with the registry: not ordered {sorted(missing)}, "
            f"not registered {unknown}"
        )
    return tuple((name, REGISTRY[name]) for name in ORDER)


_RULES = _ordered()


def classify(ctx: Context) -> Classified | None:
    """The first answer of the rules in ``ORDER`` for one figure; None: it states no claim."""
    return classify_or_veto(ctx)[0]


def classify_or_veto(ctx: Context) -> tuple[Classified | None, str | None]:
    """``classify``, and when no claim comes out, which rule vetoed the figure (None when no
    rule spoke at all: the phrasing is unknown, which is where the learned step may read it)."""
    for name, fn in _RULES:
        out = fn(ctx)
        if out is None:
            continue
        if isinstance(out, str):  # the only string outcome is NO_CLAIM
            return None, name
        kind, role = out
        return Classified(kind, role, name), None
    return None, None


__all__ = ["ASSEMBLY_RULES", "NO_CLAIM", "ORDER", "Classified", "classify", "classify_or_veto"]
