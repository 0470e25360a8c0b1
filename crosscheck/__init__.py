"""Claims in, ``Verdict``s out: each checkable number against market data; flags; targets.

- ``MarketData`` (``market_data``): the cached series view, from a CSV directory or the store.
- ``check_claim`` / ``check_claims`` (``checker``): one verdict per claim, by kind and role
  (``performance``, ``levels``, ``rates``), each trying every honest reading (``readings``).
- ``tolerances.toml`` / ``standins.toml``: the data that decides; ``tolerances`` reads them.
- ``target_outcome`` (``targets``): hit / missed / pending for a price target.
- ``check_stored`` (``run``): verdict rows for the store's claims, re-checked when stale.
- ``flagged_articles`` (``flags``): articles the data contradicts, with their severity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crosscheck.checker import check_claim, check_claims
from crosscheck.market_data import MarketData
from crosscheck.readings import CHECKER_VERSION
from crosscheck.targets import TargetResult, target_outcome

if TYPE_CHECKING:
    from crosscheck.flags import flagged_articles
    from crosscheck.run import CheckSummary, check_stored

__all__ = [
    "CHECKER_VERSION",
    "CheckSummary",
    "MarketData",
    "TargetResult",
    "check_claim",
    "check_claims",
    "check_stored",
    "flagged_articles",
    "target_outcome",
]


def __getattr__(name: str) -> Any:
    """Store-backed names load lazily so that checking files needs no database modules."""
    if name in ("check_stored", "CheckSummary"):
        from crosscheck import run

        return getattr(run, name)
    if name == "flagged_articles":
        from crosscheck import flags

        return flags.flagged_articles
    raise AttributeError(name)
