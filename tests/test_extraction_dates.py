"""Event dates resolved against the publication date, with their precision."""
from datetime import datetime

import pytest

from extraction.dates import event_date_for, resolve_event_dates, story_date_from

PUBLISHED = datetime(2016, 11, 1, 15, 47)  # a Tuesday


def first(sentence: str, published=PUBLISHED):
    found = resolve_event_dates(sentence, published)
    assert found, f"no date found in {sentence!r}"
    return found[0].date


@pytest.mark.parametrize("sentence, value, precision", [
    ("Troops advanced on Tuesday.", "2016-11-01", "day"),
    ("On Monday, Iraqi forces thwarted an attack.", "2016-10-31", "day"),
    ("Last Tuesday the town fell.", "2016-10-25", "day"),
    ("The army said today that it entered the town.", "2016-11-01", "day"),
    ("The village was retaken yesterday.", "2016-10-31", "day"),
    ("Militants attacked the base last night.", "2016-10-31", "day"),
    ("The offensive began on October 16.", "2016-10-16", "day"),
    ("The offensive began on Oct. 16, 2016.", "2016-10-16", "day"),
    ("Rebels withdrew on 28 December.", "2015-12-28", "day"),
    ("The city fell to ISIS in June 2014.", "2014-06", "month"),
    ("The town was overrun in August.", "2016-08", "month"),
    ("Rebels withdrew in December.", "2015-12", "month"),
    ("ISIS has held it since 2014.", "2014", "year"),
    ("Troops entered the town three days ago.", "2016-10-29", "day"),
    ("Troops entered the town two weeks ago.", "2016-10", "week"),
    ("The village was liberated last week.", "2016-10", "week"),
    ("Clashes continued this week.", "2016-11", "week"),
    ("Shelling intensified earlier this month.", "2016-11", "month"),
    ("The army took the town last month.", "2016-10", "month"),
    ("Forces reached the dam in mid-June.", "2016-06", "month"),
])
def test_date_expressions(sentence, value, precision):
    date = first(sentence)
    assert (date.value, date.precision) == (value, precision)
    assert date.start <= date.end


def test_a_week_prints_the_month_holding_most_of_it_and_keeps_its_days():
    # published Tuesday 1 November 2016: this week runs Monday 31 October to Sunday 6 November
    date = first("Clashes continued this week.")
    assert (date.value, date.start, date.end) == ("2016-11", "2016-10-31", "2016-11-06")
    assert first("The village was liberated last week.").start == "2016-10-24"


def test_since_an_operation_weeks_ago_is_a_month_up_to_publication():
    date = first("39 villages have been purged of Daesh since the beginning of the operation about two week ago.")
    assert (date.value, date.precision, date.end) == ("2016-10", "month", "2016-11-01")


def test_month_and_weekday_names_are_not_verbs():
    assert resolve_event_dates("Troops may march on the city.", PUBLISHED) == []
    assert resolve_event_dates("2000 fighters were deployed.", PUBLISHED) == []


def test_offsets_point_at_the_expression():
    sentence = "The city fell to ISIS in June 2014 as the group advanced."
    (found,) = resolve_event_dates(sentence, PUBLISHED)
    assert sentence[found.start:found.end] == found.text == "June 2014"


def test_relative_dates_need_a_publication_date():
    assert resolve_event_dates("Troops entered the town on Tuesday.", None) == []
    assert first("The city fell in June 2014.", None).value == "2014-06"


def test_statement_without_date_takes_the_publication_day_unless_background():
    assert event_date_for([], 0, "Troops entered the village.", PUBLISHED).value == "2016-11-01"
    assert event_date_for([], 0, "The village had fallen to the militants.", PUBLISHED) is None
    assert event_date_for([], 0, "The army said troops had entered the village.", PUBLISHED).value == "2016-11-01"
    assert event_date_for([], 0, "Troops entered the village.", None) is None


def test_the_closest_expression_dates_a_statement():
    sentence = "Abadi announced on October 16 the offensive; the city fell to ISIS in June 2014."
    dates = resolve_event_dates(sentence, PUBLISHED)
    assert event_date_for(dates, sentence.index("fell"), sentence, PUBLISHED).value == "2014-06"
    assert event_date_for(dates, sentence.index("announced"), sentence, PUBLISHED).value == "2016-10-16"


@pytest.mark.parametrize("sentence, value, start, end", [
    ("SDF fighters advanced into two districts between June 8 and June 11, 2017.", "2017-06", "2017-06-08", "2017-06-11"),
    ("Fighting raged between Oct. 30 and Nov. 2.", "2016-10", "2016-10-30", "2016-11-02"),
])
def test_a_span_between_two_days_keeps_its_ends(sentence, value, start, end):
    date = first(sentence)
    assert (date.value, date.start, date.end) == (value, start, end)


@pytest.mark.parametrize("sentence", ["The army first took the town in March last year.",
                                      "Government forces retook the town in September of last year."])
def test_a_month_of_last_year(sentence):
    date = first(sentence, datetime(2017, 10, 5))
    assert date.value == ("2016-03" if "March" in sentence else "2016-09")


def test_a_clause_opened_by_a_day_after_does_not_set_the_story_day():
    found = resolve_event_dates("Troops took the city on Monday, a day after the premier ordered them in.",
                                datetime(2017, 10, 16))
    assert story_date_from(found, datetime(2017, 10, 16)).value == "2017-10-16"
