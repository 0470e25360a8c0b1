"""Extraction on the devset (real third-party commentary): scores and an error table by class.

Usage:
    python bench/devset.py [--devset DIR] [--part tune|heldout|all] [--json]
                           [--examples CLASS] [--pred PREDICTIONS.jsonl] [--stance]
                           [--rules-only]

Scores both parts of ``bench/devset_split.json`` (tune, heldout) separately and overall, with
the devset's own rule (``DIR/score.py``): a prediction matches a gold claim when article, kind
and subject (normalised) agree and the number is within 0.5% (both ends of a range),
one-to-one, closest first; repeats count once; doubtful gold is neutral. Reported per part:
P/R/F1 overall and per kind, the share of matched performance claims whose period is right,
and every error in one class:

* ``missed``         no predicted claim in that article carries the gold number (either sign);
* ``wrong_sign``     same kind and subject, the number with the opposite sign;
* ``wrong_subject``  same kind and number, another subject;
* ``wrong_kind``     same number (and subject, or both wrong), another kind;
* ``wrong_period``   matched, but ``period_start``/``period_end`` differ from gold's;
* ``spurious``       a prediction that matches nothing and explains none of the above.

``--stance`` adds stance agreement (it runs the sentiment model): on matched claims, the
extractor's rule stance and the stance after the model refines it (``nlp.stance_pipeline``),
per kind, with how often the model turned a rule's bullish into bearish or back; and each
article's stance against the devset index's ``stance`` (the main subject's lean, or "mixed"
when a subject with half as many sentences leans the other way).

``--rules-only`` switches off the learned figure step (``nlp.figure_model``), to measure what
it adds; it was trained on the tuning part, so only the held-out part measures it fairly.

``--examples CLASS`` prints that class's rows (gold vs predicted, and the quote). The held-out
part is for measuring only: never tune on its examples.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.scoring import KINDS, read_jsonl  # noqa: E402

SPLIT = ROOT / "bench" / "devset_split.json"
# the shared directory beside the checkout (or beside a worktree's parent)
DEFAULT_DEVSET = next(
    (d / "shared" / "devset" for d in ROOT.parents if (d / "shared" / "devset").is_dir()),
    ROOT.parent / "shared" / "devset",
)
CLASSES = ("missed", "wrong_subject", "wrong_kind", "wrong_sign", "wrong_period", "spurious")
REL_TOL = 0.005
# the devset scorer's aliases (its README): spellings of one subject
SUBJECT_ALIASES = {
    "^SPX": "^GSPC",
    "SPX": "^GSPC",
    "RUT": "^RUT",
    "NDX": "^NDX",
    "FED": "FEDFUNDS",
    "FED FUNDS": "FEDFUNDS",
}
Row = dict[str, object]


def article_key(a: object) -> str:
    name = str(a or "").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def norm_subject(s: object) -> str:
    raw = str(s or "").strip()
    up = raw.upper()
    ticker = up.startswith("^") or (up.isalpha() and len(up) <= 6 and raw == up)
    return SUBJECT_ALIASES.get(up, up if ticker else raw.lower())


def numbers(c: Row) -> tuple[float, ...] | None:
    if c.get("kind") == "rate_expectation" and c.get("probability") is not None:
        return (float(c["probability"]),)  # type: ignore[arg-type]
    if c.get("low") is not None and c.get("high") is not None:
        return (float(c["low"]), float(c["high"]))  # type: ignore[arg-type]
    v = c.get("value")
    return None if v is None else (float(v),)  # type: ignore[arg-type]


def distance(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> float | None:
    """Worst relative gap in tolerance units (<= 1 is a match), None when out of tolerance."""
    if a is None or b is None or len(a) != len(b):
        return None
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        tol = max(abs(y) * REL_TOL, 1e-9)
        if abs(x - y) > tol:
            return None
        worst = max(worst, abs(x - y) / tol)
    return worst


def period(c: Row) -> tuple[object, object]:
    return c.get("period_start"), c.get("period_end")


def dedupe(rows: Iterable[Row]) -> list[Row]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in rows:
        nums = numbers(c)
        key = (
            article_key(c.get("article")),
            c.get("kind"),
            norm_subject(c.get("subject")),
            tuple(round(x, 4) for x in nums) if nums else None,
            *period(c),
        )
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def match(gold: list[Row], pred: list[Row]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, closest number first."""
    by_key: dict[tuple[str, object, str], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_key[(article_key(g["article"]), g["kind"], norm_subject(g["subject"]))].append(i)
    cands = []
    for j, p in enumerate(pred):
        key = (article_key(p.get("article")), p.get("kind"), norm_subject(p.get("subject")))
        for i in by_key.get(key, []):
            d = distance(numbers(p), numbers(gold[i]))
            if d is not None:
                cands.append((d, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _same_abs(p: Row, g: Row) -> bool:
    a, b = numbers(p), numbers(g)
    if a is None or b is None:
        return False
    return distance(tuple(abs(x) for x in a), tuple(abs(x) for x in b)) is not None


def _sign_flipped(p: Row, g: Row) -> bool:
    a, b = numbers(p), numbers(g)
    return a is not None and b is not None and distance(tuple(-x for x in a), b) is not None


def _classify(g: Row, pred: list[Row], cands: list[int]) -> tuple[str, int | None]:
    """Why gold ``g`` went unmatched, and the prediction that came nearest (indices ``cands``
    carry its number in its article)."""
    gs = norm_subject(g["subject"])
    for j in cands:
        p = pred[j]
        same = p.get("kind") == g["kind"] and norm_subject(p.get("subject")) == gs
        if same and _sign_flipped(p, g):
            return "wrong_sign", j
    for name, test in (
        ("wrong_subject", lambda p: p.get("kind") == g["kind"]),
        ("wrong_kind", lambda p: norm_subject(p.get("subject")) == gs),
        ("wrong_kind", lambda p: True),
    ):
        j = next((j for j in cands if test(pred[j])), None)
        if j is not None:
            return name, j
    return "missed", None


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float | int]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": npred, "gold": ngold, "p": p, "r": r, "f1": f}


def evaluate_part(gold_all: list[Row], pred_all: list[Row], articles: set[str]) -> dict:
    """Scores, period share and the error table (with examples) for one set of articles."""
    everything = dedupe(g for g in gold_all if article_key(g.get("article")) in articles)
    pred = dedupe(p for p in pred_all if article_key(p.get("article")) in articles)
    doubtful = [g for g in everything if g.get("doubtful")]
    hit_doubtful = {j for _, j in match(doubtful, pred)}
    pred = [p for j, p in enumerate(pred) if j not in hit_doubtful]
    gold = [g for g in everything if not g.get("doubtful")]
    pairs = match(gold, pred)
    tp_kind = Counter(str(gold[i]["kind"]) for i, _ in pairs)
    n_gold = Counter(str(g["kind"]) for g in gold)
    n_pred = Counter(str(p.get("kind")) for p in pred)
    errors: dict[str, list[dict[str, object]]] = {c: [] for c in CLASSES}
    period_ok = period_n = 0
    for i, j in pairs:
        g, p = gold[i], pred[j]
        if not g.get("period_start"):
            continue
        right = period(g) == period(p)
        if g["kind"] == "performance":
            period_n += 1
            period_ok += right
        if not right:
            errors["wrong_period"].append({"gold": g, "pred": p})
    got_g = {i for i, _ in pairs}
    used_p = {j for _, j in pairs}
    by_article: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        by_article[article_key(p.get("article"))].append(j)
    for i, g in enumerate(gold):
        if i in got_g:
            continue
        same = [j for j in by_article[article_key(g["article"])] if _same_abs(pred[j], g)]
        cls, j = _classify(g, pred, [j for j in same if j not in used_p] or same)
        if j is not None and j not in used_p:
            used_p.add(j)
        errors[cls].append({"gold": g, "pred": pred[j] if j is not None else None})
    for j, p in enumerate(pred):
        if j not in used_p:
            errors["spurious"].append({"gold": None, "pred": p})
    return {
        "articles": len(articles),
        "overall": _prf(len(pairs), len(pred), len(gold)),
        "per_kind": {
            k: _prf(tp_kind[k], n_pred[k], n_gold[k]) for k in KINDS if n_gold[k] or n_pred[k]
        },
        "period_right": [period_ok, period_n],
        "errors": {c: len(v) for c, v in errors.items()},
        "examples": errors,
    }


def load_parts() -> dict[str, set[str]]:
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    parts = {"tune": set(split["tune"]), "heldout": set(split["heldout"])}
    parts["all"] = parts["tune"] | parts["heldout"]
    return parts


def predict(devset: Path) -> list[Row]:
    """Run the extractor over the devset manifest (contract dicts plus ``article``)."""
    if not os.environ.get("THESISDESK_DATA") and (devset.parent / "data").is_dir():
        os.environ["THESISDESK_DATA"] = str(devset.parent / "data")  # instruments to link to
    from nlp.scoring import predict_manifest

    return predict_manifest(devset / "articles" / "manifest.jsonl")


def predict_with_stances(devset: Path) -> tuple[list[Row], dict[str, dict[str, str]]]:
    """The extractor's rows, each with ``stance`` (the rules', as extracted) and
    ``stance_model`` (after the sentiment model refines it, ``nlp.stance_pipeline``), and per
    article its stance read from the rules alone and with the model (``article_stance``)."""
    if not os.environ.get("THESISDESK_DATA") and (devset.parent / "data").is_dir():
        os.environ["THESISDESK_DATA"] = str(devset.parent / "data")
    from nlp.extract import extract_many
    from nlp.scoring import read_manifest
    from nlp.sentiment import article_stances
    from nlp.stance_pipeline import load_stance_model, own_prices, refine_many

    model, warning = load_stance_model()
    if model is None:
        raise SystemExit(f"--stance needs the sentiment model: {warning}")
    entries = read_manifest(devset / "articles" / "manifest.jsonl").entries
    items = [
        (e.path.read_text(encoding="utf-8", errors="replace"), e.published, e.name) for e in entries
    ]
    extracted = [list(c) for c in extract_many(items)]
    refined = refine_many([(t, c) for (t, _, _), c in zip(items, extracted, strict=True)], model)
    rows: list[Row] = []
    articles: dict[str, dict[str, str]] = {}
    for (text, _, name), claims, better in zip(items, extracted, refined, strict=True):
        for c, r in zip(claims, better, strict=True):
            row = c.contract_dict()
            row["article"] = name
            row["stance_model"] = str(r.stance)
            rows.append(row)
        by_model = article_stances(text, claims, model=model, prices=own_prices(claims))
        articles[article_key(name)] = {
            "rules": article_stance(_rule_subject_stances(claims)),
            "model": article_stance(by_model),
        }
    return rows, articles


def _rule_subject_stances(claims: list) -> list[tuple[str, str, float, int]]:
    """Per subject, the mean of its claims' rule stances (+1 bullish, -1 bearish, 0 neutral)."""
    from nlp.sentiment.stance import ARTICLE_LEAN

    signed: dict[str, list[float]] = defaultdict(list)
    for c in claims:
        signed[c.subject].append({"bullish": 1.0, "bearish": -1.0}.get(str(c.stance), 0.0))
    out = []
    for subject, vals in signed.items():
        net = sum(vals) / len(vals)
        lean = (
            "bullish" if net >= ARTICLE_LEAN else "bearish" if net <= -ARTICLE_LEAN else "neutral"
        )
        out.append((subject, lean, net, len(vals)))
    return out


def article_stance(subjects: list[tuple[str, str, float, int]]) -> str:
    """One stance for an article from its per-subject stances: the stance of the subject it
    says most about (most sentences; the first named on a tie), "mixed" when another subject
    with at least half as many sentences leans the other way."""
    if not subjects:
        return "neutral"
    main = max(subjects, key=lambda s: s[3])  # max keeps the first of equals
    rival = {"bullish": "bearish", "bearish": "bullish"}.get(main[1])
    if rival and any(s[1] == rival and 2 * s[3] >= main[3] for s in subjects):
        return "mixed"
    return main[1]


def stance_part(
    gold_all: list[Row],
    pred_all: list[Row],
    articles: dict[str, dict[str, str]],
    index: dict[str, str],
    part: set[str],
) -> dict[str, object]:
    """Claim-stance agreement on matched claims (rules; after the model) and article stance
    against the devset index's ``stance``, on one part's articles."""
    gold = [
        g
        for g in dedupe(g for g in gold_all if article_key(g.get("article")) in part)
        if not g.get("doubtful")
    ]
    pred = dedupe(p for p in pred_all if article_key(p.get("article")) in part)
    doubtful = [
        g
        for g in dedupe(g for g in gold_all if article_key(g.get("article")) in part)
        if g.get("doubtful")
    ]
    hit_doubtful = {j for _, j in match(doubtful, pred)}
    pred = [p for j, p in enumerate(pred) if j not in hit_doubtful]  # as ``evaluate_part``
    pairs = match(gold, pred)
    rules = sum(pred[j].get("stance") == gold[i].get("stance") for i, j in pairs)
    model = sum(pred[j].get("stance_model") == gold[i].get("stance") for i, j in pairs)
    flipped = sum(
        {pred[j].get("stance"), pred[j].get("stance_model")} == {"bullish", "bearish"}
        for i, j in pairs
    )
    names = sorted(a for a in part if a in articles and a in index)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i, j in pairs:
        row = by_kind[str(gold[i]["kind"])]
        row[0] += 1
        row[1] += pred[j].get("stance") == gold[i].get("stance")
        row[2] += pred[j].get("stance_model") == gold[i].get("stance")
    return {
        "by_kind": dict(by_kind),
        "matched": len(pairs),
        "claim_rules": rules,
        "claim_model": model,
        "model_flips_rule_sign": flipped,
        "articles": len(names),
        "article_rules": sum(articles[a]["rules"] == index[a] for a in names),
        "article_model": sum(articles[a]["model"] == index[a] for a in names),
    }


def render_stance(name: str, st: dict) -> str:
    def share(k: int, n: int) -> str:
        return f"{k}/{n} ({k / n:.2f})" if n else "-"

    n, a = st["matched"], st["articles"]
    lines = [
        f"stance ({name}): matched claims, rules {share(st['claim_rules'], n)}, "
        f"after the model {share(st['claim_model'], n)}, model flips a rule's sign "
        f"{st['model_flips_rule_sign']}; articles vs index, rules {share(st['article_rules'], a)}, "
        f"with the model {share(st['article_model'], a)}"
    ]
    for kind, (k, rules, model) in sorted(st["by_kind"].items()):
        lines.append(f"  {kind:17} rules {share(rules, k)}  after the model {share(model, k)}")
    return "\n".join(lines)


def _claim(c: Row | None) -> str:
    if c is None:
        return "-"
    nums = numbers(c)
    per = f" {c.get('period_start')}..{c.get('period_end')}" if c.get("period_start") else ""
    return f"{c.get('kind')} {c.get('subject')} {nums} {c.get('unit')}{per}"


def render(name: str, part: dict) -> str:
    o = part["overall"]
    ok, n = part["period_right"]
    lines = [
        f"== {name} ({part['articles']} articles) ==",
        f"overall  P={o['p']:.3f} R={o['r']:.3f} F1={o['f1']:.3f} "
        f"(tp {o['tp']}, pred {o['pred']}, gold {o['gold']})",
    ]
    for kind, s in part["per_kind"].items():
        lines.append(
            f"  {kind:17} P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f} "
            f"(tp {s['tp']}, pred {s['pred']}, gold {s['gold']})"
        )
    share = f"{ok / n:.0%}" if n else "-"
    lines.append(f"period right on matched performance claims: {ok}/{n} ({share})")
    lines.append("errors: " + "  ".join(f"{c} {part['errors'][c]}" for c in CLASSES))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--part", choices=("tune", "heldout", "all"), help="only this part")
    ap.add_argument("--pred", type=Path, help="score this predictions JSONL instead of running")
    ap.add_argument("--examples", choices=CLASSES, help="print this error class's examples")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument(
        "--stance",
        action="store_true",
        help="also stance agreement: claims (rules, after the model) and articles (index)",
    )
    ap.add_argument(
        "--rules-only",
        action="store_true",
        help="switch the learned figure step off (nlp.figure_model): the rules alone",
    )
    args = ap.parse_args(argv)
    if args.rules_only:
        import nlp.extract

        nlp.extract.learned_model = lambda: None
    if not (args.devset / "gold.jsonl").exists():
        ap.error(f"no devset at {args.devset} (give --devset)")
    if args.stance and args.pred:
        ap.error("--stance runs the extractor and the model: not with --pred")
    gold = read_jsonl(args.devset / "gold.jsonl")
    articles: dict[str, dict[str, str]] = {}
    if args.stance:
        preds, articles = predict_with_stances(args.devset)
    else:
        preds = read_jsonl(args.pred) if args.pred else predict(args.devset)
    parts = load_parts()
    names = [args.part] if args.part else ["tune", "heldout", "all"]
    results = {n: evaluate_part(gold, preds, parts[n]) for n in names}
    if args.stance:
        index = {
            article_key(r.get("id")): str(r.get("stance"))
            for r in read_jsonl(args.devset / "articles" / "index.jsonl")
        }
        for n in names:
            results[n]["stance"] = stance_part(gold, preds, articles, index, parts[n])
    if args.json:
        out = {n: {k: v for k, v in r.items() if k != "examples"} for n, r in results.items()}
        if args.examples:
            for n, r in results.items():
                out[n]["examples"] = r["examples"][args.examples]
        print(json.dumps(out, indent=1, default=str))
        return 0
    for n in names:
        print(render(n, results[n]))
        if "stance" in results[n]:
            print(render_stance(n, results[n]["stance"]))
    if args.examples:
        for n in names:
            print_examples(results[n]["examples"][args.examples], f"{args.examples} in {n}")
    return 0


def print_examples(rows: list[dict], title: str, *, with_rule: bool = False) -> None:
    """One error class's rows: gold vs predicted (``with_rule``: the rule that read it)."""
    print(f"\n-- {title}: {len(rows)} --")
    for row in rows:
        g, p = row["gold"], row["pred"]
        src = g or p
        rule = f"  [{(p or {}).get('rule')}]" if with_rule else ""
        print(f"{article_key(src.get('article'))}  gold: {_claim(g)}")
        print(f"      pred: {_claim(p)}{rule}")
        print(f"      quote: {str(src.get('quote') or '')[:160]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
