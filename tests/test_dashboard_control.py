"""Control state at a date: the rules that decide every marker colour."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.control import CONTESTED_WINDOW_DAYS, ControlIndex, Filters, explain
from analysis.frame import load_frame, to_day
from bench.synthetic import SCENARIO_PLACES, SynthArticle, SynthClaim, write_articles, write_claims, write_places
from store.db import connect


def state_of(db: Path, ref: str, asof: str, filters: Filters = Filters()) -> tuple[str | None, str, int]:
    frame = load_frame(connect(db))
    states = ControlIndex(frame, filters).at(to_day(asof))
    code = frame.places.index[frame.places["ref"] == ref][0]
    hit = [i for i, p in enumerate(states.place) if p == code]
    if not hit:
        return None, "absent", 0
    i = hit[0]
    return states.holder[i], states.state[i], int(states.n_sources[i])


def store_with(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """rows: (side, claim type, date, article key) about Mosul."""
    db = tmp_path / "t.sqlite"
    conn = connect(db)
    mosul = SCENARIO_PLACES[0]
    write_places(conn, [mosul])
    keys = sorted({r[3] for r in rows})
    write_articles(conn, [SynthArticle(k, k, "2016-01-01T00:00:00", "AP", "body") for k in keys])
    write_claims(conn, [SynthClaim(f"c{i}", art, mosul.ref, "Mosul", side, side, ctype, day, f"{side} {ctype} Mosul")
                        for i, (side, ctype, day, art) in enumerate(rows)])
    conn.close()
    return db


def test_a_capture_changes_the_holder_on_its_date(scenario_db):
    assert state_of(scenario_db, "geonames:95446", "2015-11-12")[:2] == ("ISIS", "stale")
    assert state_of(scenario_db, "geonames:95446", "2015-11-13")[:2] == ("Kurdish forces", "held")


def test_entered_without_a_later_capture_is_contested(scenario_db):
    assert state_of(scenario_db, "curated:bartella", "2016-10-25")[:2] == ("Iraqi government", "contested")
    holder, state, _ = state_of(scenario_db, "geonames:99072", "2016-11-05")
    assert (holder, state) == ("Iraqi government", "contested")
    assert state_of(scenario_db, "geonames:99072", "2017-07-10")[:2] == ("Iraqi government", "held")


def test_an_attack_by_another_side_contests_only_within_the_window(scenario_db):
    assert state_of(scenario_db, "geonames:91616", "2016-01-12")[:2] == ("Iraqi government", "contested")
    later = to_day("2016-01-10") + CONTESTED_WINDOW_DAYS + 1
    from analysis.frame import from_day
    assert state_of(scenario_db, "geonames:91616", from_day(later))[:2] == ("Iraqi government", "held")


def test_old_evidence_is_stale(scenario_db):
    assert state_of(scenario_db, "geonames:99003", "2016-06-01")[:2] == ("ISIS", "stale")


def test_a_place_with_no_claim_yet_is_unknown_with_no_sources(scenario_db):
    assert state_of(scenario_db, "geonames:95446", "2014-01-01") == (None, "unknown", 0)


def test_the_date_range_limits_which_claims_count(scenario_db):
    upto_2016 = Filters(day_to=to_day("2016-12-31"))
    assert state_of(scenario_db, "geonames:174448", "2017-12-01", upto_2016)[:2] == ("ISIS", "stale")
    assert state_of(scenario_db, "geonames:174448", "2017-12-01")[:2] == ("Iraqi government", "held")


def test_side_filter_drops_that_sides_claims(scenario_db):
    no_isis = Filters(sides=("Iraqi government", "Kurdish forces", "SDF"))
    assert state_of(scenario_db, "geonames:163915", "2016-01-01", no_isis) == (None, "unknown", 0)
    assert state_of(scenario_db, "geonames:163915", "2016-01-01")[:2] == ("ISIS", "stale")
    assert state_of(scenario_db, "geonames:163915", "2018-01-01", no_isis)[:2] == ("SDF", "held")


def test_lost_leaves_the_holder_unknown_not_the_loser(tmp_path):
    db = store_with(tmp_path, [("ISIS", "captured", "2016-01-01", "a1"), ("ISIS", "lost", "2016-02-01", "a2")])
    assert state_of(db, "geonames:99072", "2016-02-02")[:2] == (None, "unknown")


def test_sources_that_disagree_on_the_same_day_make_it_contested(tmp_path):
    db = store_with(tmp_path, [("ISIS", "holds", "2016-03-01", "a1"), ("Iraqi government", "captured", "2016-03-01", "a2")])
    assert state_of(db, "geonames:99072", "2016-03-05")[1] == "contested"


def test_a_counter_claim_stays_contested_until_a_newer_claim_settles_it(tmp_path):
    db = store_with(tmp_path, [("Iraqi government", "entered", "2016-11-04", "a1"),
                               ("ISIS", "captured", "2016-11-05", "a2"),
                               ("Iraqi government", "lost", "2016-11-05", "a2"),  # the same counter-claim
                               ("Iraqi government", "captured", "2017-01-20", "a3")])
    assert state_of(db, "geonames:99072", "2016-12-20")[:2] == ("ISIS", "contested")
    assert state_of(db, "geonames:99072", "2017-03-01")[:2] == ("Iraqi government", "held")


def test_a_change_of_hands_weeks_apart_is_not_a_dispute(tmp_path):
    db = store_with(tmp_path, [("ISIS", "holds", "2016-10-01", "a1"), ("Iraqi government", "captured", "2016-11-01", "a2")])
    assert state_of(db, "geonames:99072", "2016-12-15")[:2] == ("Iraqi government", "held")


def test_attacks_alone_give_no_holder(tmp_path):
    db = store_with(tmp_path, [("ISIS", "attacked", "2016-03-01", "a1")])
    assert state_of(db, "geonames:99072", "2016-03-05")[:2] == (None, "unknown")


def test_sources_are_distinct_articles(tmp_path):
    db = store_with(tmp_path, [("ISIS", "holds", "2016-03-01", "a1"), ("ISIS", "holds", "2016-03-02", "a1"),
                               ("ISIS", "holds", "2016-03-03", "a2")])
    assert state_of(db, "geonames:99072", "2016-03-02")[2] == 1
    assert state_of(db, "geonames:99072", "2016-03-05")[2] == 2


@pytest.mark.parametrize("asof, words", [("2016-11-05", "entered it"), ("2016-01-12", "attacked")])
def test_the_explanation_names_the_reason(scenario_db, asof, words):
    frame = load_frame(connect(scenario_db))
    states = ControlIndex(frame, Filters()).at(to_day(asof))
    ref = "geonames:99072" if asof == "2016-11-05" else "geonames:91616"
    code = int(frame.places.index[frame.places["ref"] == ref][0])
    assert words in explain(states, code)
