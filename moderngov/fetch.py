"""Fetch councils' meetings from their web services into `raw/<council_id>/<committee>/<id>.xml`.

Committees, then each committee's meetings over the date range, then each meeting. A
meeting whose minutes are out and that is older than the settle period is not asked for
again; others are asked with the validators the site last sent, and an answer with the
same bytes as the file on disk is not rewritten. A failed request becomes an error record
and the previous good file stays; the other meetings and councils go on.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from moderngov.client import SiteClient
from moderngov.errors import FetchError
from moderngov.options import FetchOptions, FetchSummary, Progress, utc_now
from moderngov.registry import Council
from moderngov.service import (
    Committee,
    MeetingRef,
    committees_url,
    date_windows,
    meeting_url,
    meetings_url,
    parse_committees,
    parse_meeting,
    parse_meetings,
)
from moderngov.state import (
    CommitteeState,
    FetchState,
    MeetingState,
    by_id,
    load_state,
    remove_temp_files,
    save_state,
    write_atomic,
    write_council_file,
    write_errors,
)

SAVE_EVERY = 25  # answers between two saves of the state (an interrupted fetch resumes from it)
# A meeting in one of these states will not change any more once it is old enough.
FINAL_STATUS = re.compile(r"\b(?:cancell?ed|postponed|abandoned)\b", re.IGNORECASE)


class CouncilFetch:
    """One council's fetch: its folder, state, client and running summary."""

    def __init__(
        self,
        council: Council,
        raw_dir: Path,
        options: FetchOptions,
        run_date: date,
        client: SiteClient,
        now: Callable[[], str] = utc_now,
        progress: Progress | None = None,
    ) -> None:
        self.council, self.options, self.run_date = council, options, run_date
        self.raw_dir = Path(raw_dir)
        self.folder = self.raw_dir / council.council_id
        self.client, self.now, self.progress = client, now, progress
        self.state: FetchState = load_state(self.folder, council.council_id, council.site)
        self.summary = FetchSummary(council.council_id, council.name)

    def run(self) -> FetchSummary:
        """Fetch everything in range; the state, errors and council files are written at the end."""
        started, requests, size = time.perf_counter(), self.client.requests, self.client.bytes
        if self.folder.exists():
            remove_temp_files(self.folder)
        try:
            committees = self.list_committees()
            meetings = self.list_meetings(committees) if committees is not None else []
            self.fetch_meetings(meetings)
        except Exception as exc:  # a bug or a full disk: recorded, the other councils go on
            self.fail(self.council.council_id, self.council.webservice, exc)
            self.summary.failed += 1
        finally:
            self.summary.requests = self.client.requests - requests
            self.summary.bytes = self.client.bytes - size
            self.save()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def save(self) -> None:
        """Write the state, this fetch's error records and the council file."""
        save_state(self.folder, self.state)
        write_errors(self.folder, self.summary.errors)
        titles = {k: c.title for k, c in sorted(self.state.committees.items(), key=by_id)}
        info = {
            "council_id": self.council.council_id,
            "name": self.council.name,
            "site": self.council.site,
            "committees": titles,
        }
        write_council_file(self.folder, info)

    def fail(self, source: str, url: str, exc: BaseException) -> None:
        """Record a failure as an `errors` row (stage fetch): council, URL, class, message."""
        message = str(exc) if url in str(exc) else f"{url}: {exc}"
        self.summary.errors.append(
            {
                "source": source,
                "stage": "fetch",
                "error": type(exc).__name__,
                "message": message,
                "council_id": self.council.council_id,
                "url": url,
            }
        )

    def list_committees(self) -> list[Committee] | None:
        """The committees to fetch (not deleted; expired ones only when the range needs them)."""
        url = committees_url(self.council)
        try:
            committees = parse_committees(self.client.get(url).body, url)
        except FetchError as exc:
            self.fail(self.council.council_id, url, exc)
            return None
        chosen = choose_committees(committees, self.state, self.options)
        for c in committees:
            if c.deleted:
                continue
            known = self.state.committees.get(str(c.committee_id))
            until = known.current_until if known else None
            current = None if c.expired else self.run_date.isoformat()
            self.state.committees[str(c.committee_id)] = CommitteeState(
                c.title, c.expired, current or until
            )
        self.summary.committees = len(chosen)
        return chosen

    def list_meetings(self, committees: list[Committee]) -> list[MeetingRef]:
        """Every meeting of the chosen committees in range, once each, by date then id."""
        found: dict[int, MeetingRef] = {}
        windows = list(
            date_windows(self.options.since, self.options.until, self.options.window_days)
        )
        for committee in committees:
            for start, end in windows:
                url = meetings_url(self.council, committee.committee_id, start, end)
                try:
                    refs = parse_meetings(self.client.get(url).body, url)
                except FetchError as exc:
                    self.fail(f"{self.council.council_id}/{committee.committee_id}", url, exc)
                    continue
                for ref in refs:
                    found.setdefault(ref.meeting_id, ref)
        meetings = sorted(found.values(), key=lambda m: (m.meeting_date or date.min, m.meeting_id))
        self.summary.meetings = len(meetings)
        return meetings

    def fetch_meetings(self, meetings: list[MeetingRef]) -> None:
        """GetMeeting for each meeting that is not settled, saving the state now and then."""
        total = len(meetings)
        if self.progress:
            self.progress(self.council.council_id, 0, total)
        for done, ref in enumerate(meetings, start=1):
            if self.fetch_meeting(ref) and done % SAVE_EVERY == 0:
                save_state(self.folder, self.state)
            if self.progress:
                self.progress(self.council.council_id, done, total)

    def fetch_meeting(self, ref: MeetingRef) -> bool:
        """Ask for one meeting unless settled; write its answer if new or changed. True if asked."""
        key = str(ref.meeting_id)
        relative = f"{ref.committee_id}/{ref.meeting_id}.xml"
        path = self.folder / relative
        source = f"{self.council.council_id}/{relative}"
        known = self.state.meetings.get(key)
        on_disk = path.exists() if known is None else (self.folder / known.path).exists()
        if known and on_disk and self.is_settled(known):
            self.summary.settled += 1
            return False
        url = meeting_url(self.council, ref.meeting_id)
        headers = validators(known) if known and on_disk else {}
        try:
            answer = self.client.get(url, headers)
            if answer.status == 304 and known:
                self.state.meetings[key] = replace(known, fetched_at=self.now())
                self.summary.unchanged += 1
                return True
            facts = parse_meeting(answer.body, url, ref.meeting_id)
            outcome = self.store(path, answer.body)
        except (FetchError, OSError) as exc:
            self.fail(source, url, exc)
            self.summary.failed += 1
            return True
        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
        if known and known.path != relative:
            # The meeting moved to another committee: keep one copy, under its new folder.
            (self.folder / known.path).unlink(missing_ok=True)
        when = facts.meeting_date or ref.meeting_date
        self.state.meetings[key] = MeetingState(
            committee_id=ref.committee_id,
            url=url,
            path=relative,
            fetched_at=self.now(),
            sha256=hashlib.sha256(answer.body).hexdigest(),
            etag=answer.etag,
            last_modified=answer.last_modified,
            meeting_date=when.isoformat() if when else None,
            status=facts.status or ref.status,
            minutes_published=facts.minutes_published,
        )
        return True

    def is_settled(self, known: MeetingState) -> bool:
        """Minutes out (or the meeting cancelled) and older than the settle period."""
        final = known.minutes_published or bool(FINAL_STATUS.search(known.status or ""))
        if not final or not known.meeting_date:
            return False
        age = self.run_date - date.fromisoformat(known.meeting_date)
        return age >= timedelta(days=self.options.settle_days)

    @staticmethod
    def store(path: Path, body: bytes) -> str:
        """Write an answer unless the file holds the same bytes: "new", "changed" or "unchanged"."""
        if path.exists():
            if hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(body).digest():
                return "unchanged"
            write_atomic(path, body)
            return "changed"
        write_atomic(path, body)
        return "new"


def validators(known: MeetingState) -> dict[str, str]:
    """Conditional-request headers from the validators the site last sent."""
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def choose_committees(
    committees: Iterable[Committee], state: FetchState, options: FetchOptions
) -> list[Committee]:
    """Committees to ask for meetings: not deleted, matching --committee, and current.

    An expired committee is asked for when --include-expired is given, or when an
    earlier fetch saw it current after the start of the range (the range reaches back
    before its expiry).
    """
    pattern = re.compile(options.committee, re.IGNORECASE) if options.committee else None
    chosen = []
    for committee in committees:
        if committee.deleted or (pattern and not pattern.search(committee.title)):
            continue
        if committee.expired and not options.include_expired:
            known = state.committees.get(str(committee.committee_id))
            until = known.current_until if known else None
            if until is None or date.fromisoformat(until) < options.since:
                continue
        chosen.append(committee)
    return chosen


def fetch_council(
    council: Council,
    raw_dir: Path,
    options: FetchOptions,
    run_date: date,
    *,
    client: SiteClient | None = None,
    progress: Progress | None = None,
    now: Callable[[], str] = utc_now,
) -> FetchSummary:
    """Fetch one council end to end (its own connection unless a client is given)."""
    if client is not None:
        return CouncilFetch(council, raw_dir, options, run_date, client, now, progress).run()
    with SiteClient(council.site, options.client) as own:
        return CouncilFetch(council, raw_dir, options, run_date, own, now, progress).run()
