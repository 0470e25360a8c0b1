"""What makes two articles the same: canonical URL, exact text hash, MinHash fingerprint.

* ``canonical_url``: one spelling per page (tracking parameters, fragments, default ports,
  case and trailing slashes removed) so that the same link seen in two feeds is one row.
* ``content_hash``: sha256 of the normalised text (case, Unicode form and whitespace folded)
  so that a verbatim copy under another URL is caught without any similarity search.
* ``fingerprint``: a datasketch MinHash over 3-word shingles, stored as bytes; a banded
  LSH index (numpy, ``NearDuplicateIndex``) finds the few candidates that may be near-copies
  (Jaccard >= ``NEAR_DUP_THRESHOLD``), so a new article is compared with a handful of
  stored ones, never with all of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import LeanMinHash, MinHash

#: Version of the fingerprint scheme; stored fingerprints from another scheme are ignored.
FINGERPRINT_VERSION = 1  # word-CRC32 3-shingles, affine32, 128 permutations
NUM_PERM = 128
SHINGLE_WORDS = 3
NEAR_DUP_THRESHOLD = 0.8
#: LSH banding threshold for candidates (checked exactly against NEAR_DUP_THRESHOLD).
CANDIDATE_THRESHOLD = 0.5
#: Below this many words a text is too short for a meaningful near-duplicate verdict.
MIN_WORDS_FOR_NEAR_DUP = 25
_SEED = 1
_SCHEME = "affine32"
_HEADER = bytes([FINGERPRINT_VERSION])

_TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "dclid", "msclkid", "igshid"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def canonical_url(url: str | None) -> str | None:
    """One spelling of ``url``: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``...), remaining query
    parameters sorted, no trailing slash (except the root). ``file:`` URLs keep their path."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if not scheme:
        return url
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if port and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%")
    path = re.sub(r"/{2,}", "/", path)
    if path.endswith("/") and path != "/":
        path = path.rstrip("/")
    if not path and scheme in _DEFAULT_PORTS:
        path = "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def normalise_text(text: str) -> str:
    """Text as compared: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise_text(text))


def analyse(text: str) -> tuple[str, list[str], MinHash]:
    """(content hash, words, MinHash) with the text normalised once."""
    norm = normalise_text(text)
    toks = _WORD.findall(norm)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest(), toks, minhash(toks)


@lru_cache(maxsize=1)
def _permutations() -> object:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def shingle_hashes(toks: list[str]) -> list[int]:
    """32-bit hashes of the word 3-shingles, combined from per-word CRC32s with numpy
    (stable across processes, unlike ``hash()``; ~20x cheaper than sha1 per shingle)."""
    if not toks:
        return []
    w = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in toks), dtype=np.uint64, count=len(toks))
    if len(w) >= SHINGLE_WORDS:
        h = (w[:-2] * np.uint64(0x9E3779B1) + w[1:-1] * np.uint64(0x85EBCA77) + w[2:]) & np.uint64(
            0xFFFFFFFF
        )
    else:
        h = w
    return np.unique(h).tolist()


def minhash(text: str | list[str]) -> MinHash:
    """MinHash of the text's word 3-shingles (the words themselves when shorter).

    ``text`` may be the already-split words of the normalised text."""
    toks = words(text) if isinstance(text, str) else text
    mh = MinHash(
        num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=_SCHEME, hashfunc=int
    )
    hashes = shingle_hashes(toks)
    if hashes:
        mh.update_batch(hashes)
    return mh


def fingerprint_bytes(mh: MinHash) -> bytes:
    """A version byte then the hash values as little-endian uint32 (513 bytes)."""
    return _HEADER + np.asarray(mh.hashvalues, dtype="<u4").tobytes()


def fingerprint_from_bytes(data: bytes | None) -> LeanMinHash | None:
    """The stored fingerprint back as a MinHash, or None for missing/other-version data."""
    if not data or data[:1] != _HEADER or len(data) != 1 + 4 * NUM_PERM:
        return None
    values = np.frombuffer(data, dtype="<u4", offset=1).astype(np.uint32)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def shingle_set(text: str) -> set[int]:
    """The text's shingle hashes, for an exact Jaccard check of a few candidates."""
    return set(shingle_hashes(words(text)))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


#: Banding: 25 bands of 5 hash values. A pair at Jaccard 0.8 shares a band with
#: probability 1-(1-0.8**5)**25 > 0.9999; a pair at 0.3 with about 0.06.
BANDS, ROWS = 25, 5
_MIX = np.uint64(0x100000001B3)


def _band_keys(sig: np.ndarray) -> np.ndarray:
    """(n, 128) uint32 signatures -> (n, BANDS) uint64 band keys."""
    x = sig[:, : BANDS * ROWS].reshape(len(sig), BANDS, ROWS).astype(np.uint64)
    keys = np.zeros((len(sig), BANDS), dtype=np.uint64)
    for j in range(ROWS):
        keys = keys * _MIX ^ x[:, :, j]  # array arithmetic wraps silently mod 2**64
    return keys


class NearDuplicateIndex:
    """Banded LSH over stored fingerprints, held in numpy arrays.

    The stored part is one sorted key array per band (``searchsorted`` finds a query's
    band-mates), built with a few vectorised sorts: loading 100k fingerprints costs about a
    second, not the minute a dict-per-band index takes. Articles added during a run go to a
    small dict-based delta. Banding is tuned well below the duplicate threshold and
    candidates are filtered by estimated Jaccard >= ``threshold``; the caller checks the
    survivors exactly (``shingle_set``)."""

    def __init__(self, threshold: float = CANDIDATE_THRESHOLD) -> None:
        self.threshold = threshold
        self._ids = np.zeros(0, dtype=np.int64)
        self._sig = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._sorted: list[np.ndarray] = []
        self._order: list[np.ndarray] = []
        self._delta: list[dict[int, list[int]]] = [{} for _ in range(BANDS)]
        self._delta_sig: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._ids) + len(self._delta_sig)

    def load(self, rows: Iterable[tuple[int, bytes | None]]) -> None:
        """Replace the stored part with these (id, fingerprint bytes) rows."""
        ids, blobs = [], []
        for article_id, data in rows:
            if data and data[:1] == _HEADER and len(data) == 1 + 4 * NUM_PERM:
                ids.append(article_id)
                blobs.append(data[1:])
        self._ids = np.asarray(ids, dtype=np.int64)
        self._sig = np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(ids), NUM_PERM)
        keys = _band_keys(self._sig)
        self._order = [np.argsort(keys[:, b], kind="stable") for b in range(BANDS)]
        self._sorted = [keys[self._order[b], b] for b in range(BANDS)]

    def add_many(self, rows: Iterable[tuple[int, bytes | None]]) -> None:
        self.load(rows)

    def add(self, article_id: int, mh: MinHash | LeanMinHash) -> None:
        sig = np.asarray(mh.hashvalues, dtype=np.uint32)
        self._delta_sig[article_id] = sig
        for b, key in enumerate(_band_keys(sig[None, :])[0]):
            self._delta[b].setdefault(int(key), []).append(article_id)

    def candidates(self, mh: MinHash | LeanMinHash) -> list[tuple[int, float]]:
        """(id, estimated Jaccard) of stored articles that may be near-copies, oldest first."""
        sig = np.asarray(mh.hashvalues, dtype=np.uint32)
        keys = _band_keys(sig[None, :])[0]
        rows: set[int] = set()
        found: set[int] = set()
        for b in range(BANDS if len(self._ids) else 0):
            lo = np.searchsorted(self._sorted[b], keys[b], "left")
            hi = np.searchsorted(self._sorted[b], keys[b], "right")
            if hi > lo:
                rows.update(self._order[b][lo:hi].tolist())
        for b, key in enumerate(keys):
            found.update(self._delta[b].get(int(key), ()))
        out = []
        if rows:
            idx = np.fromiter(rows, dtype=np.int64, count=len(rows))
            est = (self._sig[idx] == sig).mean(axis=1)
            out += [(int(i), float(e)) for i, e in zip(self._ids[idx], est, strict=True)]
        out += [(a, float((self._delta_sig[a] == sig).mean())) for a in found]
        return sorted((a, e) for a, e in out if e >= self.threshold)

    def query(self, mh: MinHash, threshold: float = NEAR_DUP_THRESHOLD) -> tuple[int, float] | None:
        """(id, estimated similarity) of the oldest article whose *estimate* reaches
        ``threshold`` (no exact check; ``candidates`` plus ``shingle_set`` is the exact way)."""
        for cand, est in self.candidates(mh):
            if est >= threshold:
                return cand, est
        return None
