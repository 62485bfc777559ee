"""People component on spacy.blank("en"): names, honorifics, lists, context, links to roles."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

import extractors.common.sentences  # noqa: F401
import extractors.people  # noqa: F401  (registers the factory)
import extractors.roles  # noqa: F401
from extractors.common.spans import spans_of
from extractors.common.text import normalise_text
from extractors.pipeline import build_nlp

GOLD = Path(__file__).parents[2] / "data" / "gold"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=("minutes_roles", "minutes_people"))


def people(nlp, text: str) -> list:
    return spans_of(nlp(text), "minutes_people")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Apologies were received from Mr J Trelawny and Mrs K Pascoe.",
            ["J Trelawny", "K Pascoe"],
        ),
        ("Present: Cllr Tracey Onslow (Chair), Councillor S.A Webb", ["Tracey Onslow", "S.A Webb"]),
        (
            "Dr Amir Khan, Professor Ruth Ellis and Rev. P Jenkins attended.",
            ["Amir Khan", "Ruth Ellis", "P Jenkins"],
        ),
        (
            "Apologies: Cllrs R Bailey, S Bennett-Wake and N Cook.",
            ["R Bailey", "S Bennett-Wake", "N Cook"],
        ),
        ("Councillors J Smith & P O'Neill declared an interest.", ["J Smith", "P O'Neill"]),
        ("Mrs F M McDonald asked about transport.", ["F M McDonald"]),
        (
            "Present: Councillors A Smith (Chair), B Jones (Vice-Chair) and C Brown",
            ["A Smith", "B Jones", "C Brown"],
        ),
        ("Rev. Canon P Williams and Councillor Sir Richard Leese", ["P Williams", "Richard Leese"]),
        (
            "Contact: Karen Lowe/Simon Hale  Democratic Services Officers",
            ["Karen Lowe", "Simon Hale"],
        ),
        (
            "Contact: Janet Price (0113 378 1234)/Ian Moss (0113 378 5678)",
            ["Janet Price", "Ian Moss"],
        ),
        ("Tony Crane - Director of Children's Services presented the report.", ["Tony Crane"]),
    ],
)
def test_names(nlp, text, names):
    assert [s.text for s in people(nlp, text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "The Chairman thanked the Director for the report.",
        "Worcestershire Children First and West Mercia Police attended.",
        "Ofsted published its report. See Appendix 2 of the Agenda.",
        "The meeting was held at County Hall, Spetchley Road, Worcester.",
        "Family Front Door and Public Participation were discussed on Friday 11 August.",
        "Members asked whether Councillors were aware of the figures.",
    ],
)
def test_not_people(nlp, text):
    assert people(nlp, text) == []


def test_declarations_table_cells_are_not_part_of_names(nlp):
    text = "Declarations of Interest\n\nMember\tInterest\tItem\nCllr A Jones\tPersonal\t6\n"
    spans = people(nlp, text)
    assert [(s.text, s._.attrs["context"]) for s in spans] == [("A Jones", "declaration")]


def test_unlisted_first_name_is_found_beside_a_role(nlp):
    text = "Also Present\n\nMarcus Okonjo - Democratic Services Officer\n"
    (person,) = people(nlp, text)
    assert (person.text, person._.attrs["context"]) == ("Marcus Okonjo", "attendance")
    assert person._.attrs["role"] == "Democratic Services Officer"
    assert people(nlp, "Worcestershire Children First - Director of Resources attended.") == []


def test_honorific_and_surname_attributes(nlp):
    (person,) = people(nlp, "Apologies from Cllr Jane Bennett-Wake.")
    assert person._.attrs["honorific"] == "Cllr"
    assert person._.attrs["surname"] == "Bennett-Wake"
    assert person._.attrs["name"] == "Jane Bennett-Wake"


def test_stacked_titles_stay_in_the_honorific(nlp):
    spans = people(nlp, "Councillor Sir Richard Leese and Rev. Canon P Williams spoke.")
    assert [s._.attrs["honorific"] for s in spans] == ["Councillor Sir", "Rev. Canon"]


def test_plural_honorific_becomes_singular(nlp):
    spans = people(nlp, "Apologies were received from Cllrs R Bailey and N Cook.")
    assert {s._.attrs["honorific"] for s in spans} == {"Cllr"}


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Apologies for absence were received from Cllr K Lowe.", "apologies"),
        ("Mrs P Okafor declared an interest as a school governor.", "declaration"),
        ("Cllr P Grove attended as substitute for the Vice-Chair.", "substitute"),
        (
            "Also Present:\nMr J Smith - Head of Finance\nMs L Brown - Democratic Services",
            "attendance",
        ),
        ("Mr K Patel asked about home to school transport.", "mention"),
    ],
)
def test_context(nlp, text, context):
    spans = people(nlp, text)
    assert spans and spans[-1]._.attrs["context"] == context


@pytest.mark.parametrize(
    ("text", "contexts"),
    [
        (
            "Present:\nCouncillor Ann Example (Chair)\n"
            "Councillor Bob Sample (substituting for Councillor Carol Pearson)\n",
            {"Ann Example": "attendance", "Bob Sample": "substitute", "Carol Pearson": "apologies"},
        ),
        (
            "Mr P Cole (Substitute for Mr S Holden) and Mrs T Dean were present.",
            {"P Cole": "substitute", "S Holden": "apologies"},
        ),
        (
            "Cllr P Grove attended as substitute for Cllr K Lowe.",
            {"P Grove": "substitute", "K Lowe": "apologies"},
        ),
    ],
)
def test_a_substitution_gives_substitute_and_apologies(nlp, text, contexts):
    spans = people(nlp, text)
    got = {s._.attrs["name"]: s._.attrs["context"] for s in spans}
    assert {name: got.get(name) for name in contexts} == contexts


def test_context_from_the_item_title(nlp):
    text = (
        "Declarations of Interest\n\nCllr A Jones - item 6, a personal interest as a foster carer."
    )
    assert people(nlp, text)[0]._.attrs["context"] == "declaration"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Derek Benson, Independent Chairman of the Kent Safeguarding Children Board, attended.",
            "Derek Benson",
            "Independent Chairman of the Kent Safeguarding Children Board",
        ),
        (
            "Tony Crane - Director of Children's Services introduced the item.",
            "Tony Crane",
            "Director of Children's Services",
        ),
        ("Trevor Doughty (DCS at Cornwall Council) advised the Panel.", "Trevor Doughty", "DCS"),
        (
            "The Chief Executive, Paul Robinson, welcomed everyone.",
            "Paul Robinson",
            "Chief Executive",
        ),
        (
            "Councillor Rachel Bailey Children and Families Portfolio Holder attended.",
            "Rachel Bailey",
            "Children and Families Portfolio Holder",
        ),
        (
            "The Executive Member for Children's Services (Cllr J Doe) introduced the report.",
            "J Doe",
            "Executive Member for Children's Services",
        ),
    ],
)
def test_names_linked_to_roles_both_ways(nlp, text, name, role):
    doc = nlp(text)
    person = next(s for s in spans_of(doc, "minutes_people") if s.text == name)
    assert person._.attrs["role"].startswith(role)
    linked = [r for r in spans_of(doc, "minutes_roles") if r._.attrs["person"] == name]
    assert linked and linked[0].text.startswith(role)


def test_model_entities_are_extra_candidates():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Xanthe Obi"}])
    nlp.add_pipe("minutes_people", config={"use_ents": True})
    assert [s.text for s in people(nlp, "Xanthe Obi spoke about foster care.")] == ["Xanthe Obi"]


def gold_pages():
    return sorted(GOLD.glob("*.gold.yaml"))


@pytest.mark.parametrize("gold_path", gold_pages(), ids=lambda p: p.name[:3])
def test_corpus_people_and_apologies(gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = normalise_text((GOLD / gold["doc"]).read_text(encoding="utf-8"))
    spans = spans_of(build_nlp()(text), "minutes_people")
    assert {s._.attrs["surname"] for s in spans} == {p["surname"] for p in gold.get("people") or []}
    apologies = {s._.attrs["surname"] for s in spans if s._.attrs["context"] == "apologies"}
    assert apologies == set(gold.get("apologies") or [])


def test_a_name_inside_a_token_shrinks_to_whole_tokens():
    nlp = spacy.blank("en")  # no slash splitting: "1234)/Ian" stays one token
    nlp.add_pipe("minutes_people")
    spans = people(nlp, "Contact: Janet Price (0113 378 1234)/Ian Moss")
    assert [s.text for s in spans] == ["Janet Price", "Moss"]


def test_every_span_is_grounded(nlp):
    text = "Apologies: Cllrs R Bailey, S Bennett-Wake and N Cook.\nContact: Karen Lowe/Simon Hale"
    doc = nlp(text)
    for span in spans_of(doc, "minutes_people"):
        assert text[span.start_char : span.end_char] == span.text == span._.attrs["name"]
