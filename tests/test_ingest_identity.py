"""Identity: canonical URLs, text hashes, MinHash fingerprints and the LSH index."""

from __future__ import annotations

import random

import pytest

from ingest import identity

_VOCAB_TEXT = (
    "small caps rally index earnings guidance yields banks biotech energy breadth volume "
    "momentum support resistance breakout pullback rotation value growth credit spreads "
    "dollar margins "
    "revenue outlook quarter fed cut hike inflation labour housing"
)
VOCAB = _VOCAB_TEXT.split()


def _text(rng: random.Random, n: int = 200) -> str:
    return " ".join(rng.choice(VOCAB) + str(rng.randrange(50)) for _ in range(n))


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("HTTPS://Example.COM:443/a/b/?utm_source=x&utm_medium=y#frag", "https://example.com/a/b"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x/", "http://example.com:8080/x"),
        (
            "https://example.com/p?b=2&fbclid=abc&a=1&gclid=q&mc_cid=z",
            "https://example.com/p?a=1&b=2",
        ),
        ("https://example.com/p?id=7", "https://example.com/p?id=7"),
        ("file:///srv/site/a.html", "file:///srv/site/a.html"),
    ],
)
def test_canonical_url(raw: str, want: str) -> None:
    assert identity.canonical_url(raw) == want


def test_content_hash_ignores_case_and_spacing_only() -> None:
    a = identity.content_hash("IWM  rose 2%\n\nto 245.")
    assert a == identity.content_hash("iwm rose 2% to 245.")
    assert a != identity.content_hash("iwm rose 3% to 245.")
    assert len(a) == 64


def test_fingerprint_round_trip_and_similarity() -> None:
    rng = random.Random(1)
    base = _text(rng)
    words = base.split()
    edited = " ".join(w if i % 40 else "changed" for i, w in enumerate(words))
    unrelated = _text(rng)
    mh = identity.minhash(base)
    data = identity.fingerprint_bytes(mh)
    assert len(data) == 1 + 4 * identity.NUM_PERM
    back = identity.fingerprint_from_bytes(data)
    assert back is not None and back.jaccard(mh) == 1.0
    assert identity.minhash(edited).jaccard(mh) >= 0.8
    assert identity.minhash(unrelated).jaccard(mh) < 0.2
    assert identity.fingerprint_from_bytes(b"\x09" + data[1:]) is None  # other version


def test_lsh_finds_near_copies_among_many() -> None:
    rng = random.Random(2)
    texts = [_text(rng) for _ in range(1500)]
    rows = [
        (i, identity.fingerprint_bytes(identity.minhash(t))) for i, t in enumerate(texts, start=1)
    ]
    index = identity.NearDuplicateIndex()
    index.load(rows[:1000])
    for i, data in rows[1000:]:  # added during a run: the delta part
        index.add(i, identity.fingerprint_from_bytes(data))
    assert len(index) == 1500
    for target_id in (701, 1201):
        words = texts[target_id - 1].split()
        near = " ".join([*words[:-8], "appended", "words", "here"])
        cands = index.candidates(identity.minhash(near))
        assert cands and cands[0][0] == target_id and cands[0][1] >= 0.8
        assert index.query(identity.minhash(near)) == cands[0]
    assert index.query(identity.minhash(_text(rng))) is None
    # banding keeps candidate sets small: an unrelated text shares a band with (almost) nobody
    raw = identity.NearDuplicateIndex(threshold=0.0)
    raw.load(rows)
    assert len(raw.candidates(identity.minhash(_text(rng)))) < 5


def test_borderline_pair_is_not_lost_to_banding() -> None:
    """A rewrite at true Jaccard ~0.82 (a headline and a few words changed) is a candidate."""
    rng = random.Random(4)
    base = [_text(rng, 30) for _ in range(6)]
    copy = [p.replace(p.split()[3], "changed", 1) for p in base]
    copy[0] = "Republished: " + copy[0]
    a, b = " ".join(base), " ".join(copy)
    exact = identity.jaccard(identity.shingle_set(a), identity.shingle_set(b))
    assert 0.78 < exact < 0.9
    index = identity.NearDuplicateIndex()
    index.load([(1, identity.fingerprint_bytes(identity.minhash(a)))])
    assert [c for c, _ in index.candidates(identity.minhash(b))] == [1]
