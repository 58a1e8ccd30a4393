"""The editable actor lexicon: phrases to sides, longest match, theatre-dependent words."""
from extraction.actors import ActorLexicon, load_actor_lexicon

SIDES = {
    "Iraqi special forces": "Iraqi government", "troops": "Iraqi government",
    "Counter-Terrorism Service": "Iraqi government", "the Hashd": "Iraqi government",
    "Popular Mobilization Units": "Iraqi government", "the 9th Division": "Iraqi government",
    "Badr Organization": "Iraqi government", "Daesh": "ISIS", "ISIL": "ISIS", "Islamic State": "ISIS",
    "Takfiri terrorists": "ISIS", "Peshmerga": "Kurdish forces", "SDF": "SDF", "YPG": "SDF",
    "Syrian army": "Syrian government", "regime forces": "Syrian government", "Tiger Forces": "Syrian government",
    "FSA": "Syrian rebels", "opposition fighters": "Syrian rebels",
    "Turkish-backed rebels": "Turkey-backed rebels", "Euphrates Shield": "Turkey-backed rebels",
}


def test_lexicon_covers_the_sides_of_iraq_and_syria():
    lexicon = load_actor_lexicon()
    for phrase, side in SIDES.items():
        found = lexicon.find(f"Yesterday {phrase} moved.", "IQ")
        assert found and found[0].side == side, phrase


def test_longest_phrase_wins_and_offsets_are_exact():
    text = "Iraqi special forces and special forces of the Iraqi army advanced."
    found = load_actor_lexicon().find(text, "IQ")
    assert [text[a.start:a.end] for a in found] == ["Iraqi special forces", "special forces", "Iraqi army"]


def test_is_only_as_a_capitalised_word():
    lexicon = load_actor_lexicon()
    assert [a.text for a in lexicon.find("IS fighters said it is over, this island is calm.", "IQ")] == ["IS"]


def test_the_army_belongs_to_the_war_the_article_is_about():
    lexicon = load_actor_lexicon()
    assert lexicon.find("The army advanced.", "IQ")[0].side == "Iraqi government"
    assert lexicon.find("The army advanced.", "SY")[0].side == "Syrian government"


def test_a_user_adds_a_war_with_lines_not_code(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("# Ukraine\nZSU\tUkraine\nRussian forces\tRussia\narmy\tUkraine\tUA\n", encoding="utf-8")
    lexicon = ActorLexicon.from_file(path)
    found = lexicon.find("Russian forces shelled the town as the army and ZSU held.", "UA")
    assert [(a.text, a.side) for a in found] == [("Russian forces", "Russia"), ("army", "Ukraine"), ("ZSU", "Ukraine")]


def test_kinds_mark_claimants_and_aircraft():
    found = {a.text: a.kind for a in load_actor_lexicon().find("The Defense Ministry said Iraqi aircraft struck.", "IQ")}
    assert found == {"Defense Ministry": "claimant", "Iraqi aircraft": "air"}
