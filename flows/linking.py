"""The `link` stage's wiring: what spans the pages of a council, recomputed per council.

It writes `people` (the `tables` stage's working table `page_people` with `person_key`),
`office_holders` and `ofsted_check`. A scope is a council (else one page without a
council); each table's last part holds the scope keys, so an unchanged council's rows are
reused and only councils whose pages, facts, code or data changed are recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa
from prefect import get_run_logger

from flows import storage, table_reader
from flows.config import RunConfig
from flows.incremental import StageReport, batched, current_pages, scope_keys
from flows.link_inputs import INPUT_COLUMNS, InputTable, plain_rows
from flows.reference import council_facts, read_ofsted
from flows.schemas import empty_frame
from flows.sources import error_row
from linking.link import LinkResult, ScopeRows, link_scope
from linking.offices import read_offices
from linking.ofsted import in_page_order

OUTPUTS = ("people", "office_holders", "ofsted_check")
PAGE_COLUMNS = ["doc_id", "source", "council_id", "council", "meeting_date", "committee"]
SCOPES_PER_READ = 200  # councils (or pages without one) whose rows are read at once


def scope_of(page: dict[str, Any]) -> str:
    """A page's scope: its council, else the page itself."""
    return page["council_id"] or page["doc_id"]


def scope_rows(
    config: RunConfig, scopes: dict[str, list[dict]], facts: dict[str, dict]
) -> Iterable[ScopeRows]:
    """Each scope with its rows: the tables read once, a few hundred scopes' rows at a time."""
    all_docs = {p["doc_id"] for pages in scopes.values() for p in pages}
    inputs = {t: InputTable(config, t, all_docs) for t in INPUT_COLUMNS}
    for chunk in batched(sorted(scopes), SCOPES_PER_READ):
        doc_ids = [p["doc_id"] for s in chunk for p in scopes[s]]
        tables = {t: table.rows(doc_ids) for t, table in inputs.items()}
        for scope in chunk:
            pages = scopes[scope]
            council = pages[0]["council_id"]
            known = facts.get(council or "", {})
            rows = ScopeRows(
                scope,
                council,
                tuple(known.get("names", ())),
                known.get("tier"),
                pages={p["doc_id"]: {**p, "scope": scope} for p in pages},
            )
            for page in pages:
                rows.people += tables["page_people"].get(page["doc_id"], [])
                rows.roles += tables["roles"].get(page["doc_id"], [])
                rows.judgements += tables["judgements"].get(page["doc_id"], [])
                rows.attendance += tables["attendance"].get(page["doc_id"], [])
            yield rows


def reused(config: RunConfig, scopes: dict[str, list[dict]]) -> LinkResult:
    """Last run's keys and rows of the scopes that did not change."""
    doc_ids = [p["doc_id"] for pages in scopes.values() for p in pages]
    if not doc_ids:
        return LinkResult({}, [], [])
    columns = ["mention_id", "person_key", "person_key_ambiguous"]
    people = plain_rows(config, "people", columns, doc_ids)
    keys = {p["mention_id"]: (p["person_key"], bool(p["person_key_ambiguous"])) for p in people}
    # A holder's scope is the first part of its person key (WOR:oborski:fran).
    holders = [
        h
        for h in plain_rows(config, "office_holders")
        if h["person_key"].split(":", 1)[0] in scopes
    ]
    checks = plain_rows(config, "ofsted_check", doc_ids=doc_ids)
    return LinkResult({m: k for m, k in keys.items() if k[0] is not None}, holders, checks)


def write_people(config: RunConfig, keys: dict[str, tuple[str, bool]], done: dict) -> int:
    """`people`: the working table's rows, part by part in order, with their person keys.

    Kept in Arrow: the rows were validated when `tables` wrote them, and only the two
    key columns are new (a pandas round trip cost about a second at 10,000 pages).
    """
    with storage.TableWriter(config.out_dir, "people") as writer:
        for rows in table_reader.read_parts(config.out_dir, "page_people"):
            found = [keys.get(m) for m in rows.column("mention_id").to_pylist()]
            key = pa.array([k[0] if k else None for k in found], pa.string())
            ambiguous = pa.array([k[1] if k else None for k in found], pa.bool_())
            rows = rows.append_column("person_key", key)
            writer.write_merged(rows.append_column("person_key_ambiguous", ambiguous), None)
        writer.page_keys = done
    return writer.rows


def write_table(config: RunConfig, table: str, rows: list[dict], done: dict) -> int:
    """One whole table from its rows, with the scope keys."""
    frame = pd.DataFrame(rows, columns=empty_frame(table).columns) if rows else empty_frame(table)
    with storage.TableWriter(config.out_dir, table) as writer:
        writer.write(frame)
        writer.page_keys = done
    return writer.rows


def link_pages(config: RunConfig) -> StageReport:
    """Recompute the scopes that changed, reuse the others, write the three tables."""
    report = StageReport("link")
    pages = plain_rows(config, "documents", PAGE_COLUMNS)
    scopes: dict[str, list[dict]] = {}
    for page in pages:
        scopes.setdefault(scope_of(page), []).append(page)
    councils = {p["council_id"]: p["council"] for p in pages if p["council_id"]}
    facts = council_facts(config, councils)
    described = {
        s: [facts.get(s), [(p["doc_id"], p["meeting_date"], p["committee"]) for p in found]]
        for s, found in scopes.items()
    }
    expected = scope_keys(config, described)
    present = all(storage.table_exists(config.out_dir, t) for t in OUTPUTS)
    current = current_pages(config, OUTPUTS, expected) if present and not config.refresh else set()
    logger = get_run_logger()
    if current == set(expected) and present:
        report.reused = len(pages)
        report.rows = {t: table_reader.count_rows(config.out_dir, t) for t in OUTPUTS}
        logger.info("link: all %d councils and pages unchanged, tables kept", len(expected))
        return report
    todo = {s: scopes[s] for s in scopes if s not in current}
    result = reused(config, {s: scopes[s] for s in current})
    report.reused = sum(len(scopes[s]) for s in current)
    done = {s: expected[s] for s in current}
    data = read_ofsted(config) if todo else None
    for rows in scope_rows(config, todo, facts):
        try:
            found = link_scope(rows, data, read_offices)
        except Exception as exc:  # recorded per page, never fatal: the other councils go on
            report.errors += [error_row(p["source"], "link", exc) for p in todo[rows.scope]]
            continue
        result.keys.update(found.keys)
        result.office_holders += found.office_holders
        result.ofsted_check += found.ofsted_check
        done[rows.scope] = expected[rows.scope]
        report.processed += len(todo[rows.scope])
    report.rows = {
        "people": write_people(config, result.keys, done),
        "office_holders": write_table(config, "office_holders", result.office_holders, done),
        "ofsted_check": write_table(
            config, "ofsted_check", in_page_order(result.ofsted_check), done
        ),
    }
    logger.info(
        "link: %d councils recomputed, %d reused; rows %s",
        len(todo),
        len(current),
        report.rows,
    )
    return report
