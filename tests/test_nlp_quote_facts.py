"""The facts of a quote a checker needs, read once by the extractor (``nlp.quote_facts``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from nlp.quote_facts import (
    close_fact,
    fill_provenance,
    is_condition,
    level_facts,
    ma_window,
    streak_direction,
    streak_grain,
)
from thesisdesk.records import Claim


@pytest.mark.parametrize(
    ("text", "way"),
    [
        ("A 1% drop in December broke IWM's seven-month winning streak.", "up"),
        ("IWM slipped on Tuesday, ending a run of seven straight daily gains.", "up"),
        ("Bargain hunters stepped in after IWM had fallen for three sessions in a row.", "down"),
        ("Small caps fell for a fourth straight week.", "down"),
        ("IWM has posted five straight months of gains.", "up"),
        ("The index logged three consecutive monthly losses.", "down"),
        ("IWM's streak hit seven.", None),
        ("Gains then losses, five weeks running.", None),
    ],
)
def test_streak_direction_reads_the_streak_words_only(text: str, way: str | None) -> None:
    assert streak_direction(text) == way


@pytest.mark.parametrize(
    ("text", "grain"),
    [
        ("seven-month", "months"),
        ("fifth straight weekly gain", "weeks"),
        ("seven sessions in a row", "days"),
        ("three straight daily gains", "days"),
        ("four consecutive quarters", "quarters"),
        ("straight gains", None),
    ],
)
def test_streak_grain(text: str, grain: str | None) -> None:
    assert streak_grain(text) == grain


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("IWM closed above its $240 resistance on Thursday.", "above"),
        ("IWM has not closed above $250 yet.", "below"),
        ("IWM posted a close above its $245 line on Monday.", "above"),
        ("The index finished below 2,400 on Friday.", "below"),
        ("A daily close above $250 would put IWM in a new range.", None),
        ("If IWM closed below $240, the breakout would be in doubt.", None),
        ("Once it closes above $245, the base is complete.", None),
        ("We would exit on a close back under $240.", None),
    ],
)
def test_close_stated_as_a_fact(text: str, side: str | None) -> None:
    assert close_fact(text) == side


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Below $243 on a closing basis, we step aside.", True),
        ("Only a close above 2,500 would confirm the index's run.", True),
        ("If it breaks 2,400, the next stop is 2,300.", True),
        ("IWM traded above $246 on Monday, which could mark a short-term top.", False),
        ("IWM posted a weekly close above $245.", False),
        ("Support sits near $231.", False),
    ],
)
def test_condition_is_the_trigger_wording(text: str, condition: bool) -> None:
    assert is_condition(text) is condition


def test_level_facts_put_the_crossing_in_the_comparator() -> None:
    assert level_facts("IWM closed above its $240 resistance.", "resistance", "eq") == (
        False,
        "gt",
    )
    assert level_facts("IWM has not closed above $250 yet.", "resistance", "eq") == (False, "lt")
    # a current level keeps its own comparator: the crossing is not its figure
    assert level_facts("IWM closed above $240 at $241.10.", "current", "eq") == (False, "eq")
    assert level_facts("A close above $250 would confirm it.", "resistance", "gt") == (True, "gt")
    assert level_facts("Support sits near $231.", "support", "approx") == (None, "approx")


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("holding above its 200-day moving average", 200),
        ("the 50-day MA near $214", 50),
        ("back over the 50dma", 50),
        ("the 20 day MA", 20),
        ("below the 200-hour moving average", None),
        ("the 10-week moving average", None),
        ("the 21-day EMA", None),
        ("the moving average", None),
    ],
)
def test_ma_window_in_daily_sessions(text: str, window: int | None) -> None:
    assert ma_window(text) == window


def _claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(kind="price_level", subject="IWM", unit="usd", quote="")
    return Claim(**{**base, "start": 0, "end": 0, **kw})  # type: ignore[arg-type]


def test_fill_provenance_reads_a_hand_written_claim_as_extracted() -> None:
    ma = fill_provenance(
        _claim(role="moving_average", value=214, quote="The 50-day moving average is near $214.")
    )
    assert ma.ma_window == 50 and ma.conditional is None
    crossed = fill_provenance(
        _claim(role="resistance", value=240, quote="IWM closed above its $240 resistance.")
    )
    assert (crossed.conditional, crossed.comparator) == (False, "gt")
    streak = fill_provenance(
        _claim(
            kind="performance",
            role="streak",
            unit="months",
            value=4,
            quote="IWM has risen for four consecutive months.",
        )
    )
    assert (streak.streak_grain, streak.streak_direction) == ("months", "up")
    # what the claim already says is kept
    said = streak.model_copy(update={"streak_direction": "down"})
    assert fill_provenance(said).streak_direction == "down"


def test_a_misspelt_kind_or_role_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        _claim(kind="perfomance")
    with pytest.raises(ValidationError):
        _claim(role="suport")
    with pytest.raises(ValidationError):
        _claim(unit="dollars")
    with pytest.raises(ValidationError):
        _claim(kind="performance", role="streak", unit="months", streak_direction="sideways")


def test_json_output_prints_plain_strings() -> None:
    c = _claim(role="support", comparator="approx", stance="bullish", as_of=dt.date(2025, 9, 1))
    out = json.loads(json.dumps(c.contract_dict()))
    assert (out["kind"], out["role"], out["comparator"], out["stance"]) == (
        "price_level",
        "support",
        "approx",
        "bullish",
    )
    assert all(type(v) in (str, int, float, type(None)) for v in c.contract_dict().values())
    assert c.model_dump(mode="json")["unit"] == "usd"
