"""Altair charts for the app: built from small data frames the store queries return.

Pure functions (data in, chart out), so tests can build them without a running app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

STANCE_COLORS = alt.Scale(
    domain=["bullish", "neutral", "bearish"], range=["#0a7d32", "#9aa3b2", "#b3261e"]
)


def stance_over_time(rows: list[tuple[dt.date, str, int]]) -> alt.Chart | None:
    """Stacked bars: claims per day by stance."""
    if not rows:
        return None
    df = pd.DataFrame(rows, columns=["day", "stance", "claims"])
    df["day"] = pd.to_datetime(df["day"])
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("claims:Q", stack="normalize", title="share of claims"),
            color=alt.Color("stance:N", scale=STANCE_COLORS),
            tooltip=["day:T", "stance:N", "claims:Q"],
        )
        .properties(height=220)
    )


def price_with_marks(
    prices: list[tuple[dt.date, float]],
    *,
    targets: list[dict[str, Any]] | None = None,
    levels: list[dict[str, Any]] | None = None,
    moves: list[dict[str, Any]] | None = None,
    title: str = "",
) -> alt.LayerChart | alt.Chart | None:
    """Close prices with targets (dashed rules), level zones (bands) and claimed moves (dots)."""
    if not prices:
        return None
    px = pd.DataFrame(prices, columns=["date", "close"])
    px["date"] = pd.to_datetime(px["date"])
    layers: list[alt.Chart] = []
    if levels:
        lv = pd.DataFrame(levels)
        layers.append(
            alt.Chart(lv)
            .mark_rect(opacity=0.15)
            .encode(
                y="low:Q",
                y2="high:Q",
                color=alt.Color(
                    "role:N",
                    scale=alt.Scale(
                        domain=["support", "resistance", "mixed"],
                        range=["#0a7d32", "#b3261e", "#7a5cc2"],
                    ),
                ),
                tooltip=["role:N", "low:Q", "high:Q", "n_sources:Q"],
            )
        )
    layers.append(
        alt.Chart(px)
        .mark_line(color="#1d2430")
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("close:Q", scale=alt.Scale(zero=False), title="close"),
            tooltip=["date:T", "close:Q"],
        )
    )
    if targets:
        tg = pd.DataFrame(targets)
        layers.append(
            alt.Chart(tg)
            .mark_rule(strokeDash=[4, 3])
            .encode(
                y="value:Q",
                color=alt.Color("stance:N", scale=STANCE_COLORS),
                tooltip=["value:Q", "source:N", "stance:N"],
            )
        )
    if moves:
        mv = pd.DataFrame(moves)
        mv["date"] = pd.to_datetime(mv["date"])
        layers.append(
            alt.Chart(mv)
            .mark_point(size=70, filled=True)
            .encode(
                x="date:T",
                y="close:Q",
                color=alt.Color("verdict:N"),
                tooltip=["date:T", "claimed:N", "verdict:N", "source:N"],
            )
        )
    # each layer keeps its own colours (zones by role, targets by stance, moves by verdict)
    return (
        alt.LayerChart(layer=layers)
        .resolve_scale(color="independent")
        .properties(height=320, title=title)
    )


def claim_vs_actual(
    prices: list[tuple[dt.date, float]],
    *,
    claimed: float | None,
    actual: float | None,
    unit: str | None,
    start: dt.date | None,
    end: dt.date | None = None,
    move: bool = False,
) -> alt.LayerChart | None:
    """The series over a flagged claim's period with the claimed and the actual figure.

    Percent claims are drawn as % change from the first close of the period, a move in
    points (``move``) as points from that close, so the two horizontal rules sit on the
    same scale as the line; the period itself is shaded.
    """
    if not prices:
        return None
    px = pd.DataFrame(prices, columns=["date", "close"])
    px["date"] = pd.to_datetime(px["date"])
    y_title = "close"
    if unit == "points" and move:
        base_rows = px[px["date"] >= pd.Timestamp(start)] if start else px
        base = float((base_rows if len(base_rows) else px)["close"].iloc[0])
        px["value"] = px["close"] - base
        y_title = "points from period start"
    elif unit == "pct":
        base_rows = px[px["date"] >= pd.Timestamp(start)] if start else px
        base = float((base_rows if len(base_rows) else px)["close"].iloc[0])
        px["value"] = (px["close"] / base - 1.0) * 100.0
        y_title = "% change from period start"
    else:
        px["value"] = px["close"]
    marks = pd.DataFrame(
        [
            {"figure": "claimed", "value": claimed},
            {"figure": "actual", "value": actual},
        ]
    ).dropna()
    line = (
        alt.Chart(px)
        .mark_line(color="#1d2430")
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
            tooltip=["date:T", "close:Q", "value:Q"],
        )
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=2)
        .encode(
            y="value:Q",
            color=alt.Color(
                "figure:N",
                scale=alt.Scale(domain=["claimed", "actual"], range=["#b3261e", "#0a7d32"]),
            ),
            tooltip=["figure:N", "value:Q"],
        )
    )
    layers: list[alt.Chart] = []
    if start is not None and end is not None:
        period = pd.DataFrame([{"start": pd.Timestamp(start), "end": pd.Timestamp(end)}])
        layers.append(
            alt.Chart(period)
            .mark_rect(color="#f2c94c", opacity=0.25)
            .encode(x="start:T", x2="end:T", tooltip=["start:T", "end:T"])
        )
    return alt.LayerChart(layer=[*layers, line, rules]).properties(height=240)


def stance_split_bar(bullish: int, neutral: int, bearish: int) -> alt.Chart:
    """One horizontal stacked bar of voices.

    The bar needs a y channel and a fixed height of its own: with x alone and the legend
    below, Vega-Lite gave the plot zero height inside Streamlit's container. The counts sit
    in the "Bull / bear / neutral" figure above it, so the bar carries no axis or legend.
    """
    df = pd.DataFrame(
        [
            ("voices", "bullish", bullish),
            ("voices", "neutral", neutral),
            ("voices", "bearish", bearish),
        ],
        columns=["row", "stance", "voices"],
    )
    df["order"] = df["stance"].map({"bullish": 0, "neutral": 1, "bearish": 2})
    return (
        alt.Chart(df[df["voices"] > 0])
        .mark_bar(size=26)
        .encode(
            x=alt.X("voices:Q", stack="zero", title=None, axis=None),
            y=alt.Y("row:N", axis=None),
            color=alt.Color(
                "stance:N",
                scale=STANCE_COLORS,
                legend=None,
            ),
            order=alt.Order("order:Q"),
            tooltip=["stance:N", "voices:Q"],
        )
        .properties(height=30)
    )


def target_range(
    upper: list[tuple[dt.date, float]],
    lower: list[tuple[dt.date, float]],
    *,
    day: dt.date | None,
    claimed: list[float] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> alt.LayerChart | None:
    """The Fed's target range over time (a band from its lower to its upper bound), the day
    of the claim marked, the period it talks about shaded and claimed rates as rules."""
    if not upper:
        return None
    band = pd.DataFrame(upper, columns=["date", "upper"])
    if lower:
        band = band.merge(pd.DataFrame(lower, columns=["date", "lower"]), on="date", how="left")
    else:
        band["lower"] = band["upper"]
    band["lower"] = band["lower"].fillna(band["upper"])
    band["date"] = pd.to_datetime(band["date"])
    layers: list[alt.Chart] = []
    if start is not None and end is not None:
        period = pd.DataFrame([{"start": pd.Timestamp(start), "end": pd.Timestamp(end)}])
        layers.append(
            alt.Chart(period)
            .mark_rect(color="#f2c94c", opacity=0.25)
            .encode(x="start:T", x2="end:T", tooltip=["start:T", "end:T"])
        )
    y = alt.Y("lower:Q", title="target range (%)", scale=alt.Scale(zero=False))
    layers.append(
        alt.Chart(band)
        .mark_area(interpolate="step-after", opacity=0.35, color="#1d5fa8")
        .encode(
            x=alt.X("date:T", title=None),
            y=y,
            y2="upper:Q",
            tooltip=["date:T", "lower:Q", "upper:Q"],
        )
    )
    layers.append(
        alt.Chart(band)
        .mark_line(interpolate="step-after", color="#1d5fa8")
        .encode(x="date:T", y="upper:Q")
    )
    if claimed:
        rules = pd.DataFrame([{"figure": "claimed", "value": v} for v in claimed])
        layers.append(
            alt.Chart(rules)
            .mark_rule(strokeWidth=2, strokeDash=[5, 3], color="#b3261e")
            .encode(y="value:Q", tooltip=["figure:N", "value:Q"])
        )
    if day is not None:
        mark = pd.DataFrame([{"date": pd.Timestamp(day), "label": "the claim"}])
        layers.append(
            alt.Chart(mark)
            .mark_rule(strokeWidth=2, color="#b3261e")
            .encode(x="date:T", tooltip=["label:N", "date:T"])
        )
    return alt.LayerChart(layer=layers).properties(height=240)
