"""Tests for the Ofsted judgements component (minutes_judgements)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

import extractors.common.sentences  # noqa: F401
import extractors.judgements  # noqa: F401  (registers the factory)
from extractors.common import vocab
from extractors.common.spans import spans_of
from extractors.judgements.context import PATTERN_FILE, grade_regex
from extractors.pipeline import build_nlp

GOLD = Path(__file__).parents[2] / "data" / "gold"
GROUP = "minutes_judgements"


@pytest.fixture(scope="module")
def nlp():
    """The tagging pipeline as production builds it, minus the other extractors."""
    return build_nlp(components=("minutes_judgements",))


def tag(nlp, text: str) -> list[tuple[str, str, dict]]:
    """(label, text, attrs) of every judgement span in text order."""
    return [(s.label_, s.text, s._.attrs) for s in spans_of(nlp(text), GROUP)]


def brief(nlp, text: str) -> list[tuple[str, str, str | None, str]]:
    """(label, text, grade, polarity) of every judgement span."""
    return [(label, t, a["grade"], a["polarity"]) for label, t, a in tag(nlp, text)]


J, OUT = vocab.JUDGEMENT, vocab.OUTCOME

POSITIVES = [
    (
        "Ofsted's inspection of Cornwall Council's children's services in May 2015 rated the "
        "services as 'inadequate'.",
        [(J, "inadequate", "inadequate", "asserted")],
    ),
    (
        "Inspectors judged Leeds to “require improvement to be good” across the board.",
        [(J, "require improvement to be good", "requires_improvement", "asserted")],
    ),
    (
        "Kent’s fostering service was judged as ‘requiring improvement’ in 2019.",
        [(J, "requiring improvement", "requires_improvement", "asserted")],
    ),
    (
        "The proportion of Derbyshire primary schools judged good or outstanding by Ofsted is 91%.",
        [(J, "good", "good", "asserted"), (J, "outstanding", "outstanding", "asserted")],
    ),
    (
        "Pupils attending good or outstanding schools (Ofsted) rose again this year.",
        [(J, "good", "good", "asserted"), (J, "outstanding", "outstanding", "asserted")],
    ),
    (
        'Following the 2018 inspection Ofsted rated Hampshire as "Outstanding" in every area.',
        [(J, "Outstanding", "outstanding", "asserted")],
    ),
    (
        "The adoption service was graded RI at its last Ofsted inspection.",
        [(J, "RI", "requires_improvement", "asserted")],
    ),
    (
        "The academy's Ofsted rating fell from Good to Requires Improvement.",
        [
            (J, "Good", "good", "asserted"),
            (J, "Requires Improvement", "requires_improvement", "asserted"),
        ],
    ),
    (
        "Ofsted moved the service from 'inadequate' to 'requires improvement to be good'.",
        [
            (J, "inadequate", "inadequate", "asserted"),
            (J, "requires improvement to be good", "requires_improvement", "asserted"),
        ],
    ),
    (
        "Surrey received a 'good' judgement from Ofsted.",
        [(J, "good", "good", "asserted")],
    ),
    (
        "The council's overall judgement of inadequate was confirmed in the Ofsted letter.",
        [(J, "inadequate", "inadequate", "asserted")],
    ),
    (
        "Inspectors had been clear that the service was at the top end of the requires "
        "improvement range.",
        [(J, "requires improvement", "requires_improvement", "asserted")],
    ),
    (
        "The Local Safeguarding Children Board was found to be good by Ofsted.",
        [(J, "good", "good", "asserted")],
    ),
    # Legacy grades
    (
        "The 2011 inspection of safeguarding and looked after children judged Norfolk adequate.",
        [(J, "adequate", "adequate", "asserted")],
    ),
    (
        "The school had been graded satisfactory by Ofsted in 2009.",
        [(J, "satisfactory", "satisfactory", "asserted")],
    ),
    # Negation
    (
        "Members were pleased that children's services were no longer rated inadequate.",
        [(J, "inadequate", "inadequate", "negated")],
    ),
    (
        "None of the areas was judged inadequate by Ofsted.",
        [(J, "inadequate", "inadequate", "negated")],
    ),
    (
        "The service was not judged inadequate at the monitoring visit by inspectors.",
        [(J, "inadequate", "inadequate", "negated")],
    ),
    (
        "No Somerset schools were judged good or outstanding by Ofsted that term.",
        [(J, "good", "good", "negated"), (J, "outstanding", "outstanding", "negated")],
    ),
    (
        "The service was judged good but not outstanding by Ofsted.",
        [(J, "good", "good", "asserted"), (J, "outstanding", "outstanding", "negated")],
    ),
    # Aspiration
    (
        "The Director set out the ambition for every service to be outstanding at the next "
        "Ofsted inspection.",
        [(J, "outstanding", "outstanding", "aspiration")],
    ),
    (
        "Our aim is to be rated good by Ofsted within two years.",
        [(J, "good", "good", "aspiration")],
    ),
    (
        "The Cabinet Member said Lincolnshire was on the journey to good ahead of the next "
        "inspection.",
        [(J, "good", "good", "aspiration")],
    ),
    # Hypothetical
    (
        "Officers highlighted the risk of being downgraded from good at the next Ofsted visit.",
        [(J, "good", "good", "hypothetical")],
    ),
    (
        "If the service were judged inadequate, the Secretary of State could intervene.",
        [(J, "inadequate", "inadequate", "hypothetical")],
    ),
    # SEND area inspection outcome: not a grade
    (
        "The joint Ofsted and CQC local area SEND inspection required a Written Statement of "
        "Action.",
        [(OUT, "Written Statement of Action", None, "asserted")],
    ),
    (
        "Wiltshire's SEND inspection did not require a written statement of action.",
        [(OUT, "written statement of action", None, "negated")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_grades_in_sentences(nlp, text, expected):
    assert brief(nlp, text) == expected


NEGATIVES = [
    # SPEC.md "not judgements"
    "In summary, the first year had seen very good performance across the piece.",
    "There was an outstanding leadership team in place before the Ofsted inspection.",
    "The PI relating to the Number of Outstanding Statements (of SEND) should be removed.",
    "The report reaffirmed the progress made whilst recognising that there were areas of "
    "work that required improvement in the future.",
    # Everyday uses of grade words, even beside inspection words
    "Ofsted inspectors observed good practice across the county.",
    "Inspectors noted good progress since the last inspection.",
    "The outstanding actions from the Ofsted inspection were reviewed.",
    "Two issues remained outstanding from the Ofsted inspection.",
    "The Ofsted action plan was submitted in good time.",
    "It was good news that the inspection had gone well.",
    "The inspectors said it was a good example of partnership working.",
    "Good morning, said the Ofsted inspector.",
    "It was good to see that the Ofsted report recognised the progress.",
    "Ofsted noted a good range of services for families.",
    "Ofsted found that staffing levels were adequate.",
    # Grade words with no inspection in the sentence
    "The service had made good progress and performance was satisfactory.",
    "Capacity in the team was inadequate over the summer.",
    "Members agreed this was an outstanding achievement.",
    "The following areas require improvement: recording and supervision.",
    "Good or outstanding support was offered to families.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_judgements(nlp, text):
    assert tag(nlp, text) == []


GRADES_TABLE = (
    "Ofsted inspection of Hampshire children's services, November 2022\n"
    "\n"
    "Overall effectiveness   Good\n"
    "Impact of leaders on social work practice\tOutstanding\n"
    "The experiences and progress of children who need help and protection\n"
    "Requires improvement to be good\n"
    "\n"
    "The experiences and progress of children in care and care leavers\n"
    "\n"
    "Good\n"
)


def test_grades_table_rows(nlp):
    found = tag(nlp, GRADES_TABLE)
    assert [(t, a["grade"], a["subject"]) for _, t, a in found] == [
        ("Good", "good", "Overall effectiveness"),
        ("Outstanding", "outstanding", "Impact of leaders on social work practice"),
        (
            "Requires improvement to be good",
            "requires_improvement",
            "The experiences and progress of children who need help and protection",
        ),
        ("Good", "good", "The experiences and progress of children in care and care leavers"),
    ]
    assert {a["year"] for _, _, a in found} == {2022}
    assert {a["framework"] for _, _, a in found} == {"ILACS"}
    assert found[1][2]["sentence"] == "Impact of leaders on social work practice\tOutstanding"


def test_table_row_needs_inspection_item(nlp):
    # A short heading followed by "Good" is not a grades table outside an inspection item.
    assert tag(nlp, "Weather on the day\nGood\n") == []


def test_table_row_known_area_without_context(nlp):
    found = tag(nlp, "Overall effectiveness:  Requires Improvement\n")
    assert [(t, a["grade"]) for _, t, a in found] == [
        ("Requires Improvement", "requires_improvement")
    ]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        (
            "Ofsted rated Leeds children's services as good in 2019.",
            "subject",
            "Leeds children's services",
        ),
        (
            "Secondary schools judged as good by Ofsted fell in number.",
            "subject",
            "Secondary schools",
        ),
        (
            "The Safeguarding Children Board was judged good by Ofsted.",
            "subject",
            "The Safeguarding Children Board",
        ),
        (
            "Ofsted had rated other local authorities inadequate.",
            "subject",
            "other local authorities",
        ),
        (
            "Inspectors judged the experiences of care leavers to require improvement.",
            "subject",
            "the experiences of care leavers",
        ),
        ("The Kent Report in January 2017 rated the services as 'inadequate'.", "year", 2017),
        ("The 2016 Ofsted report judged the council to be 'inadequate'.", "year", 2016),
        ("The 2016 Ofsted report judged the council to be 'inadequate'.", "framework", "SIF"),
        ("In 2012 Ofsted judged safeguarding services to be 'adequate'.", "framework", "legacy"),
        ("The ILACS inspection rated the service good.", "framework", "ILACS"),
        ("Under the Single Inspection Framework the council was rated good.", "framework", "SIF"),
        ("The Ofsted inspection in 2021 judged the service inadequate.", "framework", "ILACS"),
        ("Ofsted judged the primary school to be outstanding.", "framework", "school_inspection"),
        ("The service was judged good by Ofsted.", "year", None),
        ("The service was judged good by Ofsted.", "framework", None),
        (
            "• The service was judged ‘good’ by Ofsted.",
            "sentence",
            "The service was judged ‘good’ by Ofsted.",
        ),
    ],
)
def test_judgement_attributes(nlp, text, key, value):
    (_, _, attrs), *_ = tag(nlp, text)
    assert attrs[key] == value


def test_year_and_framework_from_the_item(nlp):
    item = (
        "Ofsted inspection of children's social care services\n"
        "The Director reported on the inspection carried out in October 2019.\n"
        "The service was judged to require improvement to be good in all areas.\n"
    )
    (_, text, attrs), *_ = tag(nlp, item)
    assert text == "require improvement to be good"
    assert (attrs["year"], attrs["framework"]) == (2019, "ILACS")


def test_sentence_year_beats_item_year(nlp):
    item = (
        "Following the 2022 inspection Ofsted judged the service to be good.\n"
        "The 2017 Ofsted report had judged the service to be inadequate.\n"
    )
    assert [a["year"] for _, _, a in tag(nlp, item)] == [2022, 2017]


def test_attrs_are_complete_and_serialisable(nlp):
    text = "Ofsted rated Kent as 'inadequate' in 2015; a written statement of action followed."
    found = tag(nlp, text)
    assert [label for label, _, _ in found] == [J, OUT]
    for label, _, attrs in found:
        assert set(attrs) == {
            "grade", "grade_rank", "polarity", "subject", "year", "sentence", "framework",
        }  # fmt: skip
        json.dumps(attrs)
        assert attrs["polarity"] in vocab.POLARITIES
        assert attrs["framework"] is None or attrs["framework"] in vocab.FRAMEWORKS
        if label == J:
            assert attrs["grade_rank"] == vocab.GRADE_RANKS[attrs["grade"]]
    assert found[1][2]["grade"] is None
    assert found[1][2]["framework"] == "SEND_area_inspection"


def test_pattern_file_has_examples():
    rows = [json.loads(line) for line in PATTERN_FILE.read_text(encoding="utf-8").splitlines()]
    assert rows and all(row.get("example") for row in rows)
    for row in rows:
        re.compile(row["pattern"])
        if row["kind"] == "grade":
            assert row["value"] in vocab.GRADES
            assert grade_regex().search(row["example"])


# Corpus: the measure of eval/score.py, on each whole page.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm(text: str | None) -> str:
    """Normalise as the scorer does (NFKC, straight quotes, lower case, single spaces)."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip().strip(" .,:;")


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.gold.yaml")), ids=lambda p: p.stem)
def test_corpus_judgements(nlp, gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (GOLD / gold["doc"]).read_text(encoding="utf-8-sig")
    wanted = [
        j for j in gold.get("judgements") or [] if j.get("polarity", "asserted") == "asserted"
    ]
    preds = [
        (a["grade"], norm(a["sentence"]), a["year"])
        for label, _, a in tag(nlp, text)
        if label == J and a["polarity"] == "asserted"
    ]
    used: set[int] = set()
    misses, wrong_years = [], []
    for j in wanted:
        quote = norm(j["quote"])
        hit = next(
            (
                k
                for k, (grade, sentence, _) in enumerate(preds)
                if k not in used
                and grade == j["grade"]
                and (quote in sentence or sentence in quote)
            ),
            None,
        )
        if hit is None:
            misses.append(j["quote"])
            continue
        used.add(hit)
        if j.get("year") is not None and preds[hit][2] != j["year"]:
            wrong_years.append((j["quote"], preds[hit][2]))
    extras = [preds[k] for k in range(len(preds)) if k not in used]
    assert (misses, extras, wrong_years) == ([], [], [])


def test_corpus_item_as_its_own_doc(nlp):
    # In production each agenda item is one Doc: years must come from the item alone.
    page = (GOLD / "002_db228ef21157a38f.txt").read_text(encoding="utf-8-sig")
    start = page.index("Ofsted Inspection of Local Authority Children's Services Worcestershire")
    item = page[start : page.index("Performance and In-Year Budget Monitoring", start)]
    found = [(a["grade"], a["year"], a["polarity"]) for _, _, a in tag(nlp, item)]
    assert found == [
        ("inadequate", 2016, "asserted"),
        ("requires_improvement", 2019, "asserted"),
        ("requires_improvement", 2019, "asserted"),
        ("requires_improvement", 2019, "asserted"),
    ]
