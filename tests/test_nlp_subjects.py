"""Subjects: which instrument each figure is about, and how sure that is (own sentences).

The rule tests call ``nlp.subjects.pick_subject`` with hand-placed mentions (fast); the
linking and extraction tests run the real pipeline over the instrument lists in
``../shared/data/instruments`` plus ``ingest/instruments.toml``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.instruments import (
    builtin_rows,
    extra_aliases,
    futures_roots,
    load_instrument_rows,
    loose_names,
    renamed_symbols,
)
from nlp.linking import Mention
from nlp.numbers import Quantity
from nlp.subjects import pick_subject
from thesisdesk.records import Claim

D = dt.date(2025, 6, 13)  # a Friday


# --- rules, called directly ---------------------------------------------------------------


def _men(text: str, name: str, symbol: str, kind: str = "index", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), symbol, kind)


def _q(text: str, figure: str) -> Quantity:
    start = text.index(figure)
    return Quantity(unit="pct", start=start, end=start + len(figure), value=None)


def test_each_figure_takes_the_name_of_its_own_clause() -> None:
    text = "The Russell 2000 climbed 4.1% while the Russell 1000 added 1.9%."
    men = [_men(text, "Russell 2000", "^RUT"), _men(text, "Russell 1000", "^RUI")]
    qs = [_q(text, "4.1%"), _q(text, "1.9%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert [g.symbol for g in got if g] == ["^RUT", "^RUI"]
    assert all(g is not None and g.confidence >= 0.85 for g in got)


def test_a_list_of_moves_gives_each_its_name() -> None:
    text = "The Nasdaq 100 rallied 2.2%, the S&P 500 added 1.1% and the Russell 2000 rose 0.4%."
    men = [
        _men(text, "Nasdaq 100", "^NDX"),
        _men(text, "S&P 500", "^GSPC"),
        _men(text, "Russell 2000", "^RUT"),
    ]
    qs = [_q(text, "2.2%"), _q(text, "1.1%"), _q(text, "0.4%")]
    assert [pick_subject(text, q, men, None, qs).symbol for q in qs] == [  # type: ignore[union-attr]
        "^NDX",
        "^GSPC",
        "^RUT",
    ]


def test_the_yardstick_is_not_the_subject() -> None:
    text = "The Dow beat the S&P 500 and the Nasdaq 100 last month with a gain of 6.1%."
    men = [
        _men(text, "Dow", "^DJI"),
        _men(text, "S&P 500", "^GSPC"),
        _men(text, "Nasdaq 100", "^NDX"),
    ]
    got = pick_subject(text, _q(text, "6.1%"), men, None, [_q(text, "6.1%")])
    assert got is not None and got.symbol == "^DJI"


def test_a_yardstick_named_only_after_the_figure_leaves_the_discourse_subject() -> None:
    # nothing named before the figures: the name after them is what they are measured
    # against, so the subject the article is talking about keeps them (unsure)
    for text, figure in (
        ("The group changes hands at 14.8 times earnings, an 18% discount to the S&P 500.", "14.8"),
        ("The group changes hands at 14.8 times earnings, an 18% discount to the S&P 500.", "18%"),
        ("They sit at a premium of about 9% to the Nasdaq-100 on sales.", "9%"),
        ("At 13 times earnings the group looks far cheaper than the S&P 500.", "13"),
    ):
        men = [_men(text, "S&P 500" if "S&P" in text else "Nasdaq-100", "^GSPC")]
        got = pick_subject(text, _q(text, figure), men, "^RUT", [_q(text, figure)])
        assert got is not None and (got.symbol, got.confidence) == ("^RUT", 0.5), text
    # with no subject to carry over, the only name is still the best guess
    text = "It trades at 14.8 times earnings, an 18% discount to the S&P 500."
    got = pick_subject(text, _q(text, "14.8"), [_men(text, "S&P 500", "^GSPC")], None)
    assert got is not None and got.symbol == "^GSPC"
    # a name after the figure that is no yardstick is still the figure's
    text = "Shares rose 4% as traders bid up Credo Technology after the report."
    got = pick_subject(text, _q(text, "4%"), [_men(text, "Credo", "CRDO", "stock")], "^RUT")
    assert got is not None and got.symbol == "CRDO"


def test_a_share_of_an_index_members_is_the_index() -> None:
    text = "The S&P index screens for profits, while 40% of Russell 2000 members lost money."
    men = [_men(text, "S&P index", "^SP600"), _men(text, "Russell 2000", "^RUT")]
    men[1].modifier = True  # "Russell 2000 members": named as what holds the members
    got = pick_subject(text, _q(text, "40%"), men, None, [_q(text, "40%")])
    assert got is not None and (got.symbol, got.rule) == ("^RUT", "share of members")
    text = "Small caps trail, and 30% of the S&P 600 constituents are below their 200-day line."
    men = [_men(text, "Small caps", "small caps", "group"), _men(text, "S&P 600", "^SP600")]
    got = pick_subject(text, _q(text, "30%"), men, None, [_q(text, "30%")])
    assert got is not None and got.symbol == "^SP600"


def test_a_clause_that_names_only_the_yardstick_keeps_the_subject_before_it() -> None:
    text = "Small caps look their cheapest relative to the S&P 500 in 22 years, at a 35% discount."
    men = [_men(text, "Small caps", "small caps", "group"), _men(text, "S&P 500", "^GSPC")]
    got = pick_subject(text, _q(text, "35%"), men, None, [_q(text, "35%")])
    assert got is not None and got.symbol == "small caps"
    text = "Microcaps carry a valuation lower than the Russell 1000 by about 28%."
    men = [_men(text, "Microcaps", "^IWC", "etf"), _men(text, "Russell 1000", "^RUI")]
    got = pick_subject(text, _q(text, "28%"), men, None, [_q(text, "28%")])
    assert got is not None and got.symbol == "^IWC"


def test_a_figure_in_apposition_belongs_to_the_name_before_it() -> None:
    text = "Small caps rose 9% this year, trailing the S&P 500, up 14% over the same stretch."
    men = [_men(text, "Small caps", "small caps", "group"), _men(text, "S&P 500", "^GSPC")]
    qs = [_q(text, "9%"), _q(text, "14%")]
    assert pick_subject(text, qs[1], men, None, qs).symbol == "^GSPC"  # type: ignore[union-attr]


def test_a_figure_named_after_its_own_noun() -> None:
    text = "The Russell 2000 is up 3.0% this year, versus an 11.5% gain for the S&P 500."
    men = [_men(text, "Russell 2000", "^RUT"), _men(text, "S&P 500", "^GSPC")]
    qs = [_q(text, "3.0%"), _q(text, "11.5%")]
    assert [pick_subject(text, q, men, None, qs).symbol for q in qs] == [  # type: ignore[union-attr]
        "^RUT",
        "^GSPC",
    ]


def test_a_multiple_named_after_its_noun() -> None:
    text = "Its 13.5 P/E sits well under the 20.4 multiple of the S&P 500."
    men = [_men(text, "S&P 500", "^GSPC")]
    q = _q(text, "20.4")
    got = pick_subject(text, q, men, "^SP600", [_q(text, "13.5"), q])
    assert got is not None and got.symbol == "^GSPC" and got.rule == "named after the figure"


def test_respectively_pairs_names_and_figures_in_order() -> None:
    text = "IWM and IJR gained 2.4% and 3.1%, respectively, in May."
    men = [_men(text, "IWM", "IWM", "etf"), _men(text, "IJR", "IJR", "etf")]
    qs = [_q(text, "2.4%"), _q(text, "3.1%")]
    assert [pick_subject(text, q, men, None, qs).symbol for q in qs] == [  # type: ignore[union-attr]
        "IWM",
        "IJR",
    ]


def test_parenthesised_figures_and_possessives() -> None:
    text = "May returns: the S&P 500 (6.3%) and the Nasdaq 100 (7.9%) beat the Dow's 4.2% gain."
    men = [
        _men(text, "S&P 500", "^GSPC"),
        _men(text, "Nasdaq 100", "^NDX"),
        _men(text, "Dow", "^DJI"),
    ]
    qs = [_q(text, "6.3%"), _q(text, "7.9%"), _q(text, "4.2%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert [g.symbol for g in got if g] == ["^GSPC", "^NDX", "^DJI"]
    assert all(g is not None and g.confidence >= 0.9 for g in got)


def test_confidence_is_lower_for_inherited_and_loose_subjects() -> None:
    text = "It slid 1.3% on the day."
    inherited = pick_subject(text, _q(text, "1.3%"), [], "^RUT")
    assert inherited is not None and inherited.symbol == "^RUT" and inherited.confidence <= 0.5
    loose_text = "The small-cap benchmark slid 1.3% on the day."
    loose = Mention(4, 23, "^RUT", "index", confidence=0.8)
    got = pick_subject(loose_text, _q(loose_text, "1.3%"), [loose], None)
    assert got is not None and got.symbol == "^RUT" and 0.5 < got.confidence < 0.9
    assert pick_subject(text, _q(text, "1.3%"), [], None) is None


# --- the instrument table -----------------------------------------------------------------


def test_instrument_additions_are_data() -> None:
    builtin = {r["symbol"]: r for r in builtin_rows()}
    for sym in ("FEDFUNDS", "RTY=F", "ES=F", "GC=F", "SI=F", "CL=F", "BTC-USD"):
        assert sym in builtin, sym
    assert builtin["russell microcap"]["kind"] == "index"  # unlisted, but named
    assert builtin["magnificent seven"]["kind"] == "group"
    assert builtin["russell top 50"]["kind"] == "index"
    assert renamed_symbols()["^SML"] == "^SP600" and renamed_symbols()["^MID"] == "^SP400"
    assert "Nasdaq" in extra_aliases()["^IXIC"]
    assert "the Russell" in loose_names()
    assert futures_roots()["RTY"] == "RTY=F"


def test_the_lists_use_the_contracts_symbols(instruments_dir) -> None:
    rows = {r["symbol"]: r for r in load_instrument_rows(instruments_dir)}
    assert "^SML" not in rows and rows["^SP600"]["name"].startswith("S&P SmallCap 600")
    assert "^MID" not in rows and "^SP400" in rows
    assert "Nasdaq" in rows["^IXIC"]["aliases"].split("|")
    assert "KeyCorp" in rows["KEY"]["aliases"].split("|")  # the S&P list's own spelling


# --- linking and extraction (the session's spaCy pipeline and the lexicon) ----------------


@pytest.fixture(scope="module")
def extract(claims_nlp):
    from nlp.extract import extract_claims
    from nlp.linking import default_lexicon

    if default_lexicon() is None:
        pytest.skip("no instrument lists")

    def run(text: str) -> list[Claim]:
        return extract_claims(text, D)

    return run


def _subject(claims: list[Claim], value: float, kind: str = "performance") -> Claim:
    got = [
        c for c in claims if c.kind == kind and c.value is not None and abs(c.value - value) < 1e-6
    ]
    assert got, [(c.kind, c.subject, c.value) for c in claims]
    return got[0]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("The Russell 2000 (RTY) index slipped 1.6% on Friday.", -1.6, "^RUT"),
        ("The S&P 500 (SP500)(SPY)(IVV) gained 0.7% on Friday.", 0.7, "^GSPC"),
        ("Shares of Viking Therapeutics (VKTX) climbed 11% on Friday.", 11.0, "VKTX"),
        ("The iShares Russell 2000 Index Fund (IWM) rose 1.2% on Friday.", 1.2, "IWM"),
        ("The Russell 2000 Index ETF (IWM) rose 1.3% on Friday.", 1.3, "IWM"),
    ],
)
def test_parenthetical_tickers_bind_to_the_name_before_them(
    extract, text: str, value: float, subject: str
) -> None:
    c = _subject(extract(text), value)
    assert c.subject == subject
    assert len({x.subject for x in extract(text)}) == 1  # the funds after a name are not subjects


def test_several_subjects_in_one_sentence(extract) -> None:
    claims = extract("The Russell 2000 jumped 3.3% while the Russell 1000 gained 1.4% on Friday.")
    assert _subject(claims, 3.3).subject == "^RUT" and _subject(claims, 1.4).subject == "^RUI"
    claims = extract(
        "On Friday the Nasdaq 100 advanced 0.9%, the S&P 500 rose 0.5% and the Russell 2000 "
        "gained 1.7%."
    )
    assert [_subject(claims, v).subject for v in (0.9, 0.5, 1.7)] == ["^NDX", "^GSPC", "^RUT"]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("The Russell 1000 Index rose 2.2% in May.", 2.2, "^RUI"),
        ("The Russell 2000 Growth index rose 3.4% in May.", 3.4, "^RUO"),
        ("The Russell 2000 Value index fell 0.8% in May.", -0.8, "^RUJ"),
        ("Russell 2000 futures rose 0.6% on Friday.", 0.6, "RTY=F"),
        ("The S&P SmallCap 600 fell 1.1% in May.", -1.1, "^SP600"),
        ("The S&P 600 Small Cap Index fell 1.2% in May.", -1.2, "^SP600"),
        ("The S&P MidCap 400 gained 2.5% in May.", 2.5, "^SP400"),
        ("The Russell Microcap Index dropped 9.9% in the first quarter.", -9.9, "russell microcap"),
        ("The Russell Top 50 Index lost 4.4% in the first quarter.", -4.4, "russell top 50"),
        ("The Nasdaq climbed 1.9% on Friday.", 1.9, "^IXIC"),
        ("The Nasdaq Composite climbed 2.1% on Friday.", 2.1, "^IXIC"),
        ("The blue-chip Dow fell 0.3% on Friday.", -0.3, "^DJI"),
        ("The Dow Jones Industrial Average fell 0.4% on Friday.", -0.4, "^DJI"),
        ("The Philadelphia Semiconductor Index jumped 3.9% on Friday.", 3.9, "^SOX"),
        ("Silver climbed 2.8% on Friday.", 2.8, "SI=F"),
        ("Gold slipped 0.6% on Friday.", -0.6, "GC=F"),
        ("WTI crude oil fell 1.5% on Friday.", -1.5, "CL=F"),
        ("Bitcoin (CRYPTO: BTC) rose 5.5% on Friday.", 5.5, "BTC-USD"),
        ("The equal-weighted S&P 500 fell 0.9% on Friday.", -0.9, "^SPXEW"),
    ],
)
def test_style_size_indices_futures_and_commodities_link(
    extract, text: str, value: float, subject: str
) -> None:
    assert _subject(extract(text), value).subject == subject


def test_the_large_cap_adjective_does_not_take_the_figure(extract) -> None:
    claims = extract(
        "In the quarter the small-cap Russell 2000 Index lost 6.2% versus a loss of 2.9% for the "
        "large-cap Russell 1000 Index."
    )
    assert _subject(claims, -6.2).subject == "^RUT"
    assert _subject(claims, -2.9).subject == "^RUI"


def test_a_futures_root_means_the_future_where_the_article_says_so(extract) -> None:
    futures = (
        "RTY (Russell 2000 Futures) is still 12% below its record.\n\n"
        "Performance this year:\n- RTY: -4.25%\n"
    )
    claims = extract(futures)
    assert {c.subject for c in claims} == {"RTY=F"}, [(c.subject, c.value) for c in claims]
    plain = extract("The small-cap RTY index gained 1.1% on Friday.")
    assert _subject(plain, 1.1).subject == "^RUT"
    cash = extract(
        "Russell 2000 futures (/RTYZ5) rose 0.9% on Friday while the cash index gained 0.8%."
    )
    assert _subject(cash, 0.9).subject == "RTY=F" and _subject(cash, 0.8).subject == "^RUT"


def test_nasdaq_the_exchange_is_not_the_index(extract) -> None:
    claims = extract("Axsome Therapeutics (NASDAQ: AXSM) rose 6.5% on Friday.")
    assert _subject(claims, 6.5).subject == "AXSM"
    claims = extract("Credo (Nasdaq: CRDO) rose 4.5% on Friday.")
    assert _subject(claims, 4.5).subject == "CRDO"


def test_subject_confidence_is_recorded(extract) -> None:
    claims = extract(
        "The Russell 2000 rose 1.5% on Friday, its best day in a month.\n\n"
        "It had dropped 2.4% the week before."
    )
    named, inherited = _subject(claims, 1.5), _subject(claims, -2.4)
    assert named.subject == inherited.subject == "^RUT"
    assert named.subject_confidence is not None and inherited.subject_confidence is not None
    assert named.subject_confidence >= 0.85 > inherited.subject_confidence
    assert all(c.subject_confidence is not None and 0 <= c.subject_confidence <= 1 for c in claims)


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("The E-mini Russell slipped 0.8% in overnight trade on Friday.", -0.8, "RTY=F"),
        ("RTY futures added 1.3% on Friday.", 1.3, "RTY=F"),
        ("E-mini S&P contracts rose 0.2% on Friday.", 0.2, "ES=F"),
        ("ES futures dipped 0.4% on Friday.", -0.4, "ES=F"),
        ("Nasdaq futures climbed 0.6% on Friday.", 0.6, "NQ=F"),
        ("The E-mini Nasdaq fell 1.1% on Friday.", -1.1, "NQ=F"),
    ],
)
def test_index_futures_link_to_the_future_not_the_index(
    extract, text: str, value: float, subject: str
) -> None:
    assert _subject(extract(text), value).subject == subject


@pytest.mark.parametrize(
    ("text", "value", "kind", "subject"),
    [
        (
            "Relative to the S&P 500, the Russell 2000 changes hands at 13x forward earnings.",
            13.0,
            "valuation",
            "^RUT",
        ),
        (
            "Compared with the Nasdaq 100, the S&P 600 is priced at 15 times earnings.",
            15.0,
            "valuation",
            "^SP600",
        ),
        (
            "Versus the S&P 500, small caps sit at an 18% discount.",
            -18.0,
            "valuation",
            "small caps",
        ),
        ("The Russell 2000 trades at 14x, cheaper than the S&P 500.", 14.0, "valuation", "^RUT"),
    ],
)
def test_a_fronted_yardstick_is_never_the_subject(
    extract, text: str, value: float, kind: str, subject: str
) -> None:
    assert _subject(extract(text), value, kind).subject == subject


def test_a_fronted_yardstick_rule_directly() -> None:
    text = "Against the Russell 1000, the Russell 2000 fell 2.2% on Friday."
    men = [_men(text, "Russell 1000", "^RUI"), _men(text, "Russell 2000", "^RUT")]
    got = pick_subject(text, _q(text, "2.2%"), men, None, [_q(text, "2.2%")])
    assert got is not None and got.symbol == "^RUT"
    # a yardstick is still the subject when the sentence names nothing else
    alone = "Relative to the S&P 500, it gained 2% on Friday."
    men = [_men(alone, "S&P 500", "^GSPC")]
    got = pick_subject(alone, _q(alone, "2%"), men, None, [_q(alone, "2%")])
    assert got is not None and got.symbol == "^GSPC"


def test_a_short_name_links_to_the_company_named_in_full_earlier(extract) -> None:
    claims = extract(
        "Credo Technology (CRDO) rose 5.5% on Friday.\n\n"
        "Sterling Infrastructure (STRL) added 2.1% on Friday.\n\n"
        "Credo raised its revenue outlook to $290 million."
    )
    assert _subject(claims, 290.0, "fundamental").subject == "CRDO"
    possessive = extract(
        "Credo's (CRDO) operating margin reached 31.5%.\n\n"
        "Sterling (STRL) backlog grew to $2.4 billion.\n\n"
        "Credo sees fourth-quarter revenue between $300 million and $310 million."
    )
    guided = [c for c in possessive if c.kind == "fundamental" and c.low == 300.0]
    assert guided and guided[0].subject == "CRDO", [(c.subject, c.value) for c in possessive]


def test_a_subject_named_after_the_figure_binds_to_it(extract) -> None:
    claims = extract(
        "Powell Industries (POWL) gained 3.2% on Friday.\n\n"
        "Quarterly revenue of $238 million for Semtech (SMTC) topped forecasts."
    )
    assert _subject(claims, 238.0, "fundamental").subject == "SMTC"
    pair = extract(
        "Powell Industries (POWL) gained 3.2% on Friday.\n\n"
        "EPS: $0.52 actual vs. $0.47 expected for Semtech (SMTC)."
    )
    assert _subject(pair, 0.52, "fundamental").subject == "SMTC"
    assert _subject(pair, 0.47, "fundamental").subject == "SMTC"
    yardstick = extract(
        "Powell Industries (POWL) posted revenue of $280 million.\n\n"
        "Its sales grew 14%, compared with 6% for the S&P 500."
    )
    assert _subject(yardstick, 14.0, "fundamental").subject == "POWL"


def test_a_figure_written_next_to_a_yardstick_is_the_yardsticks() -> None:
    text = "Small caps +2.1% today vs SPX +0.6% and NDX -0.2%."
    men = [
        _men(text, "Small caps", "small caps", "group"),
        _men(text, "SPX", "^GSPC"),
        _men(text, "NDX", "^NDX"),
    ]
    qs = [_q(text, "+2.1%"), _q(text, "+0.6%"), _q(text, "-0.2%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert [g.symbol for g in got if g] == ["small caps", "^GSPC", "^NDX"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The S&P SmallCap 600 rose 3.6% for the week and the Russell Microcap index "
            "gained 5.2%.",
            "^SP600",
            "russell microcap",
        ),
        (
            "The Russell 2000 added 1.4% on Friday and the Russell Top 50 slipped 0.3%.",
            "^RUT",
            "russell top 50",
        ),
    ],
)
def test_a_named_index_without_a_ticker_is_as_specific_as_one(
    extract, text: str, first: str, second: str
) -> None:
    """An unlisted index ("Russell Microcap") is no loose group: in a clause after "and" it
    takes its own figure instead of yielding to the instrument named before it."""
    claims = [c for c in extract(text) if c.kind == "performance"]
    assert [c.subject for c in claims] == [first, second]


def test_a_fund_named_in_its_sentence_keeps_a_figure_of_its_size(extract) -> None:
    """Bare numbers after "IWM" are the fund's prices, even in an article about the index's
    levels."""
    text = (
        "Small-cap plan\n\nThe long setup in the Russell 2000 fails on a daily close under "
        "2,380.\n\nIWM plan: entry 224-226, SL 217.8, TP1 232."
    )
    got = {(c.value if c.value is not None else c.low): c.subject for c in extract(text)}
    assert got[224.0] == got[217.8] == got[232.0] == "IWM"
    assert got[2380.0] == "^RUT"


def test_a_pronoun_before_the_figure_is_the_subject_talked_about(extract) -> None:
    """ "it has returned 6.1%, well behind the S&P 500's 13.5%": "it" is the small-cap index
    of the sentences before, not the name after the figure; "eased" is a decline."""
    text = (
        "Small caps stall\n\nThe Russell 2000 lost 1.3% on Thursday while the S&P 500 eased "
        "0.2%.\n\nOver the past 12 months it has returned 6.1%, well behind the S&P 500's "
        "13.5% gain."
    )
    got = {c.value: c.subject for c in extract(text) if c.kind == "performance"}
    assert got[6.1] == "^RUT" and got[13.5] == "^GSPC"
    assert got[-0.2] == "^GSPC"


@pytest.mark.usefixtures("claims_nlp")
def test_a_multiple_compared_with_another_names_multiple_keeps_each_subject() -> None:
    from nlp.extract import extract_claims

    for text, want in [
        (
            "Small caps trade at a forward P/E of 15x compared to 22x for large caps.",
            {15.0: "small caps", 22.0: "large caps"},
        ),
        (
            "The S&P 600's forward P/E is 14.5 vs. the S&P 500 at 22.4.",
            {14.5: "^SP600", 22.4: "^GSPC"},
        ),
    ]:
        got = {
            c.value: c.subject
            for c in extract_claims(text, dt.date(2025, 11, 14))
            if c.kind == "valuation"
        }
        assert got == want, text


def test_a_company_named_as_the_source_is_not_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract(
        "The consensus target for IonQ (IONQ) sits at $72.50, according to FactSet, "
        "compared with a last price near $48."
    )
    got = {(c.kind, c.subject, c.value, c.role) for c in claims}
    assert got == {
        ("price_target", "IONQ", 72.5, None),
        ("price_level", "IONQ", 48.0, "current"),
    }, got
    # the same company as what moved is still a subject
    assert _subject(extract("FactSet shares rose 3% after the report."), 3.0).subject == "FDS"


def test_a_data_vendor_before_its_consensus_is_not_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("Kratos (KTOS) Q3 adj. EPS 14 cents; FactSet consensus 11 cents.")
    got = {(c.kind, c.subject, c.value, c.role) for c in claims}
    assert got == {
        ("fundamental", "KTOS", 0.14, "eps"),
        ("fundamental", "KTOS", 0.11, "eps_estimate"),
    }, got
    # a company that estimates its own figure stays the subject
    claims = extract("Kratos (KTOS) estimates 2026 revenue of $1.5 billion.")
    assert {(c.subject, c.value) for c in claims} == {("KTOS", 1500.0)}


def test_a_data_provider_before_consensus_is_the_source(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("Kratos (KTOS) earned 14 cents a share; FactSet consensus was 11 cents.")
    assert {c.subject for c in claims} == {"KTOS"}, claims
    # the provider's own move is still its claim
    assert _subject(extract("FactSet stock fell 4% after the report."), -4.0).subject == "FDS"


def test_a_target_cut_from_an_earlier_one_gives_both(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("Needham cut its target on Hims & Hers Health (HIMS) to $38 from $52.")
    got = sorted((c.subject, c.value) for c in claims if c.kind == "price_target")
    assert got == [("HIMS", 38.0), ("HIMS", 52.0)], got


def test_a_name_after_while_is_the_next_clauses(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("Value led in November: IWN added 4.8% in the month while IWO rose 2.1%.")
    assert {(c.subject, c.value) for c in claims} == {("IWN", 4.8), ("IWO", 2.1)}


def test_a_record_dated_before_its_noun_dates_the_level(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("The S&P 600 sits about 6% below its November 2021 record of 1,515.54.")
    high = _subject(claims, 1515.54, "price_level")
    assert (high.role, high.as_of) == ("high", dt.date(2021, 11, 30))


def test_written_case_of_a_listed_name() -> None:
    from nlp.linking import _written_case, company_forms

    assert _written_case("SYNAPTICS Inc")[0] == "Synaptics Inc"
    assert _written_case("lululemon athletica inc.") == ["Lululemon Athletica inc."]
    assert _written_case("AGNC Investment Corp.") == ["Agnc Investment Corp."]
    assert "Napco Security Technologies" not in _written_case("NAPCO SECURITY TECHNOLOGIES, INC")
    assert _written_case("Credo Technology Group") == []
    # the possessive a filing drops, both apostrophes; never "Genesi's" or "Ros's"
    assert "Kohl's" in _written_case("KOHLS Corp")
    assert "Children’s Place" in _written_case("Childrens Place, Inc.")
    assert _written_case("Genesis Energy LP") == []
    # an acronym opening a name in capitals, and small words in lower case
    assert _written_case("RPM INTERNATIONAL INC/DE/") == ["RPM International Inc"]
    assert company_forms("HELEN OF TROY LTD") == ["Helen of Troy Ltd", "Helen of Troy"]
    assert not any("Ros'" in f for f in _written_case("Ross Stores"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a one-word name that is also a word, opening a rating headline, is the rated company
        (
            "Arrowhead stock price target raised to $48 from $41 at Piper Sandler.",
            {("ARWR", 48.0), ("ARWR", 41.0)},
        ),
        ("Box initiated as buy with a $38 price target at Truist.", {("BOX", 38.0)}),
        # listed in the filing's capitals ("SYNAPTICS Inc"), written "Synaptics"
        ("Synaptics price target lifted to $95 from $88.", {("SYNA", 95.0), ("SYNA", 88.0)}),
        ("Bloom upgraded to outperform from market perform, price target $30.", {("BE", 30.0)}),
        ("Children's Place price target trimmed to $9 from $12.", {("PLCE", 9.0), ("PLCE", 12.0)}),
        # a broker's own target for a company named right before it
        ("Lake Street moves its Arlo PT to $24.", {("ARLO", 24.0)}),
        # the words of the headline itself ("Stock", "Price") name no company there
        ("Stock price target raised to $25 from $22 at Lake Street.", set()),
        ("Price target cut to $25 from $22 at Lake Street.", set()),
    ],
)
def test_a_rating_headline_names_the_rated_company(extract, text: str, want: set) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "price_target"}
    assert got == want, got


def test_the_broker_after_at_or_by_is_not_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract(
        "Axcelis Technologies downgraded to neutral from buy at Goldman Sachs, price target cut "
        "to $70 from $95."
    )
    got = {(c.subject, c.value) for c in claims if c.kind == "price_target"}
    assert got == {("ACLS", 70.0), ("ACLS", 95.0)}, got
    claims = extract("Arlo Technologies reiterated at buy by Credit Suisse, with a $20 target.")
    assert {(c.subject, c.value) for c in claims} == {("ARLO", 20.0)}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a one-word name of a company outside the index links where its shares are named
        ("Shares of Nutanix slid 4.2% after its guidance.", {("NTNX", -4.2)}),
        ("Nutanix shares slid 4.2% after its guidance.", {("NTNX", -4.2)}),
        # the filing's capitals with an apostrophe ("CAMPBELL'S Co") are written "Campbell's"
        ("Campbell's stock dipped 1.3% after the results.", {("CPB", -1.3)}),
    ],
)
def test_a_company_whose_shares_are_named_links(extract, text: str, want: set) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert got == want, got


def test_a_move_of_a_company_no_list_knows_is_not_the_running_subjects(extract) -> None:  # type: ignore[no-untyped-def]
    # the second company is unknown to the lists: its move must not be pinned on the first
    for second in (
        "Shares of Quillfeather Bakeries lost 2.6% on the day.",
        "Quillfeather Bakeries lost 2.6% on the day.",
    ):
        claims = extract("Hims & Hers Health jumped 8.1% on Friday. " + second)
        got = {(c.subject, c.value) for c in claims if c.kind == "performance"}
        assert got == {("HIMS", 8.1)}, got
    # a pronoun or "the stock" still carries the subject
    claims = extract("Hims & Hers Health jumped 8.1% on Friday. It has lost 2.6% since Monday.")
    assert ("HIMS", -2.6) in {(c.subject, c.value) for c in claims}


# --- sector slices: a sector of an index is its own lower-case subject ----------------------


@pytest.mark.parametrize(
    ("text", "name", "symbol", "figure", "want"),
    [
        (
            "Russell 2000 energy stocks gave back 2.9% in March.",
            "Russell 2000",
            "^RUT",
            "2.9%",
            "russell 2000 energy",
        ),
        (
            "Utilities were the weak spot inside the S&P 600, off 1.4% for the week.",
            "S&P 600",
            "^SP600",
            "1.4%",
            "s&p 600 utilities",
        ),
        (
            "Inside the Russell 2000, healthcare names returned 6.8% in the quarter.",
            "Russell 2000",
            "^RUT",
            "6.8%",
            "russell 2000 health care",
        ),
        (
            "The industrial sector in the S&P 600 has added some 9% since June.",
            "S&P 600",
            "^SP600",
            "9%",
            "s&p 600 industrials",
        ),
        (
            "For the Russell 2000, excluding biotech, profit growth comes to 11.5%.",
            "Russell 2000",
            "^RUT",
            "11.5%",
            "russell 2000 ex biotech",
        ),
        (
            "Earnings rebounded, as bank profits rose 14% for the Russell 2000.",
            "Russell 2000",
            "^RUT",
            "14%",
            "russell 2000 banks",
        ),
    ],
)
def test_a_sector_of_an_index_is_named_as_a_slice(
    text: str, name: str, symbol: str, figure: str, want: str
) -> None:
    got = pick_subject(text, _q(text, figure), [_men(text, name, symbol)], None)
    assert got is not None and got.symbol == want, (text, got)
    assert got.confidence < 0.6 and got.within == symbol


def test_a_slice_of_what_the_article_talks_about_comes_from_the_discourse() -> None:
    text = "Tech stocks in the index slipped 3.3% on the week."
    got = pick_subject(text, _q(text, "3.3%"), [], "^RUT")
    assert got is not None and got.symbol == "russell 2000 technology"


def test_the_index_own_move_beside_a_sector_is_the_index() -> None:
    for text, figure in [
        ("Financials led the Russell 2000 up 1.3% on Monday.", "1.3%"),
        (
            "Shares broadened out, as energy firms rallied, and the Russell 2000 gained 1.5%.",
            "1.5%",
        ),
        ("The Russell 2000 as a whole added 0.7% in May.", "0.7%"),
    ]:
        got = pick_subject(text, _q(text, figure), [_men(text, "Russell 2000", "^RUT")], None)
        assert got is not None and got.symbol == "^RUT", (text, got)


def test_a_slice_of_a_group_with_no_index_name_keeps_the_group_unsure() -> None:
    text = "Among small caps, energy stocks dropped 4.2% in the month."
    men = [Mention(text.index("small caps"), text.index("small caps") + 10, "small caps", "group")]
    got = pick_subject(text, _q(text, "4.2%"), men, None)
    assert got is not None and got.symbol == "small caps" and got.confidence < 0.6


def test_a_name_after_and_belongs_to_the_next_clause() -> None:
    text = "Valley National slid 2.4% on Monday and First Horizon, the larger lender, lost 1.1%."
    men = [
        _men(text, "Valley National", "VLY", "stock"),
        _men(text, "First Horizon", "FHN", "stock"),
    ]
    qs = [_q(text, "2.4%"), _q(text, "1.1%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert [g.symbol for g in got if g] == ["VLY", "FHN"]


def test_a_yardstick_after_a_description_is_no_subject() -> None:
    for text, name, symbol in [
        (
            "The S&P 600 has beaten its large-cap cousin, the S&P 500, by 4.5% this month.",
            "S&P 500",
            "^GSPC",
        ),
        (
            "The Russell 2000 outpaced the tech-heavy benchmark, the Nasdaq 100, by 6% in July.",
            "Nasdaq 100",
            "^NDX",
        ),
    ]:
        first = "S&P 600" if "600" in text else "Russell 2000"
        men = [_men(text, first, "^SP600" if "600" in text else "^RUT"), _men(text, name, symbol)]
        figure = "4.5%" if "4.5%" in text else "6%"
        got = pick_subject(text, _q(text, figure), men, None)
        assert got is not None and got.symbol == men[0].symbol, (text, got)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the firm whose people hold a view is no subject; the thing they hold it on is
        (
            "Strategists at Goldman Sachs see the Russell 2000 at 2,650 in a year.",
            {("^RUT", 2650.0)},
        ),
        ("Hilltop Securities analysts set a $58 target on Hecla Mining (HL).", {("HL", 58.0)}),
        (
            "Morgan Stanley's chief equity strategist sees the S&P 600 reaching 1,550.",
            {("^SP600", 1550.0)},
        ),
    ],
)
def test_a_firm_named_as_the_source_of_a_view_is_no_subject(  # type: ignore[no-untyped-def]
    extract, text: str, want: set
) -> None:
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "price_target"}
    assert got == want, got


def test_a_firm_that_moves_is_still_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract("Goldman Sachs shares rose 2.1% on Friday.")}
    assert got == {("GS", 2.1)}, got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "the index" inside an aside that says what the fund tracks describes the fund
        (
            "The Russell 2000 slipped on Monday. VTWO, the Vanguard fund tracking the index, "
            "lost 0.7% on Tuesday.",
            ("VTWO", -0.7),
        ),
        # the index a ranking is drawn from scopes it; the ranked member owns the figure
        (
            "The Russell 2000 rose on Monday. Credo Technology (CRDO) topped gainers in the index, "
            "up 9.5% on Tuesday.",
            ("CRDO", 9.5),
        ),
        (
            "Among the top contributors to the Russell 2000 was Oklo (OKLO), up 14% on Tuesday.",
            ("OKLO", 14.0),
        ),
    ],
)
def test_an_index_that_only_describes_or_scopes_is_no_subject(  # type: ignore[no-untyped-def]
    extract, text: str, want: tuple
) -> None:
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert want in got and not any(s.startswith("^") and v == want[1] for s, v in got), got


def test_the_fund_after_a_paragraph_about_a_fund_is_that_fund(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "IWM rose 0.8% on Friday.\n\nIWM took in heavy volume all week.\n\n"
        "SCHA, Schwab's small-cap fund, closed at $27.10.\n\nThe fund has gained 6.2% this year."
    )
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert ("SCHA", 6.2) in got, got


def test_the_index_a_paragraph_after_a_passing_mention_is_the_main_one(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Russell 2000 rose 1.1% on Friday.\n\nThe Russell 2000 is up 9% this year.\n\n"
        "The S&P 500 added 0.2% on Friday.\n\nThe index sits 3% below its record."
    )
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert ("^RUT", -3.0) in got, got


def test_a_name_filed_in_capitals_is_found_with_its_own_inner_capitals(extract) -> None:  # type: ignore[no-untyped-def]
    # filed "SOUNDHOUND AI, INC.": written with capitals the filing cannot show
    got = {(c.subject, c.value) for c in extract("SoundHound AI slid 4.4% on Friday.")}
    assert got == {("SOUN", -4.4)}, got
    # only where each word carries a capital: prose in lower case names no company
    got = {(c.subject, c.value) for c in extract("The soundhound ai trade slid 4.4% on Friday.")}
    assert ("SOUN", -4.4) not in got, got


def test_a_plural_possessive_owns_the_figure_after_it() -> None:
    text = "Mid caps rose 4% in May, trailing small caps' 6% advance."
    men = [
        Mention(0, 8, "mid caps", "group"),
        Mention(text.index("small caps"), text.index("small caps") + 10, "small caps", "group"),
    ]
    got = pick_subject(text, _q(text, "6%"), men, None)
    assert got is not None and got.symbol == "small caps" and got.rule == "possessive"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a member's one-word short name after "shares of / in": only a company has shares
        ("Shares of Kratos, the drone maker, rose 6.1% on Friday.", ("KTOS", 6.1)),
        # filed "NUSCALE POWER Corp", written with its own inner capital
        ("Oklo rose 2% on Friday, and NuScale Power gained 3.5%.", ("SMR", 3.5)),
    ],
)
def test_company_names_in_their_written_forms(extract, text: str, want: tuple) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert want in got, got


def test_two_lists_joined_by_and_pair_up_without_respectively() -> None:
    text = "The S&P 600 and the Russell 2000 both set records, gaining 1.4% and 1.9%."
    men = [_men(text, "S&P 600", "^SP600"), _men(text, "Russell 2000", "^RUT")]
    qs = [_q(text, "1.4%"), _q(text, "1.9%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert [g.symbol for g in got if g] == ["^SP600", "^RUT"]


def test_a_list_of_names_longer_than_its_figures_does_not_pair() -> None:
    text = "The Dow, the S&P 600 and the Russell 2000 rose, led by gains of 1.4% and 1.9% in banks."
    men = [
        _men(text, "Dow", "^DJI"),
        _men(text, "S&P 600", "^SP600"),
        _men(text, "Russell 2000", "^RUT"),
    ]
    qs = [_q(text, "1.4%"), _q(text, "1.9%")]
    got = [pick_subject(text, q, men, None, qs) for q in qs]
    assert all(g is None or g.rule != "respectively" for g in got)


def test_the_nasdaq_as_a_label_of_its_own_figure_is_the_index(extract) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract("Russell 2000: +1.1% | Nasdaq: -0.4%")}
    assert ("^IXIC", -0.4) in got, got
    # the exchange before a ticker stays no index
    got = {c.subject for c in extract("Credo Technology (Nasdaq: CRDO) rose 3% on Friday.")}
    assert got == {"CRDO"}, got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a member's coined first word, though its warrants list the same company twice
        ("Leaders were IonQ +9% and Rigetti +7.5% on the day.", ("RGTI", 7.5)),
        # the one word, written with the inner capital the filing cannot show
        ("Laggards included Oklo, down 2%, and SoundHound, down 6.5%.", ("SOUN", -6.5)),
    ],
)
def test_a_members_short_name_before_its_own_figure(extract, text: str, want: tuple) -> None:  # type: ignore[no-untyped-def]
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert want in got, got


def test_the_index_of_a_lede_that_opens_with_small_caps_is_the_one_it_names(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Small caps extend their run\n\n"
        "Small-cap shares climbed on Wednesday, and the Russell 2000 finished up 1.9%.\n\n"
        "The S&P 500 rose 0.3% and the Nasdaq Composite added 0.2%.\n\n"
        "Over the past month the index has gained 3.4%."
    )
    got = {(c.subject, c.value) for c in extract(text) if c.kind == "performance"}
    assert ("^RUT", 3.4) in got, got


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("Brennock Energy (NYSEAMERICAN:BRNQ) trades at 8.5 times earnings.", "BRNQ"),
        ("Kestrel Bio (NasdaqGS: KSTB) rose 5% on Friday.", "KSTB"),
        ("Harbor Diversified (OTCQX: HRBR) posted EPS of $0.31.", "HRBR"),
    ],
)
def test_more_exchange_prefixes_name_an_unknown_ticker(text: str, symbol: str) -> None:
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date(2025, 11, 14))
    assert claims and {c.subject for c in claims} == {symbol}


def test_a_firms_target_is_about_the_name_after_the_figure() -> None:
    from nlp.extract import extract_claims as _extract

    got = _extract(
        "Morgan Stanley's target implies 14% upside for the Russell 2000.", dt.date(2025, 11, 20)
    )
    assert {c.subject for c in got if c.kind == "price_target"} == {"^RUT"}
    # the firm's own move stays the firm's
    got = _extract("Morgan Stanley's shares rose 2% on Thursday.", dt.date(2025, 11, 20))
    assert {c.subject for c in got if c.kind == "performance"} == {"MS"}


def test_a_trades_abbreviation_in_parentheses_is_no_ticker() -> None:
    from nlp.extract import extract_claims as _extract

    got = _extract(
        "B. Riley lifts Acme Robotics (ACME) target price (TP) to $18.", dt.date(2025, 11, 20)
    )
    assert {c.subject for c in got if c.kind == "price_target"} == {"ACME"}


def test_a_name_qualifying_a_target_noun_owns_the_target() -> None:
    """ "against an S&P 500 target of 7,500": the name before "target of" is the target's,
    though the sentence opened on another index (cold test across genres)."""
    import datetime as _dt

    from nlp.extract import extract_claims

    text = (
        "The desk sees the Russell 2000 at 2,850 by the end of 2026, against an S&P 500 "
        "target of 7,500."
    )
    got = {c.value: c.subject for c in extract_claims(text, _dt.date(2025, 12, 10))}
    assert got == {2850: "^RUT", 7500: "^GSPC"}
