"""User override files: outlets the user adds or corrects, in TOML or CSV.

CSV (header required, columns in any order, empty cell = not set):

    id,name,aliases,domains,lean,factuality,reliability,owner,ownership,country,media_type
    harbor-gazette,Harbor Gazette,The Gazette|HG,harborgazette.example,lean-left,high,0.8,...

TOML, the same keys, lists for aliases and domains:

    [[outlet]]
    id = "harbor-gazette"
    name = "Harbor Gazette"
    aliases = ["The Gazette", "HG"]
    domains = ["harborgazette.example"]
    lean = "lean-left"
    factuality = "high"

Values: lean is one of far-left, left, lean-left, center, lean-right, right, far-right;
factuality one of very-high, high, mostly-factual, mixed, low, very-low; reliability a
number in 0..1; ownership one of independent, corporate, state-funded,
public-broadcaster, non-profit, other.

Which outlet a record changes: the outlet with its `id`; else the outlet holding one of
its domains exactly; else (neither id nor domains given) the outlet with exactly its
name; else the record adds a new outlet. Lean, factuality and reliability become a rating by rater
"user", which the combination rule puts above every other rater; the other fields are
replaced, aliases and domains are added to. Every value is credited to the file.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.outlets import names as nm
from newsprism.outlets import scales

FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "domains",
    "lean",
    "factuality",
    "reliability",
    "owner",
    "ownership",
    "country",
    "media_type",
)
_LIST_FIELDS = ("aliases", "domains")
TEXT_FIELDS = ("owner", "country", "media_type")


class OverrideError(ValueError):
    """A malformed override file; `line` is 1-based (0 when the whole file is at fault)."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class OverrideRecord:
    """One validated record of an override file."""

    line: int
    id: str | None = None
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    lean: int | None = None
    factuality: str | None = None
    reliability: float | None = None
    owner: str | None = None
    ownership: str | None = None
    country: str | None = None
    media_type: str | None = None


def read_override_file(path: Path) -> list[OverrideRecord]:
    """Parse and validate a TOML or CSV override file (all or nothing)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise OverrideError(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise OverrideError(path, 0, "not UTF-8 text") from exc
    if _is_toml(path, text):
        return parse_toml(text, path)
    return parse_csv(text, path)


def _is_toml(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".toml", ".csv"):
        return suffix == ".toml"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.startswith("[") or first.startswith("#") or "=" in first


def parse_csv(text: str, path: Path | str = "<csv>") -> list[OverrideRecord]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        return []
    except csv.Error as exc:
        raise OverrideError(path, 1, f"malformed CSV: {exc}") from exc
    unknown = [column for column in header if column not in FIELDS]
    if unknown:
        raise OverrideError(path, 1, f"unknown column {unknown[0]!r} (known: {', '.join(FIELDS)})")
    if not {"id", "name", "domains"} & set(header):
        raise OverrideError(path, 1, "the header needs an id, name or domains column")
    records = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise OverrideError(path, line, f"{len(row)} cells, the header has {len(header)}")
            values = {
                col: cell.strip() for col, cell in zip(header, row, strict=True) if cell.strip()
            }
            records.append(_record(values, line, path, lambda _key, line=line: line))
    except csv.Error as exc:
        raise OverrideError(path, reader.line_num, f"malformed CSV: {exc}") from exc
    return records


def parse_toml(text: str, path: Path | str = "<toml>") -> list[OverrideRecord]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise OverrideError(path, int(found.group(1)) if found else 0, message) from exc
    extra = [key for key in document if key != "outlet"]
    if extra:
        raise OverrideError(path, _key_line(text, extra[0], 0, None), f"unknown key {extra[0]!r}")
    tables = document.get("outlet", [])
    if not isinstance(tables, list):
        raise OverrideError(path, _key_line(text, "outlet", 0, None), "use [[outlet]] tables")
    starts = [
        i for i, line in enumerate(text.splitlines()) if re.match(r"\s*\[\[\s*outlet\s*\]\]", line)
    ]
    records = []
    for index, table in enumerate(tables):
        start = starts[index] if index < len(starts) else 0
        end = starts[index + 1] if index + 1 < len(starts) else None
        header_line = start + 1

        def line_of(key: str, start: int = start, end: int | None = end) -> int:
            return _key_line(text, key, start, end)

        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in FIELDS:
                raise OverrideError(
                    path, line_of(key), f"unknown key {key!r} (known: {', '.join(FIELDS)})"
                )
            values[key] = value
        records.append(_record(values, header_line, path, line_of))
    return records


def _key_line(text: str, key: str, start: int, end: int | None) -> int:
    lines = text.splitlines()
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, len(lines) if end is None else end):
        if pattern.match(lines[number]):
            return number + 1
    return start + 1


def _record(values: dict[str, Any], line: int, path: Path | str, line_of: Any) -> OverrideRecord:
    """Validate one record's raw values; `line_of(key)` gives the line of a key."""
    record = OverrideRecord(line=line)

    def fail(key: str, message: str) -> OverrideError:
        return OverrideError(path, line_of(key), f"{key}: {message}")

    for key, value in values.items():
        if key in _LIST_FIELDS:
            items = _as_list(value)
            if items is None:
                raise fail(key, "expected a list of strings (or 'a|b' in CSV)")
            if key == "domains":
                bad = [d for d in items if not nm.looks_like_address(d)]
                if bad:
                    raise fail(key, f"{bad[0]!r} is not a domain")
                items = [nm.normalize_domain(d) for d in items]
            setattr(record, key, items)
            continue
        if key == "reliability":
            record.reliability = _as_reliability(value)
            if record.reliability is None:
                raise fail(key, f"{value!r} is not a number in 0..1")
            continue
        if not isinstance(value, str) or not value.strip():
            raise fail(key, "expected a non-empty string")
        value = value.strip()
        if key == "lean":
            record.lean = scales.parse_lean(value)
            if record.lean is None:
                raise fail(key, f"{value!r} is not one of {', '.join(scales.LEAN_KEYS)}")
        elif key == "factuality":
            record.factuality = scales.parse_factuality(value)
            if record.factuality is None:
                known = ", ".join(scales.FACTUALITY_KEYS)
                raise fail(key, f"{value!r} is not one of {known}")
        elif key == "ownership":
            record.ownership = scales.parse_ownership(value)
            if record.ownership is None:
                known = ", ".join(scales.OWNERSHIP_KEYS)
                raise fail(key, f"{value!r} is not one of {known}")
        elif key == "id":
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
                raise fail(key, f"{value!r}: use letters, digits, '.', '_' and '-'")
            record.id = value
        else:
            setattr(record, key, value)
    if not (record.id or record.name or record.domains):
        raise OverrideError(path, line, "a record needs an id, a name or domains")
    return record


def _as_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    return None


def _as_reliability(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0.0 <= number <= 1.0 else None
