"""Score extraction against gold annotations.

    python bench/accuracy.py [FOLDER ...] [--verbose] [--repeat N]

An article X.txt is scored when X.gold.json sits beside it or in a sibling gold/ folder
(defaults: ../shared/seed and data/demo). Prints toponym and claim precision / recall / F1,
date accuracy over matched claims, the seed acceptance checks and the time per stage.
A claim matches a gold claim on place (its text or its anchor's, case-insensitive, or the gold
toponym's gazetteer ref; vague
claims on their anchor), side and claim type; each prediction matches at most one gold claim.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extraction.pipeline import StageTimes, extract  # noqa: E402
from extraction.records import Claim, Extraction  # noqa: E402
from geocoding.index import load_index  # noqa: E402
from geocoding.resolve import Resolver  # noqa: E402
from readers import read_path  # noqa: E402
from readers.article import Article  # noqa: E402

DEFAULT_FOLDERS = (REPO / ".." / "shared" / "seed", REPO / "data" / "demo")
SEED_ID = "000_348ad8083cd88763"


@dataclass
class Tally:
    true_pos: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, true_pos: int, predicted: int, gold: int) -> None:
        self.true_pos += true_pos
        self.predicted += predicted
        self.gold += gold

    def scores(self) -> tuple[float, float, float]:
        p = self.true_pos / self.predicted if self.predicted else 0.0
        r = self.true_pos / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, name: str) -> str:
        p, r, f = self.scores()
        return f"{name:<9} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({self.true_pos} matched, {self.predicted} predicted, {self.gold} gold)"


@dataclass
class ArticleScore:
    name: str
    missed_toponyms: list[str] = field(default_factory=list)
    false_toponyms: list[str] = field(default_factory=list)
    matches: list[tuple[dict, Claim]] = field(default_factory=list)
    missed_claims: list[dict] = field(default_factory=list)
    false_claims: list[Claim] = field(default_factory=list)


def gold_pairs(folders: list[Path]) -> list[tuple[Path, Path]]:
    pairs = []
    for folder in folders:
        for text in sorted(folder.rglob("*.txt")):
            stem = text.name[: -len(".txt")]
            for gold in (text.with_name(stem + ".gold.json"), text.parent.parent / "gold" / (stem + ".gold.json")):
                if gold.exists():
                    pairs.append((text, gold))
                    break
    return pairs


def read_article(path: Path) -> Article:
    for result in read_path(path, str(path)):
        if result.article is not None:
            return result.article
        raise SystemExit(f"cannot read {path}: {result.error}")
    raise SystemExit(f"no article in {path}")


def _anchor(gold_claim: dict, toponyms: list[str]) -> str:
    """The named place inside a vague gold place ("39 villages west of Mosul" -> "mosul")."""
    place = gold_claim["place"].lower()
    inside = [t for t in toponyms if t in place]
    return max(inside, key=place.rfind) if inside else place


def _place_keys(claim: Claim) -> set[str]:
    """Names and gazetteer refs a claim's place goes by: as written, its anchor, its ref."""
    keys = {claim.place_text.lower()}
    if claim.mention is not None:
        keys.add(claim.mention.text.lower())
    if claim.place is not None:
        keys.add(claim.place.ref)
        if claim.place.anchor_ref:
            keys.add(claim.place.anchor_ref)
    return keys


def _gold_refs(gold: dict) -> dict[str, str]:
    """Gold toponym text -> its gazetteer ref, where the annotator gave one: the same place
    matches whatever spelling the text used (Qaraqosh / Bakhdida)."""
    return {t["text"].lower(): t["ref"] for t in gold.get("toponyms", []) if t.get("ref")}


def score_article(name: str, gold: dict, extraction: Extraction) -> ArticleScore:
    score = ArticleScore(name)
    gold_toponyms = {t["text"].lower() for t in gold.get("toponyms", [])}
    found = {m.text.lower() for m in extraction.mentions}
    score.missed_toponyms = sorted(gold_toponyms - found)
    score.false_toponyms = sorted(found - gold_toponyms)
    unmatched = list(extraction.claims)
    refs = _gold_refs(gold)
    for g in gold.get("claims", []):
        wanted = {g["place"].lower(), _anchor(g, sorted(gold_toponyms))}
        wanted |= {refs[w] for w in wanted if w in refs}
        candidates = [c for c in unmatched if c.side == g["side"] and c.claim_type == g["claim"] and _place_keys(c) & wanted]
        if not candidates:
            score.missed_claims.append(g)
            continue
        best = next((c for c in candidates if c.date and c.date.value == g.get("date")), candidates[0])
        unmatched.remove(best)
        score.matches.append((g, best))
    score.false_claims = unmatched
    return score


def seed_checks(score: ArticleScore, gold: dict) -> list[tuple[str, bool]]:
    plain = [g for g in gold["claims"] if not g.get("vague")]
    vague = [g for g in gold["claims"] if g.get("vague")]
    dated = sum(1 for g, c in score.matches if not g.get("vague") and c.date and c.date.value == g["date"])
    vague_ok = sum(
        1 for g, c in score.matches if g.get("vague") and c.geo_precision == 2
        and c.mention is not None and c.mention.text.lower() == "mosul"
    )
    return [
        (f"all {len(gold['toponyms'])} gold toponyms found, no false toponym",
         not score.missed_toponyms and not score.false_toponyms),
        (f"{dated} of {len(plain)} non-vague claims matched with the right date (need {len(plain) - 1})",
         dated >= len(plain) - 1),
        (f"{vague_ok} of {len(vague)} vague claims at geo_precision 2 anchored to Mosul", vague_ok == len(vague)),
    ]


def _describe(claim: Claim) -> str:
    date = claim.date.value if claim.date else "-"
    return f"{claim.claim_type} {claim.side!r} {claim.place_text!r} {date} ({claim.actor_text!r})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--verbose", action="store_true", help="list misses and false hits per article")
    parser.add_argument("--repeat", type=int, default=1, help="extract each article N times for timing")
    args = parser.parse_args(argv)

    pairs = gold_pairs([f for f in args.folders if f.exists()])
    if not pairs:
        print("no article with a gold file in", ", ".join(map(str, args.folders)))
        return 1
    index = load_index()
    resolver = Resolver(index)
    times = StageTimes()
    toponyms, claims = Tally(), Tally()
    dated = matched = 0
    for text_path, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = read_article(text_path)
        for _ in range(args.repeat):
            extraction = extract(article, index, resolver, times=times)
        score = score_article(text_path.stem, gold, extraction)
        gold_toponyms = {t["text"].lower() for t in gold.get("toponyms", [])}
        toponyms.add(len(gold_toponyms) - len(score.missed_toponyms), len({m.text.lower() for m in extraction.mentions}), len(gold_toponyms))
        claims.add(len(score.matches), len(extraction.claims), len(gold.get("claims", [])))
        matched += len(score.matches)
        dated += sum(1 for g, c in score.matches if c.date and c.date.value == g.get("date"))
        if args.verbose:
            _print_misses(score)
        if text_path.stem == SEED_ID:
            for label, ok in seed_checks(score, gold):
                print(f"seed check: {'PASS' if ok else 'FAIL'}  {label}")
    print(f"articles  {len(pairs)}")
    print(toponyms.line("toponyms"))
    print(claims.line("claims"))
    print(f"dates     accuracy {dated / matched if matched else 0.0:.3f}   ({dated} of {matched} matched claims)")
    print(times.report())
    return 0


def _print_misses(score: ArticleScore) -> None:
    print(f"== {score.name}")
    for label, items in (("missed toponym", score.missed_toponyms), ("false toponym", score.false_toponyms)):
        for item in items:
            print(f"   {label}: {item}")
    for g in score.missed_claims:
        print(f"   missed claim: {g['claim']} {g['side']!r} {g['place']!r} {g.get('date')}  | {g.get('evidence', '')[:140]}")
    for c in score.false_claims:
        print(f"   false claim: {_describe(c)}  | {c.evidence[:140]}")
    for g, c in score.matches:
        if not c.date or c.date.value != g.get("date"):
            print(f"   wrong date: {_describe(c)} gold {g.get('date')}")


if __name__ == "__main__":
    sys.exit(main())
