"""Identity: canonical URLs, text hashes, MinHash fingerprints and the LSH index."""

from __future__ import annotations

import random

import pytest

from thesisdesk.ingest import identity

VOCAB = (
    "small caps rally index earnings guidance yields banks biotech energy breadth volume "
    "momentum support resistance breakout pullback rotation value growth credit spreads "
    "dollar margins revenue outlook quarter fed cut hike inflation labour housing"
).split()


def _text(rng: random.Random, n: int = 200) -> str:
    return " ".join(rng.choice(VOCAB) + str(rng.randrange(50)) for _ in range(n))


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("HTTPS://Example.COM:443/a/b/?utm_source=x&utm_medium=y#frag", "https://example.com/a/b"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x/", "http://example.com:8080/x"),
        ("https://example.com/p?b=2&fbclid=abc&a=1&gclid=q&mc_cid=z", "https://example.com/p?a=1&b=2"),
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
    index = identity.NearDuplicateIndex()
    texts = [_text(rng) for _ in range(1500)]
    for i, t in enumerate(texts, start=1):
        index.add(i, identity.fingerprint_from_bytes(identity.fingerprint_bytes(identity.minhash(t))))
    assert len(index) == 1500
    target = texts[700].split()
    near = " ".join(target[:-8] + ["appended", "words", "here"])
    hit = index.query(identity.minhash(near))
    assert hit is not None and hit[0] == 701 and hit[1] >= 0.8
    assert index.query(identity.minhash(_text(rng))) is None
    # banding keeps candidate sets small: an unrelated text meets (almost) nobody
    assert len(index._lsh.query(identity.minhash(_text(rng)))) < 5
