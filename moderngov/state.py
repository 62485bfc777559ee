"""A council's fetch state and error records, kept beside its raw files but hidden from ingest.

`raw/<council_id>/.fetch-state.json` (what each meeting's last answer was),
`raw/<council_id>/.fetch-errors.json` (the last fetch's failures, folded into `errors` by
ingest) and `raw/<council_id>/.council.json` (the council and its committee titles, read by
ingest). Ingest skips names starting with ".", so none of these is taken for a page.
Every file is written atomically: a hidden temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

STATE_FILE = ".fetch-state.json"
ERRORS_FILE = ".fetch-errors.json"
COUNCIL_FILE = ".council.json"
STATE_VERSION = 1
TEMP_SUFFIX = ".tmp"


@dataclass
class MeetingState:
    """The last good answer of one meeting."""

    committee_id: int
    url: str
    path: str  # under the council's folder: <committee_id>/<meeting_id>.xml
    fetched_at: str  # ISO 8601, UTC: when the answer was last confirmed (200 or 304)
    sha256: str
    etag: str | None = None
    last_modified: str | None = None
    meeting_date: str | None = None  # ISO date
    status: str | None = None
    minutes_published: bool = False


@dataclass
class CommitteeState:
    """What the last GetCommittees said of one committee."""

    title: str
    expired: bool = False
    current_until: str | None = None  # ISO date of the last fetch that saw it not expired


@dataclass
class FetchState:
    """Everything a council's next fetch needs from its last one."""

    council_id: str
    site: str
    meetings: dict[str, MeetingState] = field(default_factory=dict)
    committees: dict[str, CommitteeState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The state as a JSON object, meetings by id in id order."""
        return {
            "version": STATE_VERSION,
            "council_id": self.council_id,
            "site": self.site,
            "committees": {k: asdict(v) for k, v in sorted(self.committees.items(), key=by_id)},
            "meetings": {k: asdict(v) for k, v in sorted(self.meetings.items(), key=by_id)},
        }


def by_id(pair: tuple[str, Any]) -> tuple[int, str]:
    """Sort key of numeric ids kept as strings."""
    return (int(pair[0]) if pair[0].isdigit() else -1, pair[0])


def known_fields(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``data`` that ``cls`` has (a newer state file may carry more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def load_state(folder: Path, council_id: str, site: str) -> FetchState:
    """The council's fetch state; an empty one when there is none or it cannot be read."""
    try:
        data = json.loads((Path(folder) / STATE_FILE).read_text("utf-8"))
        return FetchState(
            council_id=council_id,
            site=site,
            meetings={
                k: MeetingState(**known_fields(MeetingState, v))
                for k, v in data.get("meetings", {}).items()
            },
            committees={
                k: CommitteeState(**known_fields(CommitteeState, v))
                for k, v in data.get("committees", {}).items()
            },
        )
    except (OSError, ValueError, TypeError, AttributeError):
        # A missing or damaged state costs one full re-check (body hashes still spare rewrites).
        return FetchState(council_id=council_id, site=site)


def save_state(folder: Path, state: FetchState) -> None:
    """Write the council's fetch state atomically."""
    write_json(Path(folder) / STATE_FILE, state.to_json())


def write_json(path: Path, data: Any) -> bool:
    """Write JSON atomically unless the file already holds exactly it; True when written."""
    payload = (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if path.exists() and path.read_bytes() == payload:
        return False
    write_atomic(path, payload)
    return True


def read_json(path: Path, default: Any) -> Any:
    """A JSON file's content, or ``default`` when it is missing or unreadable."""
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return default


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's bytes all at once: a hidden temporary file in its folder, then a rename.

    Readers see the old bytes or the new ones; an interrupted write leaves only a hidden
    temporary file (ingest skips it, the next fetch removes it).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_temp_files(folder: Path) -> int:
    """Delete temporary files a killed fetch left behind; returns how many."""
    removed = 0
    for temp in Path(folder).rglob(f".*{TEMP_SUFFIX}"):
        temp.unlink(missing_ok=True)
        removed += 1
    return removed


def write_errors(folder: Path, errors: list[dict[str, str]]) -> None:
    """Replace the council's fetch error records (the last fetch's failures)."""
    write_json(Path(folder) / ERRORS_FILE, errors)


def read_fetch_errors(raw_dir: Path) -> list[dict[str, str]]:
    """Every council's last fetch error records under a raw folder (for the `errors` table)."""
    rows: list[dict[str, str]] = []
    for path in sorted(Path(raw_dir).glob(f"*/{ERRORS_FILE}")):
        found = read_json(path, [])
        rows += [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
    return rows


def write_council_file(folder: Path, info: dict[str, Any]) -> None:
    """Record the council and its committee titles for ingest (rewritten only when changed)."""
    write_json(Path(folder) / COUNCIL_FILE, info)


def read_council_files(raw_dir: Path) -> dict[str, dict[str, Any]]:
    """Council folder name -> what its last fetch recorded of the council."""
    found = {}
    for path in sorted(Path(raw_dir).glob(f"*/{COUNCIL_FILE}")):
        info = read_json(path, None)
        if isinstance(info, dict):
            found[path.parent.name] = info
    return found
