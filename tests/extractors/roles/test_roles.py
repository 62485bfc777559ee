"""Tests for the minutes_roles component: offices, their canonical titles and bare-title links."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import spacy
import yaml

import extractors.common.sentences  # noqa: F401
import extractors.roles  # noqa: F401  (registers the factory)
from extractors.common import vocab
from extractors.common.spans import spans_of
from extractors.pipeline import build_nlp

GOLD = Path(__file__).parents[2] / "data" / "gold"
QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
    | {"\u2013": "-", "\u2014": "-"}
)


@pytest.fixture(scope="module")
def nlp():
    """Blank English + sentence rules + the roles component, as in the pipeline."""
    return build_nlp(components=("minutes_roles",))


def roles(nlp, text: str):
    """The role spans of ``text`` in order."""
    return spans_of(nlp(text), vocab.SPAN_GROUPS[vocab.ROLE])


def texts(nlp, text: str) -> list[str]:
    """The role span texts of ``text`` in order."""
    return [s.text for s in roles(nlp, text)]


# Pattern families, written in other councils' styles: text -> expected role span texts.
FAMILIES = [
    # modifier + head + "for" topic with a bracketed organisation (Cornwall)
    (
        "The Strategic Director for Children, Families and Adults (Cornwall Council) reported.",
        ["Strategic Director for Children, Families and Adults (Cornwall Council)"],
    ),
    (
        "The Portfolio Holder for Children and Families, Councillor Sally Hawken, introduced it.",
        ["Portfolio Holder for Children and Families"],
    ),
    # attendance lists with roles in brackets (Derbyshire)
    (
        "Present: Councillor J Ashby (Chairman), Councillor P Rowe (Vice-Chairman), "
        "Mr A Pryce (co-opted member)",
        ["Chairman", "Vice-Chairman", "co-opted member"],
    ),
    # Leeds: Executive Member, Chief Officer with a comma remit, Independent Chair of a body
    (
        "The Executive Member for Children and Families and the Director of Children and "
        "Families attended.",
        ["Executive Member for Children and Families", "Director of Children and Families"],
    ),
    (
        "Sal Pinto, Chief Officer, Children's Social Work Services, and Mr Stuart Bagnall, "
        "Independent Chair of the Leeds Safeguarding Children Partnership",
        [
            "Chief Officer, Children's Social Work Services",
            "Independent Chair of the Leeds Safeguarding Children Partnership",
        ],
    ),
    # Kent: Corporate Director with a list remit, Cabinet Member for ...
    (
        "The Corporate Director of Children, Young People and Education and the Cabinet Member "
        "for Integrated Children's Services attended the meeting.",
        [
            "Corporate Director of Children, Young People and Education",
            "Cabinet Member for Integrated Children's Services",
        ],
    ),
    (
        "Sarah Hammond, Corporate Director, Children, Young People and Education, updated Members.",
        ["Corporate Director, Children, Young People and Education"],
    ),
    # Hampshire: Executive Lead Member, name - role lines with the employer after a comma
    (
        "The Executive Lead Member for Children's Services thanked officers. The Deputy Leader "
        "of the Council also spoke.",
        ["Executive Lead Member for Children's Services", "Deputy Leader of the Council"],
    ),
    (
        "Tony Crane - Director of Children's Services, Hampshire County Council",
        ["Director of Children's Services, Hampshire County Council"],
    ),
    # officers: Head of ..., statutory officers, qualified Officer/Manager heads
    (
        "The Head of Democratic Services and the Monitoring Officer advised the Committee. "
        "The Section 151 Officer confirmed the budget.",
        ["Head of Democratic Services", "Monitoring Officer", "Section 151 Officer"],
    ),
    (
        "Contact: Paul Jones  Senior Democratic Services Officer",
        ["Senior Democratic Services Officer"],
    ),
    (
        "The Service Manager for Fostering and the Team Manager presented the data; the "
        "Independent Reviewing Officer was present.",
        ["Service Manager for Fostering", "Team Manager", "Independent Reviewing Officer"],
    ),
    # colon, dash and comma connectors
    (
        "The Vice Chair thanked the Assistant Director \u2013 Education and Skills.",
        ["Vice Chair", "Assistant Director \u2013 Education and Skills"],
    ),
    (
        "Also present: Cllr Jo Smith (Lead Member for Children's Services) and Mrs K Lee "
        "(Assistant Director, Education)",
        ["Lead Member for Children's Services", "Assistant Director, Education"],
    ),
    (
        "Visits were led by the Assistant Director: Early Help and Partnerships.",
        ["Assistant Director: Early Help and Partnerships"],
    ),
    # "Councillor Name Role" lines
    (
        "Councillor Roger Phillips Cabinet Member for Health and Wellbeing",
        ["Cabinet Member for Health and Wellbeing"],
    ),
    # with responsibility (lower case) and a topic containing "and the"
    (
        "The Cabinet Member with responsibility for Adult Social Care and the Cabinet Member for "
        "Education, Skills and the Economy attended.",
        [
            "Cabinet Member with responsibility for Adult Social Care",
            "Cabinet Member for Education, Skills and the Economy",
        ],
    ),
    # commissioners, inspectors, police, ministers, schools
    (
        "The Children's Commissioner for Derbyshire met the Police and Crime Commissioner and "
        "the Chief Constable.",
        [
            "Children's Commissioner for Derbyshire",
            "Police and Crime Commissioner",
            "Chief Constable",
        ],
    ),
    (
        "The Interim Director of Children's Services said that the Lead Inspector praised the "
        "Principal Social Worker.",
        [
            "Interim Director of Children's Services",
            "Lead Inspector",
            "Principal Social Worker",
        ],
    ),
    (
        "The Leader of the Council welcomed the Secretary of State for Education and the Head "
        "Teacher of Redruth School.",
        [
            "Leader of the Council",
            "Secretary of State for Education",
            "Head Teacher of Redruth School",
        ],
    ),
    # declarations written in lower case
    (
        "(b) Mr Alan Pryce (co-opted member) \u2013 personal interest. (c) Mrs Ann Lee (parent "
        "governor representative) - item 5.",
        ["co-opted member", "parent governor representative"],
    ),
    # qualified plurals are offices
    (
        "It was suggested that the Cabinet Members and Officers present were new. He had access "
        "to Chief Officers.",
        ["Cabinet Members", "Chief Officers"],
    ),
    # the office in a possessive; an item title naming the Chairman
    ("The Director's report was noted.", ["Director"]),
    ("Chairman's Announcements", ["Chairman"]),
    # a following person name or honorific ends the office
    ("Chairman: Councillor Jane Trelawny", ["Chairman"]),
    ("the Director of Public Health (Mr Rob Cole) attended", ["Director of Public Health"]),
    # stop at lowercase words and at the next office
    (
        "should notify the Head of Legal and Governance in writing by noon",
        ["Head of Legal and Governance"],
    ),
    (
        "the Director of Adult Services and the Director of Public Health attended",
        ["Director of Adult Services", "Director of Public Health"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAMILIES)
def test_role_spans_by_family(nlp, text, expected):
    assert texts(nlp, text) == expected


NEGATIVES = [
    "Members asked whether officers had considered the options.",
    "A member of the public asked a question about the Scrutiny Panel.",
    "The Cabinet agreed the recommendations.",
    "Children's Services had improved since the last inspection.",
    "A Member welcomed the report and another Member praised staff.",
    "The Council officers' commitment to Corporate Parenting was noted.",
    "Head office costs had risen; the head of steam had gone.",
    "The directors and managers met. Members of the Panel were present.",
    "CHAIRMAN'S ANNOUNCEMENTS",
    "In AD 2020 the Interim Business Plan was agreed.",
    "The Wider Leadership Team and the Directorate of Children, Families and Communities.",
    "a senior inspector said that social workers and health visitors agreed",
    "Apologies were received from Cllrs R Bailey, S Bennett-Wake and N Cook.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_non_offices_are_not_roles(nlp, text):
    assert texts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "span", "title", "category", "remit", "organisation"),
    [
        (
            "The CMR for Children and Families recommended it.",
            "CMR for Children and Families",
            "Cabinet Member with Responsibility for Children and Families",
            "cabinet_member",
            "Children and Families",
            None,
        ),
        (
            "Trevor Doughty (DCS at Cornwall Council) advised.",
            "DCS at Cornwall Council",
            "Director of Children's Services at Cornwall Council",
            "director",
            "Children's Services",
            "Cornwall Council",
        ),
        (
            "The DASS agreed.",
            "DASS",
            "Director of Adult Social Services",
            "director",
            "Adult Social Services",
            None,
        ),
        (
            "The AD for Early Help agreed.",
            "AD for Early Help",
            "Assistant Director for Early Help",
            "assistant_director",
            "Early Help",
            None,
        ),
        ("The CEO spoke.", "CEO", "Chief Executive Officer", "chief_executive", None, None),
        (
            "Alyson Grice  Overview & Scrutiny Officers",
            "Overview & Scrutiny Officers",
            "Overview & Scrutiny Officer",
            "officer",
            None,
            None,
        ),
        (
            "Derek Benson, the independent Chair of WSCB, presented it.",
            "independent Chair of WSCB",
            "Independent Chair of WSCB",
            "chair",
            None,
            "WSCB",
        ),
        (
            "The Vice-Chairman thanked officers.",
            "Vice-Chairman",
            "Vice-Chairman",
            "vice_chair",
            None,
            None,
        ),
        (
            "the Council\u2019s Chief Financial Officer and the Director of Resources (KCT)",
            "Chief Financial Officer",
            "Chief Financial Officer",
            "chief_officer",
            None,
            "Council",
        ),
        (
            "The Assistant Director - Inclusion (Children\u2019s Services) spoke.",
            "Assistant Director - Inclusion (Children\u2019s Services)",
            "Assistant Director - Inclusion (Children's Services)",
            "assistant_director",
            "Inclusion (Children's Services)",
            None,
        ),
        (
            "The Director of Resources (KCT) reported.",
            "Director of Resources (KCT)",
            "Director of Resources (KCT)",
            "director",
            "Resources",
            "KCT",
        ),
    ],
)
def test_role_attributes(nlp, text, span, title, category, remit, organisation):
    found = {s.text: s._.attrs for s in roles(nlp, text)}
    assert span in found, found
    attrs = found[span]
    assert attrs["title"] == title
    assert attrs["category"] == category
    assert attrs["remit"] == remit
    assert attrs["organisation"] == organisation
    assert attrs["person"] is None


def test_bracketed_abbreviation_is_its_own_span(nlp):
    text = "The Cabinet Member with Responsibility (CMR) for Children in Care attended."
    spans = roles(nlp, text)
    assert [s.text for s in spans] == [
        "Cabinet Member with Responsibility (CMR) for Children",
        "CMR",
    ]
    assert spans[0]._.attrs["title"] == "Cabinet Member with Responsibility for Children"
    assert spans[1]._.attrs["title"] == spans[0]._.attrs["title"]


def test_bare_title_resolves_to_latest_full_title_of_its_kind(nlp):
    text = (
        "The Director of Social Care attended. The Independent Chair of the Kent Safeguarding "
        "Children Partnership spoke. The Director of Education also attended. The Director "
        "replied. The Chair of the Panel thanked him. The Chair closed the meeting. The "
        "Independent Chair left. The Leader agreed."
    )
    got = {(s.text, s.start_char): s._.attrs["resolved_from"] for s in roles(nlp, text)}
    bare = {text: source for (text, _), source in got.items() if text in ("Director", "Chair")}
    assert bare == {
        "Director": "Director of Education",
        "Chair": "Chair of the Panel",
    }
    assert got[("Independent Chair", text.index("Independent Chair left"))] == (
        "Independent Chair of the Kent Safeguarding Children Partnership"
    )
    assert got[("Leader", text.index("Leader"))] is None


def test_plural_office_is_not_resolved(nlp):
    text = "The Cabinet Member for Schools attended. Cabinet Members were thanked."
    spans = roles(nlp, text)
    assert [s._.attrs["resolved_from"] for s in spans] == [None, None]
    assert spans[1]._.attrs["title"] == "Cabinet Member"


def test_span_starts_at_modifier_not_article(nlp):
    for span in roles(nlp, "The Acting Chief Executive and an Interim Director met our Leader."):
        assert not re.match(r"(?i)(the|a|an|our)\b", span.text)


# --- corpus: the same role measure as eval/score.py -------------------------------------------


def norm(text: str) -> str:
    """score.py's normalisation: NFKC, quotes folded, lower case, whitespace, edge punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip().strip(" .,:;")


def covers(pred: str, gold: str) -> bool:
    """A prediction matches a gold form if equal or extending it by whole words."""
    return pred == gold or pred.startswith(gold + " ")


def test_corpus_roles_f1(nlp):
    hit = n_gold = ok = n_pred = 0
    misses = []
    for gold_file in sorted(GOLD.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        page = (GOLD / gold["doc"]).read_text(encoding="utf-8")
        pred = {norm(s.text) for s in roles(nlp, page)} - {""}
        want = {norm(r) for r in gold.get("roles") or []}
        hit += sum(any(covers(p, g) for p in pred) for g in want)
        ok += sum(any(covers(p, g) for g in want) for p in pred)
        n_gold += len(want)
        n_pred += len(pred)
        misses += [
            f"{gold['doc']}: missed {g!r}" for g in want if not any(covers(p, g) for p in pred)
        ]
        misses += [
            f"{gold['doc']}: extra {p!r}" for p in pred if not any(covers(p, g) for g in want)
        ]
    assert n_gold > 0
    precision, recall = ok / n_pred, hit / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, misses


@pytest.mark.parametrize(
    ("text", "role", "remit"),
    [
        (
            "The Children's Services Portfolio Holder thanked officers.",
            "Children's Services Portfolio Holder",
            "Children's Services",
        ),
        (
            "Councillor Rachel Bailey Children and Families Portfolio Holder attended.",
            "Children and Families Portfolio Holder",
            "Children and Families",
        ),
        ("Mr Smith, Portfolio Holder, spoke.", "Portfolio Holder", None),
    ],
)
def test_remit_written_before_the_portfolio_holder(text, role, remit):
    nlp = spacy.blank("en")
    nlp.add_pipe("minutes_roles")
    (span,) = spans_of(nlp(text), "minutes_roles")
    assert (span.text, span._.attrs["remit"]) == (role, remit)


# Offices are an open class: a Title Case phrase ending in an office noun of patterns.jsonl,
# and a lower-case office after "the" when its words make a known office.
OPEN_CLASS = [
    ("The Youth Justice Service Manager presented the plan.", ["Youth Justice Service Manager"]),
    ("Jo Bloggs, Corporate Parenting Officer, attended.", ["Corporate Parenting Officer"]),
    (
        "The Designated Safeguarding Lead and the Educational Psychologist attended.",
        ["Designated Safeguarding Lead", "Educational Psychologist"],
    ),
    ("Sam Lee (HR Business Partner) advised.", ["HR Business Partner"]),
    ("The Senior Youth Justice Officer spoke.", ["Senior Youth Justice Officer"]),
    ("the director of children's services reported", ["director of children's services"]),
    (
        "Questions were put to the cabinet member for children and families.",
        ["cabinet member for children and families"],
    ),
    (
        "the monitoring officer advised and the chief executive agreed",
        ["monitoring officer", "chief executive"],
    ),
    ("the head of legal services confirmed", ["head of legal services"]),
]


@pytest.mark.parametrize(("text", "expected"), OPEN_CLASS)
def test_offices_are_an_open_class(nlp, text, expected):
    assert texts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Several Members asked and Council Officers attended; each Officer replied.",
        "the director said that the head of steam had gone",
        "the three named Safeguarding Partners agreed",
        "a chief executive from another authority",
    ],
)
def test_open_class_guards(nlp, text):
    assert texts(nlp, text) == []


def test_a_lower_case_office_keeps_its_category_and_remit(nlp):
    (span,) = roles(nlp, "We heard from the director of children's services.")
    assert span._.attrs["category"] == "director"
    assert span._.attrs["remit"] == "children's services"
