"""The extractor on hand-written sentences, one phenomenon at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import EXTRACTOR_VERSION, extract_claims, extract_many
from thesisdesk.records import Claim

pytestmark = pytest.mark.usefixtures("claims_nlp")

P = dt.date(2025, 11, 14)  # a Friday


def _find(claims: list[Claim], kind: str, subject: str, value: float | None = None) -> Claim:
    for c in claims:
        if (
            c.kind == kind
            and c.subject == subject
            and (value is None or (c.value is not None and abs(c.value - value) < 1e-6))
        ):
            return c
    raise AssertionError(
        f"no {kind} {subject} {value} in {[(c.kind, c.subject, c.value) for c in claims]}"
    )


def _check_quotes(text: str, claims: list[Claim]) -> None:
    for c in claims:
        assert c.quote == text[c.start : c.end]
        assert c.extractor_version == EXTRACTOR_VERSION


def test_several_subjects_in_one_sentence() -> None:
    text = (
        "On Thursday the Russell 2000 climbed 1.6% while the S&P 500 added 0.3% "
        "and the Nasdaq Composite slipped 0.2%."
    )
    claims = extract_claims(text, P)
    _check_quotes(text, claims)
    rut = _find(claims, "performance", "^RUT", 1.6)
    assert (rut.period_start, rut.period_end) == (dt.date(2025, 11, 13), dt.date(2025, 11, 13))
    _find(claims, "performance", "^GSPC", 0.3)
    _find(claims, "performance", "^IXIC", -0.2)


def test_index_levels_and_point_moves() -> None:
    text = "The Russell 2000 rose 38 points to close at 2,436.48, a record."
    claims = extract_claims(text, P)
    level = _find(claims, "price_level", "^RUT", 2436.48)
    assert level.unit == "points" and level.basis == "close"
    move = _find(claims, "performance", "^RUT", 38)
    assert move.unit == "points"


def test_declines_are_negative_and_flip_the_comparator() -> None:
    text = "Regional banks are down more than 10% since early August."
    claims = extract_claims(text, P)
    c = _find(claims, "performance", "regional banks", -10)
    assert c.comparator == "lt" and c.stance == "bearish"
    assert c.period_start == dt.date(2025, 8, 1)


def test_etf_in_parentheses_beats_the_index_name() -> None:
    text = "The Vanguard-style Russell 2000 Index ETF (IWM) has gained 9% so far this year."
    claims = extract_claims(text, P)
    c = _find(claims, "performance", "IWM", 9)
    assert c.period_start == dt.date(2025, 1, 1) and c.period_end == P


def test_the_figure_belongs_to_the_company_not_the_fund_it_sits_in() -> None:
    text = (
        "Among the fund's biggest positions, several names are flying. "
        "Credo Technology Group (CRDO), one IWM holding, has seen its stock more than double, "
        "rising over 120% in 2025."
    )
    claims = extract_claims(text, P)
    _find(claims, "performance", "CRDO", 120)
    assert not [c for c in claims if c.subject == "IWM"]


def test_words_that_are_tickers_are_not_subjects() -> None:
    text = "AI spending is now a tailwind and IT budgets rose 8% in 2025, says ALL of the panel."
    claims = extract_claims(text, P)
    assert {c.subject for c in claims} & {"AI", "IT", "ALL"} == set()


def test_cashtag_and_short_company_name() -> None:
    text = "$IONQ is in focus. IonQ shares have advanced nearly 45% in the past month."
    c = _find(extract_claims(text, P), "performance", "IONQ", 45)
    assert c.comparator == "approx" and c.period_start == dt.date(2025, 10, 14)


def test_target_with_upside_implies_the_current_price() -> None:
    text = (
        "Our strategist sets a year-end target of $275 for IWM, an upside of 10% from current"
        " levels."
    )
    claims = extract_claims(text, P)
    t = _find(claims, "price_target", "IWM", 275)
    assert t.stance == "bullish" and t.horizon
    cur = _find(claims, "price_level", "IWM")
    assert cur.role == "current" and abs(cur.value - 250.0) < 0.01 and cur.as_of == P


def test_levels_with_roles() -> None:
    text = (
        "For the iShares Russell 2000 ETF (IWM), support sits near $231, resistance is the "
        "$246–$250 zone, and a stop below $224 limits risk."
    )
    claims = extract_claims(text, P)
    assert _find(claims, "price_level", "IWM", 231).role == "support"
    zone = [c for c in claims if c.low == 246 and c.high == 250]
    assert zone and zone[0].role == "resistance"
    assert _find(claims, "price_level", "IWM", 224).role == "stop"


def test_rate_decision_and_new_range() -> None:
    text = (
        "On Wednesday the Federal Reserve cut its benchmark rate by a quarter point, to a "
        "range of 3.75% to 4.00%."
    )
    claims = extract_claims(text, P)
    cut = _find(claims, "rate_decision", "FEDFUNDS", -25)
    assert cut.unit == "bp" and cut.stance == "bullish"
    rng = [c for c in claims if c.kind == "rate_decision" and c.low == 3.75]
    assert rng and rng[0].high == 4.0 and rng[0].unit == "pct"


def test_rate_expectations_with_probability_and_counts() -> None:
    text = "FedWatch puts a 72% chance on a 25 basis point cut at the December meeting."
    c = _find(extract_claims(text, P), "rate_expectation", "FEDFUNDS", -25)
    assert c.probability == 72
    text2 = "Traders now price two more cuts this year."
    c2 = _find(extract_claims(text2, P), "rate_expectation", "FEDFUNDS", 2)
    assert c2.unit == "count"


def test_jumbo_half_point_cut() -> None:
    text = "The Fed delivered a jumbo 50 basis point cut in September 2024."
    c = _find(extract_claims(text, P), "rate_decision", "FEDFUNDS", -50)
    assert c.period_start == dt.date(2024, 9, 1)


def test_valuation_multiples_and_discounts() -> None:
    text = (
        "The S&P 500 trades at roughly 23x forward earnings, while the Russell 2000 sits at "
        "a 14% discount to its fair value."
    )
    claims = extract_claims(text, P)
    assert _find(claims, "valuation", "^GSPC", 23).unit == "x"
    assert _find(claims, "valuation", "^RUT", -14).stance == "bullish"


def test_fundamentals() -> None:
    text = (
        "IonQ (IONQ) posted a loss of 12 cents per share, better than the consensus estimate "
        "of $0.20 per share, on revenue of $39.9 million."
    )
    claims = extract_claims(text, P)
    # a loss per share is a negative EPS
    assert _find(claims, "fundamental", "IONQ", -0.12).role in {"eps", None}
    assert _find(claims, "fundamental", "IONQ", 0.2).role == "eps_estimate"
    assert _find(claims, "fundamental", "IONQ", 39.9).unit == "usd_millions"


def test_losses_and_bare_per_share_figures() -> None:
    text = (
        "Nuvia Grid (NVGR) booked a net loss of $18.2 million, or $0.31 per share. "
        "Trailing EPS for NVGR is -0.88, while next year EPS estimates of 0.15 imply a turn. "
        "Nuvia Grid (NVGR) reported revenue of $212M against $198M expected."
    )
    claims = extract_claims(text, P)
    _check_quotes(text, claims)
    assert _find(claims, "fundamental", "NVGR", -0.31).unit == "usd_per_share"
    assert _find(claims, "fundamental", "NVGR", -0.88).unit == "usd_per_share"
    assert _find(claims, "fundamental", "NVGR", 0.15).unit == "usd_per_share"
    assert _find(claims, "fundamental", "NVGR", 212).unit == "usd_millions"
    assert _find(claims, "fundamental", "NVGR", 198).unit == "usd_millions"


def test_streaks_and_relative_performance() -> None:
    text = "IWM has now logged four consecutive weekly gains."
    c = _find(extract_claims(text, P), "performance", "IWM", 4)
    assert c.role == "streak" and c.period_end == P
    text2 = "In October small caps outperformed the S&P 500 by 3 percentage points."
    r = _find(extract_claims(text2, P), "performance", "small caps", 3)
    assert r.role == "relative" and r.benchmark == "^GSPC" and r.unit == "pp"


def test_anaphora_follows_the_subject() -> None:
    text = (
        "The Russell 2000 had a strong run. The index gained 4.2% last week, its best "
        "showing since June."
    )
    c = _find(extract_claims(text, P), "performance", "^RUT", 4.2)
    assert (c.period_start, c.period_end) == (dt.date(2025, 11, 3), dt.date(2025, 11, 7))


def test_statistics_without_a_period_are_not_claims() -> None:
    text = "Small caps average 35% in the year after a first cut, on average across cycles."
    assert [c for c in extract_claims(text, P) if c.kind == "performance"] == []


def test_repeated_mentions_are_emitted_once() -> None:
    text = (
        "Key points:\n- IWM gained 6.1% in October.\n\nIWM gained 6.1% in October, "
        "its best month of the year."
    )
    claims = extract_claims(text, P)
    assert len([c for c in claims if c.kind == "performance" and c.value == 6.1]) == 1


def test_widget_furniture_and_flattened_tables() -> None:
    text = (
        "Markets (^GSPC 0.01%) IWM-- AI-- Industrials861072--, Tech\n"
        "Russell 2000 | 1.2% | 4.5% | 10.1%\n"
        "The Russell 2000 ended the week up 1.2%."
    )
    claims = extract_claims(text, P)
    _check_quotes(text, claims)
    assert not [c for c in claims if c.value == 861072]
    _find(claims, "performance", "^RUT", 1.2)


def test_batch_matches_single_calls() -> None:
    items = [
        ("IWM rose 2% on Monday.", P, "a"),
        ("", None, "b"),
        ("The Russell 2000 fell 1%.", P, "c"),
    ]
    out = list(extract_many(items))
    assert [len(x) for x in out] == [1, 0, 1]
    assert out[0][0].article == "a" and out[2][0].value == -1


def test_move_then_level_and_points_in_one_sentence() -> None:
    text = "The Russell 2000 lost 1.9%, or 46.2 points, to 2,391.05 on Tuesday."
    claims = extract_claims(text, P)
    _find(claims, "performance", "^RUT", -1.9)
    pts = _find(claims, "performance", "^RUT", -46.2)
    assert pts.unit == "points" and pts.period_start == dt.date(2025, 11, 11)
    assert _find(claims, "price_level", "^RUT", 2391.05).role == "current"


def test_space_aligned_table_under_a_period_header() -> None:
    text = (
        "Returns (%)\nFund      1W     1M     YTD\nIWM       1.10   -2.40  9.80\n"
        "SPY       0.70   1.30   14.20\n"
    )
    claims = extract_claims(text, P)
    ytd = _find(claims, "performance", "IWM", 9.8)
    assert ytd.period_start == dt.date(2025, 1, 1) and ytd.period_end == P
    _find(claims, "performance", "SPY", 0.7)


def test_index_descriptions_and_caret_symbols() -> None:
    text = "The small-cap benchmark gained 2.2% for the week, and ^GSPC +0.40% lagged."
    claims = extract_claims(text, P)
    week = _find(claims, "performance", "^RUT", 2.2)
    assert week.period_start == dt.date(2025, 11, 10)
    _find(claims, "performance", "^GSPC", 0.4)


def test_hold_and_probability_without_a_size() -> None:
    held = extract_claims("On Wednesday the Fed held its policy rate steady at 4.25%-4.50%.", P)
    assert _find(held, "rate_decision", "FEDFUNDS", 0).period_start == dt.date(2025, 11, 12)
    kept = extract_claims(
        "On Wednesday the FOMC ended by maintaining its rate at 4.25% to 4.50%.", P
    )
    assert _find(kept, "rate_decision", "FEDFUNDS", 0).note == "held unchanged"
    left = extract_claims("On Wednesday the Fed left borrowing costs unchanged at 3.5%-3.75%.", P)
    assert _find(left, "rate_decision", "FEDFUNDS", 0).note == "held unchanged"
    odds = extract_claims("Futures put the odds of a January cut at about 40%.", P)
    c = _find(odds, "rate_expectation", "FEDFUNDS", -25)
    assert c.probability == 40


def test_later_paragraph_index_means_the_main_one() -> None:
    text = (
        "Russell 2000 hits a record as small caps run\nThe Russell 2000 closed at 2,601.3. "
        "The S&P 500 was flat.\nThe index is up 14% in 2025."
    )
    c = _find(extract_claims(text, P), "performance", "^RUT", 14)
    assert c.period_end == P


def test_claims_carry_the_quote_facts_a_checker_needs() -> None:
    # streaks: the contract's grain units, the direction of the streak's own words
    up = _find(
        extract_claims("A 1% drop on Friday broke IWM's seven-month winning streak.", P),
        "performance",
        "IWM",
        7,
    )
    assert (up.role, up.unit, up.streak_grain, up.streak_direction) == (
        "streak",
        "months",
        "months",
        "up",
    )
    assert up.stance == "bullish"
    down = _find(
        extract_claims("IWM had fallen for three sessions in a row.", P), "performance", "IWM", 3
    )
    assert (down.unit, down.streak_direction, down.stance) == ("days", "down", "bearish")
    # levels: a crossing that happened (its side in the comparator) and a trigger
    crossed = _find(
        extract_claims("IWM closed above its $240 resistance on Thursday.", P), "price_level", "IWM"
    )
    assert (crossed.role, crossed.conditional, crossed.comparator) == ("resistance", False, "gt")
    trigger = _find(
        extract_claims("If IWM closed below $240, the breakout would be in doubt.", P),
        "price_level",
        "IWM",
    )
    assert trigger.conditional is True
    ma = _find(
        extract_claims("IWM is holding above its 50-day moving average near $231.", P),
        "price_level",
        "IWM",
    )
    assert (ma.role, ma.ma_window) == ("moving_average", 50)


def test_every_claim_names_the_rule_that_read_it() -> None:
    import nlp.rules

    text = (
        "The Russell 2000 rose 1.4% on Friday to 2,431.50, and IWM has gained for five "
        "straight weeks. Support sits near $226. We see IWM reaching $270 by year-end. "
        "The Fed cut rates by 25 basis points, to a range of 3.75% to 4.00%."
    )
    claims = extract_claims(text, P)
    assert len(claims) >= 5
    known = set(nlp.rules.ORDER) | set(nlp.rules.ASSEMBLY_RULES)
    assert all(c.rule in known for c in claims), [(c.kind, c.value, c.rule) for c in claims]
    assert _find(claims, "performance", "^RUT", 1.4).rule == "claims.performance.move.v1"
    assert _find(claims, "rate_decision", "FEDFUNDS", -25).rule == "claims.rates.basis_points.v1"


def test_percent_restating_a_point_move_is_the_same_move() -> None:
    text = "On Thursday the Dow Jones Industrial Average sank 512 points, or 1.2%, to 42,300."
    claims = extract_claims(text, P)
    move = _find(claims, "performance", "^DJI", -1.2)
    assert move.rule == "claims.performance.percent_restated.v1"
    _check_quotes(text, claims)


def test_valuation_comparisons_are_signed_and_keep_both_multiples() -> None:
    text = "Small caps trade at 14.8 times forward earnings versus 21.9 for large caps."
    claims = extract_claims(text, P)
    assert _find(claims, "valuation", "small caps", 14.8).unit == "x"
    other = _find(claims, "valuation", "large caps", 21.9)
    assert other.unit == "x" and other.rule == "claims.valuation.multiple_compared.v1"
    text = "The Russell 2000 is valued about 33% cheaper than the S&P 500 on earnings."
    assert _find(extract_claims(text, P), "valuation", "^RUT", -33).rule == (
        "claims.valuation.relative.v3"
    )
    _check_quotes(text, extract_claims(text, P))


def test_level_and_valuation_stances_read_their_own_words() -> None:
    from nlp.stance import rule_stance as words_stance

    up = "- 50 Day: 2,401.5 Up Trend"
    assert words_stance("price_level", value=2401.5, role="moving_average", sentence=up)[0] == (
        "bullish"
    )
    down = "- 20 Day: 2,480.2 Down Trend"
    assert words_stance("price_level", value=2480.2, role="moving_average", sentence=down)[0] == (
        "bearish"
    )
    cheap = "Microcaps trade at 11.5x forward earnings, below their 20-year average."
    assert words_stance("valuation", value=11.5, role=None, sentence=cheap)[0] == "bullish"


def test_two_probabilities_of_one_move_are_two_claims() -> None:
    text = (
        "FedWatch put the odds of a quarter-point cut in January at 71%, while Kalshi "
        "traders were a little less sure at 64%."
    )
    claims = [c for c in extract_claims(text, P) if c.kind == "rate_expectation"]
    assert sorted((c.value, c.probability) for c in claims) == [(-25.0, 64.0), (-25.0, 71.0)]
    _check_quotes(text, claims)


def test_a_range_of_cuts_is_a_range_of_counts() -> None:
    text = "The bank's economists expect either two or three rate cuts next year."
    c = _find(extract_claims(text, P), "rate_expectation", "FEDFUNDS")
    assert (c.low, c.high, c.unit, c.comparator) == (2.0, 3.0, "count", "range")


def test_one_metric_over_two_periods_is_two_fundamentals() -> None:
    text = (
        "For Acme Robotics (ACRO), that means EPS growth of 31.5% for this year and 12.4% "
        "for next year."
    )
    claims = extract_claims(text, P)
    growth = [c for c in claims if c.kind == "fundamental" and c.role == "growth"]
    assert sorted(c.value for c in growth if c.value is not None) == [12.4, 31.5]
    assert not [c for c in claims if c.kind == "performance"]


def test_a_figure_before_any_name_takes_the_name_its_paragraph_gives_next() -> None:
    text = (
        "Thin trading today.\n"
        "Early on, the miner touched a session high of $14.85. Later, Hecla Mining (HL) "
        "slipped 2.1%.\n"
        "Nothing else is named here: the level of 9,999.5 marks the close."
    )
    claims = extract_claims(text, P)
    assert _find(claims, "price_level", "HL", 14.85).role == "high"
    _check_quotes(text, claims)


def test_respective_moves_pair_names_and_signs() -> None:
    text = (
        "On Thursday small caps shrugged off the S&P 500 and Nasdaq's 0.7% and 1.3% "
        "respective losses."
    )
    claims = extract_claims(text, P)
    assert _find(claims, "performance", "^GSPC", -0.7).rule == "claims.performance.respective.v1"
    _find(claims, "performance", "^IXIC", -1.3)
    _check_quotes(text, claims)


def test_a_fully_priced_move_is_an_expectation_at_100_percent() -> None:
    text = "A quarter-point cut at next week's Fed meeting is fully priced."
    c = _find(extract_claims(text, P), "rate_expectation", "FEDFUNDS", -25.0)
    assert c.probability == 100.0
    assert c.rule == "claims.rate_expectation.fully_priced.v1"


def test_standing_pat_is_no_change() -> None:
    text = "Futures give a 31% chance that the Fed stands pat in January."
    c = _find(extract_claims(text, P), "rate_expectation", "FEDFUNDS", 0.0)
    assert c.probability == 31.0


def test_a_dot_plot_count_is_an_expectation() -> None:
    text = "The Fed's dot plot shows two cuts in 2026."
    assert _find(extract_claims(text, P), "rate_expectation", "FEDFUNDS", 2.0).unit == "count"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Harbor Labs (HLAB) lost 21 cents per share in the quarter.", -0.21),
        (
            "Harbor Labs (HLAB) lost 21 cents a share, less than the 30-cent loss analysts "
            "expected.",
            -0.30,
        ),
        ("Harbor Labs (HLAB) missed estimates by 9 cents a share.", -0.09),
    ],
)
def test_per_share_losses_and_misses_are_negative(text: str, value: float) -> None:
    claims = extract_claims(text, P)
    assert any(c.kind == "fundamental" and c.value == pytest.approx(value) for c in claims), [
        (c.kind, c.value) for c in claims
    ]


def test_a_discount_stated_before_its_size_is_negative() -> None:
    text = "The Russell 2000's discount to the S&P 500 is about 28% on forward earnings."
    assert _find(extract_claims(text, P), "valuation", "^RUT", -28.0)


def test_recap_bullets_and_surprises_issue11() -> None:
    """An estimate in parentheses after "est." stays in its sentence; a surprise named
    before its estimate is signed by the way it went; a small multiple set against another
    takes the other index."""
    text = (
        "Watts Water (WTS) adjusted EPS: $2.44 (est. $2.31). "
        "Boot Barn (BOOT) earned $1.60 a share, six cents below the consensus estimate. "
        "Price-to-book for the Russell 2000 is 1.9, against 4.6 for the S&P 500."
    )
    claims = extract_claims(text, P)
    _check_quotes(text, claims)
    est = _find(claims, "fundamental", "WTS", 2.31)
    assert est.role == "eps_estimate" and est.unit == "usd_per_share"
    miss = _find(claims, "fundamental", "BOOT", -0.06)
    assert miss.role == "surprise" and miss.unit == "usd_per_share"
    _find(claims, "valuation", "^RUT", 1.9)
    assert _find(claims, "valuation", "^GSPC", 4.6).unit == "x"


def test_payouts_and_deals_are_no_claims_issue11() -> None:
    text = (
        "Kadant (KAI) raised its quarterly dividend 9% to 35 cents a share. "
        "Stride (LRN) agreed to an acquisition valued at $600 million. "
        "Hawkins (HWKN) yields 0.6% after its latest payout increase."
    )
    assert extract_claims(text, P) == []


def test_signs_and_subjects_of_results_issue11() -> None:
    """A gap below value is negative, so is a miss and an estimate cut; a run of quarters is
    a count, unsigned; a reporting basis in parentheses is no ticker."""
    text = (
        "Small caps look 20% undervalued against large caps. "
        "Commvault (CVLT) posted a 4% revenue miss. "
        "Earnings estimates for the Russell 2000 have been cut by 6% since June. "
        "Opendoor (OPEN) has reported losses for nine straight quarters. "
        "Stride (LRN) P/E Ratio (TTM): 20.5."
    )
    claims = extract_claims(text, P)
    _check_quotes(text, claims)
    assert _find(claims, "valuation", "small caps", -20).unit == "pct"
    assert _find(claims, "fundamental", "CVLT", -4).role == "surprise"
    _find(claims, "fundamental", "^RUT", -6)
    assert _find(claims, "fundamental", "OPEN", 9).unit == "count"
    _find(claims, "valuation", "LRN", 20.5)
    assert not [c for c in claims if c.subject == "TTM"]


def test_issue11_a_guided_decline_is_a_signed_range() -> None:
    claims = extract_claims("Kratos (KTOS) now sees 2026 revenue down 3% to 4%.", P)
    got = [(c.kind, c.role, c.low, c.high) for c in claims]
    assert got == [("fundamental", "growth", -4.0, -3.0)], got
    claims = extract_claims("Kratos (KTOS) now sees same-store sales down 1.5% to down 1%.", P)
    got = [(c.kind, c.role, c.low, c.high) for c in claims]
    assert got == [("fundamental", "growth", -1.5, -1.0)], got


def test_issue11_sales_that_will_contract_are_a_decline() -> None:
    claims = extract_claims(
        "Kratos (KTOS) expects full-year sales will contract by 25% from 2025.", P
    )
    assert [(c.kind, c.role, c.value) for c in claims] == [("fundamental", "growth", -25.0)]
    claims = extract_claims(
        "Kratos (KTOS) won a contract worth $50 million, and shares rose 4%.", P
    )
    assert [(c.kind, c.value) for c in claims] == [("performance", 4.0)]


def test_a_slash_lists_the_next_target() -> None:
    import datetime as _dt

    from nlp.extract import extract_claims as _extract

    text = "Hecla Mining (HL) long at $11.20; targets $12.80 / $13.60; stop $10.40."
    got = {(c.kind, c.value) for c in _extract(text, _dt.date(2025, 11, 20))}
    assert ("price_target", 12.8) in got
    assert ("price_target", 13.6) in got


def test_a_futures_root_with_a_month_in_words_is_the_future() -> None:
    import datetime as _dt

    from nlp.extract import extract_claims as _extract

    got = _extract("RTY (Mar '26) settled at 2,644.6 on Friday.", _dt.date(2026, 1, 20))
    assert [c.subject for c in got if c.kind == "price_level"] == ["RTY=F"]


def test_the_russell_2000_gives_no_year_to_a_session_high() -> None:
    import datetime as _dt

    from nlp.extract import extract_claims as _extract

    text = "The Russell 2000 touched a session high of 2,662.18 shortly after the open."
    got = [c for c in _extract(text, _dt.date(2026, 1, 14)) if c.kind == "price_level"]
    assert got and all(c.as_of is None or c.as_of.year == 2026 for c in got)


def test_a_last_session_anchor_keeps_its_day() -> None:
    # published on a Wednesday: "the last trading session" is Tuesday, not Monday
    got = extract_claims(
        "Acme Robotics (ACME) gained 9.1% over the past four weeks to close the last trading "
        "session at $41.30.",
        dt.date(2025, 11, 19),
    )
    levels = [c for c in got if c.kind == "price_level"]
    moves = [c for c in got if c.kind == "performance"]
    assert [c.as_of for c in levels] == [dt.date(2025, 11, 18)]
    # "to close the session" is a verb: no distance from a close, the gain stays positive
    assert moves and moves[0].value == 9.1 and moves[0].role != "from_high"


def test_a_forecast_move_to_a_level_target_implies_the_current_price() -> None:
    text = (
        "For Acme Robotics (ACME), the most bullish analyst sees the stock surging 50% to reach "
        "$60, and the median target of $55 suggests it could rise 25%."
    )
    got = extract_claims(text, dt.date(2025, 11, 19))
    current = sorted(c.value for c in got if c.kind == "price_level" and c.role == "current")
    assert current == [40.0, 44.0]


def test_a_wire_from_inside_the_session_is_about_today() -> None:
    text = (
        "Small caps slip\n"
        "The Russell 2000 hit a session high shortly after the open, then turned, down 0.4%.\n\n"
        "That followed Tuesday's record close of 2,651.9."
    )
    got = extract_claims(text, dt.date(2026, 1, 14))
    moves = [c for c in got if c.kind == "performance"]
    assert moves and moves[0].period_start == dt.date(2026, 1, 14)
