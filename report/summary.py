"""The index's view model: what the run holds at a glance, from whichever tables it wrote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extractors.common.vocab import GRADES, PEOPLE_CONTEXTS
from report.pages import UNKNOWN
from report.tables import has_table, read_table

NO_DATE = "no date"


def council_column(docs: pd.DataFrame) -> pd.Series:
    """Each page's council: its name, else its id, else 'unknown'."""
    council = pd.Series(UNKNOWN, index=docs.index, dtype=object)
    for column in ("council_id", "council"):  # the name wins over the id
        if column in docs:
            values = docs[column].astype(object)
            council = values.where(docs[column].notna(), council)
    return council


def read_pages(out_dir: Path) -> pd.DataFrame:
    """`documents` without the text, with council, year and mention/error counts per page."""
    columns = [c for c in read_table(out_dir, "documents").columns if c != "text"]
    docs = read_table(out_dir, "documents", columns) if columns else pd.DataFrame()
    if docs.empty:
        return pd.DataFrame(columns=["doc_id", "source", "council", "year", "n_mentions"])
    docs["council"] = council_column(docs)
    years = docs["meeting_date"].dt.year if "meeting_date" in docs else pd.Series(pd.NA)
    docs["year"] = years.astype(object).where(years.notna(), NO_DATE).astype(str)
    mentions = read_table(out_dir, "mentions", ["doc_id"])
    counts = mentions["doc_id"].value_counts() if "doc_id" in mentions else pd.Series(dtype=int)
    docs["n_mentions"] = docs["doc_id"].map(counts).fillna(0).astype(int)
    return docs


def pages_by_council_year(docs: pd.DataFrame) -> dict:
    """Pages per council (rows) and meeting year (columns), each row ending with its total."""
    if docs.empty:
        return {"years": [], "rows": []}
    table = pd.crosstab(docs["council"], docs["year"])
    years = sorted(table.columns, key=lambda y: (y == NO_DATE, y))
    rows = [
        (council, [*(int(table.at[council, y]) for y in years), int(table.loc[council].sum())])
        for council in sorted(table.index, key=lambda c: (c == UNKNOWN, c.casefold(), c))
    ]
    return {"years": years, "rows": rows}


def items_summary(out_dir: Path, docs: pd.DataFrame) -> dict:
    """Items found, pages with items, truncated items, and pages per page kind."""
    items = read_table(out_dir, "items", ["doc_id", "truncated"])
    kinds = docs["page_kind"].value_counts() if "page_kind" in docs else pd.Series(dtype=int)
    return {
        "count": len(items),
        "pages_with_items": int(items["doc_id"].nunique()) if "doc_id" in items else 0,
        "truncated": int(items["truncated"].sum()) if "truncated" in items else 0,
        "kinds": [(str(k), int(n)) for k, n in kinds.items()],
    }


def failures_summary(errors: pd.DataFrame) -> dict:
    """Rows in `errors`, distinct files, and rows per stage."""
    if errors.empty:
        return {"rows": 0, "files": 0, "stages": []}
    stages = errors["stage"].value_counts() if "stage" in errors else pd.Series(dtype=int)
    return {
        "rows": len(errors),
        "files": int(errors["source"].nunique()) if "source" in errors else len(errors),
        "stages": [(str(k), int(n)) for k, n in stages.items()],
    }


def judgement_points(out_dir: Path, docs: pd.DataFrame) -> pd.DataFrame:
    """`judgements` rows with their page's council and meeting date."""
    judgements = read_table(out_dir, "judgements")
    if judgements.empty or docs.empty:
        return pd.DataFrame(columns=["doc_id", "grade", "grade_rank", "polarity", "council"])
    facts = docs[[c for c in ("doc_id", "council", "meeting_date") if c in docs]]
    return judgements.merge(facts, on="doc_id", how="left")


def grade_counts(points: pd.DataFrame) -> dict:
    """Asserted judgements per council (rows) and grade (columns, in the vocabulary's order)."""
    asserted = points[points["polarity"] == "asserted"] if len(points) else points
    if asserted.empty:
        return {"grades": [], "rows": []}
    table = pd.crosstab(asserted["council"].astype(str), asserted["grade"].astype(str))
    grades = [g for g in GRADES if g in table.columns] + sorted(set(table.columns) - set(GRADES))
    councils = sorted(table.index, key=lambda c: (c == UNKNOWN, c.casefold(), c))
    rows = [(c, [int(table.at[c, g]) for g in grades]) for c in councils]
    return {"grades": grades, "rows": rows}


def top_offices(out_dir: Path, limit: int = 15, holders: int = 5) -> list[dict]:
    """The most frequent offices and their holders (`office_holders` if written, else `roles`)."""
    if has_table(out_dir, "office_holders"):
        held = read_table(out_dir, "office_holders", ["title", "name", "n_pages"])
        if not held.empty:
            held["n_pages"] = held["n_pages"].astype(int)
            by_title = held.groupby("title", observed=True)["n_pages"].sum()
            names = held.groupby(["title", "name"], observed=True)["n_pages"].sum()
            return offices_list(by_title, names, limit, holders)
    roles = read_table(out_dir, "roles", ["doc_id", "title", "person"])
    if roles.empty or "title" not in roles:
        return []
    by_title = roles.groupby("title", observed=True)["doc_id"].nunique()
    named = roles.dropna(subset=["person"]) if "person" in roles else roles.iloc[:0]
    names = named.groupby(["title", "person"], observed=True)["doc_id"].nunique()
    return offices_list(by_title, names, limit, holders)


def offices_list(by_title: pd.Series, names: pd.Series, limit: int, holders: int) -> list[dict]:
    """Rows of the offices table: title, pages naming it, top holders with their counts."""
    rows = []
    for title, count in by_title.sort_values(ascending=False, kind="stable").head(limit).items():
        found = names[names.index.get_level_values(0) == title] if len(names) else names
        top = found.sort_values(ascending=False, kind="stable").head(holders)
        rows.append(
            {
                "title": str(title),
                "count": int(count),
                "holders": [(str(i[1]), int(n)) for i, n in top.items()],
            }
        )
    return rows


def people_by_context(out_dir: Path, limit: int = 10) -> list[dict]:
    """Per context (apologies, declaration, ...), the people named most often (pages)."""
    people = read_table(out_dir, "people", ["doc_id", "name", "person_key", "context"])
    if people.empty or "context" not in people:
        return []
    key = "person_key" if "person_key" in people and people["person_key"].notna().any() else "name"
    found = [str(c) for c in people["context"].dropna().unique()]
    contexts = [c for c in PEOPLE_CONTEXTS if c in found] + sorted(
        set(found) - set(PEOPLE_CONTEXTS)
    )
    out = []
    for context in contexts:
        rows = people[people["context"] == context]
        pages = rows.groupby(key, observed=True)["doc_id"].nunique()
        shown = rows.groupby(key, observed=True)["name"].agg(lambda s: s.mode().iloc[0])
        top = pages.sort_values(ascending=False, kind="stable").head(limit)
        out.append(
            {
                "context": context,
                "people": len(pages),
                "top": [(str(shown[k]), int(n)) for k, n in top.items()],
            }
        )
    return out


def page_rows(docs: pd.DataFrame, failed_sources: set[str]) -> list[dict]:
    """One row per page for the pages table: by council, newest meeting first."""
    if docs.empty:
        return []
    keys = [
        k for k in ("_unknown", "council", "meeting_date", "source") if k in docs or k == "_unknown"
    ]
    order = docs.assign(_unknown=docs["council"] == UNKNOWN).sort_values(
        keys, ascending=[k != "meeting_date" for k in keys], na_position="last", kind="stable"
    )
    rows = []
    for doc in order.drop(columns="_unknown").to_dict("records"):
        doc = {k: (None if pd.isna(v) else v) for k, v in doc.items()}
        doc["failed"] = doc.get("source") in failed_sources
        rows.append(doc)
    return rows
