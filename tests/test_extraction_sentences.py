"""Sentence splitting: news abbreviations, datelines, quotes and headlines."""
from extraction.sentences import MAX_SENTENCE_CHARS, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = ("Lt. Gen. Abdul-Wahab al-Saadi said U.S. advisers arrived at 10 a.m. on Dec. 5 with Maj. Smith. "
            "The U.N. envoy met Dr. Jones at No. 5 St. James Street. The attack began at 3 p.m.")
    assert sentences(text) == [
        "Lt. Gen. Abdul-Wahab al-Saadi said U.S. advisers arrived at 10 a.m. on Dec. 5 with Maj. Smith.",
        "The U.N. envoy met Dr. Jones at No. 5 St. James Street.",
        "The attack began at 3 p.m.",
    ]


def test_initialism_ends_a_sentence_when_a_new_one_clearly_starts():
    assert sentences("The plan was backed by the U.S. The militants rejected it.") == [
        "The plan was backed by the U.S.", "The militants rejected it."]


def test_dateline_stays_with_the_first_sentence():
    text = "MOSUL, Iraq (Tigris Wire) — Iraqi troops entered Gogjali. They met little resistance."
    assert sentences(text)[0] == "MOSUL, Iraq (Tigris Wire) — Iraqi troops entered Gogjali."
    text = "BAGHDAD (Reuters) - Iraqi forces retook the town. Officials confirmed it."
    assert sentences(text)[0] == "BAGHDAD (Reuters) - Iraqi forces retook the town."


def test_quotes_stay_with_their_sentence():
    text = '"We entered the village," he said. "Daesh fled." The army confirmed it.'
    assert sentences(text) == ['"We entered the village," he said.', '"Daesh fled."', "The army confirmed it."]


def test_headline_lines_and_paragraph_breaks_end_sentences():
    text = "Iraqi Forces Liberate Villages Near Mosul\n\nTroops advanced on Tuesday\n\nThey entered Bartella"
    assert sentences(text) == ["Iraqi Forces Liberate Villages Near Mosul", "Troops advanced on Tuesday",
                               "They entered Bartella"]


def test_hard_wrapped_lines_are_joined():
    text = ("Iraqi forces pushed into the eastern districts of the city on Tuesday, and\n"
            "officers said the advance would continue.")
    assert len(split_sentences(text)) == 1


def test_spans_are_trimmed_offsets_into_the_text():
    text = "  First one.   Second one!  \n\n Third?  "
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()
        assert text[start:end]
    assert sentences(text) == ["First one.", "Second one!", "Third?"]


def test_a_text_without_sentence_ends_is_cut_into_bounded_pieces():
    text = "word " * 100_000
    spans = split_sentences(text)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())


def test_empty_and_blank_text_have_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
