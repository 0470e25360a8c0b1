"""Writing extraction results: articles' claims, subject stances and stamps, many per statement.

Why: with extraction on a cluster, this writer is the part that does not run in parallel
(one writer, in article order, so the claims get the ids one process gives them). Written an
article at a time through the ORM it cost ~13 statements per article, 40% of them the
``subject_day`` refresh. Here a batch of articles costs a fixed handful of bulk statements
(deletes by ``IN``, multi-row inserts, one ``executemany`` update) and ONE summary refresh,
whatever its size; the caller's transaction makes the batch all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from store import rollup
from store.models import Article, ArticleStance, ClaimRow, VerdictRow, table_of
from thesisdesk.records import Claim

A = table_of(Article)
C = table_of(ClaimRow)
V = table_of(VerdictRow)
AS = table_of(ArticleStance)

#: One subject stance as the stance step gives it: (subject, stance, score, sentences).
Stance = tuple[str, str, float, int]
#: One extracted article: (article id, claims, subject stances or None, model version or None).
ArticleResult = tuple[int, Sequence[Claim], Sequence[Stance] | None, str | None]


def claim_values(
    article_id: int, claim: Claim, extractor_version: str, now: dt.datetime
) -> dict[str, object]:
    """The claim table's row for ``claim`` (enums as their plain values)."""
    data = claim.model_dump(exclude={"article", "extractor_version"})
    row: dict[str, object] = {k: (v.value if isinstance(v, Enum) else v) for k, v in data.items()}
    row.update(
        article_id=article_id,
        extractor_version=claim.extractor_version or extractor_version,
        created_at=now,
    )
    return row


def write_articles(
    conn: Connection,
    articles: Sequence[ArticleResult],
    *,
    extractor_version: str,
    now: dt.datetime | None = None,
    refresh: bool = True,
) -> int:
    """Replace the claims (and their verdicts) and subject stances of ``articles``, stamp
    them with ``extractor_version`` and refresh the summary, in the caller's transaction.

    Claims are inserted in the order given (articles, then claims), so their ids follow
    it. An article whose stances are None keeps none (the model was off). ``refresh=False``
    leaves the summary to the caller (a bulk load that rebuilds it once at the end). Returns
    the subject stances written."""
    if not articles:
        return 0
    now = now or dt.datetime.now(dt.UTC)
    ids = [int(aid) for aid, _, _, _ in articles]
    conn.execute(delete(V).where(V.c.claim_id.in_(select(C.c.id).where(C.c.article_id.in_(ids)))))
    conn.execute(delete(C).where(C.c.article_id.in_(ids)))
    conn.execute(delete(AS).where(AS.c.article_id.in_(ids)))
    claims = [
        claim_values(int(aid), c, extractor_version, now)
        for aid, found, _, _ in articles
        for c in found
    ]
    if claims:
        conn.execute(insert(C), claims)
    stances = [
        {
            "article_id": int(aid),
            "subject": subject,
            "stance": stance,
            "score": float(score),
            "n_sentences": int(n),
            "model_version": version,
        }
        for aid, _, found, version in articles
        for subject, stance, score, n in (found or ())
    ]
    if stances:
        conn.execute(insert(AS), stances)
    conn.execute(
        update(A)
        .where(A.c.id == bindparam("aid"))
        .values(extractor_version=extractor_version, extracted_at=now),
        [{"aid": aid} for aid in ids],
    )
    if refresh:
        rollup.refresh_articles(conn, ids)  # the summary, in step, once for the whole batch
    return len(stances)
