"""Settings in one place: where data lives, network politeness, limits.

Tolerances for cross-checking live in ``crosscheck/tolerances.toml`` (data, not code).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The demo source bundled with the project (articles, feed, gold claims).
DEMO_DIR = PROJECT_ROOT / "demo"

#: Trained model files with their model cards.
MODELS_DIR = PROJECT_ROOT / "models"

#: Environment variable naming the third-party data directory (market/, instruments/, ...).
DATA_ENV = "THESISDESK_DATA"

# --- HTTP (feeds, pages, live market data) ---------------------------------------------
USER_AGENT = "thesisdesk/0.1 (+https://example.invalid/thesisdesk; market-commentary reader)"
CONNECT_TIMEOUT_S = 5.0  # seconds to open a connection
READ_TIMEOUT_S = 15.0  # seconds between bytes before a fetch is abandoned
MAX_REDIRECTS = 5
MAX_FEED_BYTES = 10 * 1024 * 1024  # a feed larger than this is cut off and marked as such
MAX_PAGE_BYTES = 5 * 1024 * 1024  # pages are capped lower: articles are small
MAX_CONCURRENT_PER_HOST = 2  # politeness: parallel requests to one host
MAX_CONCURRENT_TOTAL = 16
# --- feed back-off ------------------------------------------------------------------------
BACKOFF_BASE_S = 300.0  # first retry after a failure: 5 minutes ...
BACKOFF_MAX_S = 24 * 3600.0  # ... doubling up to a day
BACKOFF_JITTER = 0.2  # +/- 20% so that failing feeds do not retry in lockstep
DEFAULT_POLL_INTERVAL_S = 1800.0  # a healthy feed is polled at most every 30 minutes
# An article kept as its feed summary (page down) gets its page tried again whenever its feed
# lists it, for this many days after it was saved; a page that never comes back stops costing.
SUMMARY_RETRY_DAYS = 7
# --- claims -----------------------------------------------------------------------------
#: A claim's ``period_confidence`` (0..1, set by ``nlp.periods``) below this means the period
#: is a guess (a fiscal quarter read as a calendar one, a bare move given the article's day):
#: downstream must treat it as unsure (no "contradicted" on the strength of that period).
PERIOD_SURE_MIN = 0.6
#: The same for ``subject_confidence`` (set by ``nlp.subjects``): an unsure subject never flags.
SUBJECT_SURE_MIN = 0.6


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The third-party data directory: ``explicit``, ``$THESISDESK_DATA``, or ``../shared/data``.

    Returns None when none exists, so callers can say what to pass instead of crashing.
    """
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    candidates += [PROJECT_ROOT.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for cand in candidates:
        if cand.is_dir():
            return cand.resolve()
    return None


def market_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The market CSV directory (``<data>/market``), or ``explicit`` if it is one itself."""
    if explicit and Path(explicit).is_dir() and not (Path(explicit) / "market").is_dir():
        return Path(explicit).resolve()
    base = data_dir(explicit)
    return base / "market" if base and (base / "market").is_dir() else None


def instruments_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The instrument-list directory (``<data>/instruments``), or ``explicit`` itself."""
    if explicit and Path(explicit).is_dir() and not (Path(explicit) / "instruments").is_dir():
        return Path(explicit).resolve()
    base = data_dir(explicit)
    return base / "instruments" if base and (base / "instruments").is_dir() else None


# --- the reader's settings file (schedule, market providers, alerts, digest mail) --------
#: Environment variable naming the settings file; default: ``settings.toml`` in the per-user
#: config directory (``thesisdesk run --help`` prints the path). Missing file: defaults.
SETTINGS_ENV = "THESISDESK_SETTINGS"


def settings_file(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The settings file to read: ``explicit``, ``$THESISDESK_SETTINGS``, or the default."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(SETTINGS_ENV):
        return Path(os.environ[SETTINGS_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("thesisdesk", appauthor=False)) / "settings.toml"


def load_settings_file(path: str | os.PathLike[str] | None = None) -> dict[str, object]:
    """The settings file as a dict (empty when there is none). A file that exists but is
    not valid TOML raises ``ValueError`` naming it: a typo must not silently mean defaults."""
    import tomllib

    found = settings_file(path)
    if not found.is_file():
        if path:  # named explicitly: it must exist
            raise ValueError(f"settings file not found: {found}")
        return {}
    try:
        return tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read settings file {found}: {exc}") from exc
