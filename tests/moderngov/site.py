"""A fake ModernGov site on 127.0.0.1: the web service answered from recorded and synthetic answers.

Recorded answers (tests/data/moderngov, see PROVENANCE.md) are served byte for byte;
every other answer is synthetic, built here in the styles seen on real sites. Tests script
faults per call (HTML pages, truncated bodies, 404, 429, 503 bursts, stalls) and read back
every request the site saw, with the server's own clock, to check politeness.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

DATA = Path(__file__).parents[1] / "data" / "moderngov"
SERVICE = "/mgWebService.asmx/"
# The server stops by itself after this long even if a test forgets to stop it.
LIFETIME = 900.0


def recorded(name: str) -> bytes:
    """A recorded answer's bytes."""
    return (DATA / name).read_bytes()


@dataclass
class Reply:
    """One scripted answer: a status, body and headers, or a stall, or a body cut short."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # never answer (the client times out)
    cut: int | None = None  # send only this many bytes of a body whose full length is promised
    length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class Seen:
    """A request as the server saw it."""

    at: float  # the server's monotonic clock
    method: str
    params: dict[str, str]
    headers: dict[str, str]
    port: int  # the client's port: one port = one connection


@dataclass
class FakeMeeting:
    """A meeting the site serves: where GetMeetings lists it and its GetMeeting answer."""

    meeting_id: int
    committee_id: int
    day: date
    status: str
    body: bytes


class ModernGovSite:
    """The site's content, its scripted faults and what it was asked; start() serves it."""

    def __init__(
        self, committees: bytes, meetings: list[FakeMeeting], validators: str = "none"
    ) -> None:
        self.committees = committees
        self.meetings = {m.meeting_id: m for m in meetings}
        self.validators = validators  # none, etag, last-modified or both
        self.scripts: dict[tuple[str, str], deque[Reply]] = {}
        self.requests: list[Seen] = []
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    # -- content and scripts --------------------------------------------------------------
    def script(self, method: str, key: object, *replies: Reply) -> None:
        """Answer the next calls of a method (for one id) with these replies, then normally."""
        self.scripts.setdefault((method, str(key)), deque()).extend(replies)

    def replace_meeting(self, meeting_id: int, body: bytes) -> None:
        """The site publishes a new version of a meeting (e.g. its minutes)."""
        self.meetings[meeting_id].body = body

    def calls(self, method: str) -> list[Seen]:
        """The requests of one method, in order."""
        return [r for r in self.requests if r.method == method]

    # -- serving ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The site's root URL."""
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ModernGovSite:
        """Serve on a free port of 127.0.0.1 in a daemon thread."""
        site = self

        class Handler(SiteHandler):
            pass

        Handler.site = site
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self._timer = threading.Timer(LIFETIME, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and let stalled answers end."""
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        self._timer.cancel()

    def __enter__(self) -> ModernGovSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answers ----------------------------------------------------------------------------
    def answer(self, method: str, params: dict[str, str], headers: dict[str, str]) -> Reply:
        """The reply to one call: a scripted one first, else the site's content."""
        key = params.get("lMeetingId") or params.get("lCommitteeId") or "None"
        with self.lock:
            queue = self.scripts.get((method, key))
            if queue:
                return queue.popleft()
        if method == "GetCommittees":
            return Reply(body=self.committees)
        if method == "GetMeetings":
            return Reply(body=self.meetings_answer(params))
        if method == "GetMeeting":
            meeting = self.meetings.get(int(key)) if key.isdigit() else None
            if meeting is None:
                return Reply(404, b"<html><body>Not found</body></html>")
            return self.conditional(meeting, headers)
        return Reply(404, b"<html><body>No such method</body></html>")

    def conditional(self, meeting: FakeMeeting, headers: dict[str, str]) -> Reply:
        """The meeting's answer with validators, or 304 when the client's still match."""
        etag = f'"{hashlib.sha256(meeting.body).hexdigest()[:12]}"'
        modified = formatdate(time.mktime(meeting.day.timetuple()), usegmt=True)
        sent = {}
        if self.validators in ("etag", "both"):
            sent["ETag"] = etag
        if self.validators in ("last-modified", "both"):
            sent["Last-Modified"] = modified
        by_etag = "ETag" in sent and headers.get("if-none-match") == sent["ETag"]
        by_date = "ETag" not in sent and "Last-Modified" in sent
        if by_etag or (by_date and headers.get("if-modified-since") == sent["Last-Modified"]):
            return Reply(304, headers=sent)
        return Reply(body=meeting.body, headers=sent | {"Content-Type": "text/xml; charset=utf-8"})

    def meetings_answer(self, params: dict[str, str]) -> bytes:
        """A GetMeetings answer for one committee between two dd/mm/yyyy dates (synthetic)."""
        committee = int(params.get("lCommitteeId", "0"))
        start, end = uk(params.get("sFromDate", "")), uk(params.get("sToDate", ""))
        chosen = [
            m
            for m in sorted(self.meetings.values(), key=lambda m: (m.day, m.meeting_id))
            if m.committee_id == committee and start <= m.day <= end
        ]
        rows = "".join(
            f"      <meeting>\n        <meetingid>{m.meeting_id}</meetingid>\n"
            f"        <meetingdate>{m.day:%d/%m/%Y}</meetingdate>\n"
            f"        <meetingstatus>{escape(m.status)}</meetingstatus>\n"
            "        <meetingtime>6.00 pm</meetingtime>\n      </meeting>\n"
            for m in chosen
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n'
            f"  <meetingscount> {len(chosen)}</meetingscount>\n"
            "  <committeescount> 1</committeescount>\n"
            f"  <committee>\n    <committeeid>{committee}</committeeid>\n"
            f"    <committeemeetings>\n{rows}    </committeemeetings>\n  </committee>\n"
            "</getmeetings>\n"
        ).encode()


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a client hanging up (tests cut answers short)."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, so one client connection serves many requests."""

    protocol_version = "HTTP/1.1"
    site: ModernGovSite

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: tests read `site.requests` instead."""

    def do_GET(self) -> None:  # noqa: N802
        """Record the call, then send its reply."""
        parts = urlsplit(self.path)
        method = parts.path.removeprefix(SERVICE) if parts.path.startswith(SERVICE) else parts.path
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        seen = Seen(time.monotonic(), method, params, headers, self.client_address[1])
        with self.site.lock:
            self.site.requests.append(seen)
        reply = self.site.answer(method, params, headers)
        if reply.stall:
            self.site.release.wait(timeout=LIFETIME)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 304 and reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.status != 304:
            self.wfile.write(reply.body if reply.cut is None else reply.body[: reply.cut])
        if reply.cut is not None or not reply.length:
            self.close_connection = True


def uk(text: str) -> date:
    """A dd/mm/yyyy date (the service's format)."""
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


# -- synthetic answers ----------------------------------------------------------------------
def item_xml(number: str, title: str, agenda: str, minutes: str, *, restricted: bool = False,
             decision: str = "", committee: str = "Cabinet") -> str:  # fmt: skip
    """A synthetic agenda item: bodies HTML escaped once for XML, titles twice (as sites do)."""
    fields = [
        f"<agendaitemtitle>{escape(html.escape(title))}</agendaitemtitle>",
        f"<agendatext>{escape(agenda)}</agendatext>",
        f"<fulldisplaynumberformat>{escape(number)}</fulldisplaynumberformat>",
        f"<minutesnonemptyhtmlbody>{escape(minutes)}</minutesnonemptyhtmlbody>",
        f"<isrestricted>{restricted}</isrestricted>",
        f"<refertocommittee>{escape(committee)}</refertocommittee>",
    ]
    if decision:
        fields.append(f"<decisionnonemptyhtmlbody>{escape(decision)}</decisionnonemptyhtmlbody>")
    return "    <agendaitem>\n      " + "\n      ".join(fields) + "\n    </agendaitem>\n"


def meeting_xml(
    meeting_id: int,
    day: date,
    status: str = "Confirmed",
    *,
    items: str = "",
    minutes_published: bool = True,
    attendees: str = "",
) -> bytes:
    """A synthetic GetMeeting answer in the shape of the recorded ones."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n'
        f"  <meetingid>{meeting_id}</meetingid>\n  <meetingdate>{day:%d/%m/%Y}</meetingdate>\n"
        f"  <meetingstatus>{escape(status)}</meetingstatus>\n  <meetingtime>6.00 pm</meetingtime>\n"
        "  <meetinglocation>Council Chamber</meetinglocation>\n"
        f"  <minutepublished>{minutes_published}</minutepublished>\n"
        f"  <agendaitems>\n{items}  </agendaitems>\n"
        f"  <attendees>\n{attendees}  </attendees>\n</meeting>\n"
    ).encode()


def attendee_xml(name: str, role: str, attendance: str, member_id: int, party: str = "",
                 ward: str = "") -> str:  # fmt: skip
    """One synthetic attendee (attributes, as sites send them)."""
    attrs = {
        "memberid": str(member_id),
        "name": name,
        "roledescription": role,
        "attendance": attendance,
        "politicalparty": party,
        "ward": ward,
    }
    text = " ".join(f'{k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in attrs.items() if v)
    return f"    <attendee {text}>\n    </attendee>\n"


def ordinary_meeting(meeting_id: int, day: date, status: str, minutes: bool) -> bytes:
    """A synthetic Cabinet meeting: apologies, minutes, one report (minutes when published)."""
    if "cancel" in status.lower():
        return meeting_xml(meeting_id, day, status, minutes_published=False)
    said = "<p>The minutes were agreed.</p>" if minutes else ""
    items = item_xml("1.", "Apologies", "<p>To receive apologies.</p>", said and
                     "<p>Apologies were received from Councillor A Smith.</p>")  # fmt: skip
    items += item_xml("2.", "Minutes", "<p>To approve the minutes.</p>", said)
    items += item_xml("3.", "Budget Monitoring Report", "<p>Report of the Director.</p>",
                      said and "<p>RESOLVED that the report be noted.</p>")  # fmt: skip
    people = attendee_xml("Councillor Alice Smith", "Chair", "Apologies", 11, "LAB", "North")
    people += attendee_xml("Councillor Bob Jones", "Committee Member", "Present", 12, "CON")
    return meeting_xml(
        meeting_id, day, status, items=items, minutes_published=minutes, attendees=people
    )


def recorded_site(validators: str = "none") -> ModernGovSite:
    """Gloucester's recorded committees and Cabinet meetings; GetMeeting 7837 recorded, the
    other Cabinet meetings synthetic (the ones after 1 December 2025 without minutes yet)."""
    listing = recorded("gloucester_getmeetings_cabinet.xml").decode()
    meetings = []
    for ident, day, status in re.findall(
        r"<meetingid>(\d+)</meetingid>\s*<meetingdate>([\d/]+)</meetingdate>\s*"
        r"<meetingstatus>([^<]*)</meetingstatus>",
        listing,
    ):
        when = uk(day)
        body = (
            recorded("gloucester_getmeeting_7837.xml")
            if ident == "7837"
            else ordinary_meeting(int(ident), when, status, when < date(2025, 12, 1))
        )
        meetings.append(FakeMeeting(int(ident), 129, when, status, body))
    return ModernGovSite(recorded("gloucester_getcommittees.xml"), meetings, validators)


SMALL_COMMITTEES = b"""<?xml version="1.0" encoding="utf-8"?>
<committees>
  <committeescount> 4</committeescount>
  <committee><committeeid>10</committeeid><committeetitle>Audit Committee</committeetitle>
    <committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired></committee>
  <committee><committeeid>20</committeeid>
    <committeetitle>Children&amp;#39;s Scrutiny</committeetitle>
    <committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired></committee>
  <committee><committeeid>30</committeeid><committeetitle>Old Board</committeetitle>
    <committeedeleted>False</committeedeleted><committeeexpired>True</committeeexpired></committee>
  <committee><committeeid>40</committeeid><committeetitle>Deleted Panel</committeetitle>
    <committeedeleted>True</committeedeleted><committeeexpired>False</committeeexpired></committee>
</committees>
"""


def small_site(validators: str = "none") -> ModernGovSite:
    """A synthetic council in Manchester's style: the recorded Manchester meetings (Audit
    Committee, one cancelled) plus synthetic ones, two current committees, one expired and
    one deleted (which must never be asked for)."""
    meetings = [
        FakeMeeting(4966, 10, date(2026, 1, 13), "Cancelled",
                    recorded("manchester_getmeeting_cancelled.xml")),
        FakeMeeting(4967, 10, date(2026, 2, 10), "Confirmed",
                    recorded("manchester_audit_2026-02-10.xml")),
        FakeMeeting(501, 20, date(2025, 11, 4), "Confirmed",
                    ordinary_meeting(501, date(2025, 11, 4), "Confirmed", True)),
        FakeMeeting(502, 20, date(2026, 2, 3), "Confirmed",
                    ordinary_meeting(502, date(2026, 2, 3), "Confirmed", False)),
        FakeMeeting(301, 30, date(2025, 12, 1), "Confirmed",
                    ordinary_meeting(301, date(2025, 12, 1), "Confirmed", True)),
        FakeMeeting(401, 40, date(2025, 12, 2), "Confirmed",
                    ordinary_meeting(401, date(2025, 12, 2), "Confirmed", True)),
    ]  # fmt: skip
    return ModernGovSite(SMALL_COMMITTEES, meetings, validators)
