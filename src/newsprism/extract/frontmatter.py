"""Front matter of Markdown clippings: the YAML block between `---` lines that web
clippers (Obsidian Web Clipper, MarkDownload, ...) and static-site generators write
before the text:

    ---
    title: "Council approves harbour repair"
    source: "https://www.gazette.example/news/bridge-repair"
    author:
      - "[[Jane Doe]]"
    published: 2024-03-03
    ---

Only the flat subset these tools write is read (scalars, quoted strings, inline and
dash lists, folded blocks); no YAML library is needed and malformed blocks never fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsprism.extract.dates import parse_iso_datetime

MAX_FRONT_MATTER_LINES = 200

_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w.-]{0,40})[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_ITEM = re.compile(r"^[ \t]+-[ \t]*(?P<value>.*?)[ \t]*$")
_NESTED = re.compile(r"^[ \t]+(?:-[ \t]*)?[A-Za-z_][\w-]*[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_URL = re.compile(r"^https?://\S+$", re.I)

_TITLE_KEYS = ("title", "headline")
_URL_KEYS = (
    "url", "source", "source_url", "original_url", "canonical_url", "canonical", "link",
    "permalink", "href",
)  # fmt: skip
_DATE_KEYS = (
    "published", "date_published", "datepublished", "published_at", "publish_date",
    "publishdate", "pubdate", "published_time", "date",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "authors", "byline", "creator", "creators")
_SITE_KEYS = ("site_name", "sitename", "site", "publisher", "publication", "website")
_DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle", "dek")
_OTHER_KEYS = (
    "tags", "categories", "category", "keywords", "created", "updated", "modified", "clipped",
    "layout", "draft", "slug", "lang", "language", "image", "id", "type",
)  # fmt: skip
_KNOWN_KEYS = frozenset(
    _TITLE_KEYS
    + _URL_KEYS
    + _DATE_KEYS
    + _AUTHOR_KEYS
    + _SITE_KEYS
    + _DESCRIPTION_KEYS
    + _OTHER_KEYS
)


@dataclass
class FrontMatter:
    """The fields of a front matter block that say what the article is."""

    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    description: str | None = None
    fields: dict[str, str | list[str]] = field(default_factory=dict)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r'\\(["\\/])', r"\1", value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", value)  # a trailing YAML comment


def _clean_value(value: str) -> str:
    value = _unquote(value)
    value = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", value)  # [[Jane Doe]], [[p|Jane]]
    value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)  # [Jane Doe](https://...)
    return " ".join(value.split())


def _inline_list(value: str) -> list[str]:
    items = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,]+', value.strip()[1:-1])
    return [v for v in (_clean_value(item) for item in items) if v]


def _parse_block(lines: list[str]) -> dict[str, str | list[str]] | None:
    """Key -> value (str) or values (list); None when the lines are not a mapping."""
    fields: dict[str, str | list[str]] = {}
    key: str | None = None
    folded: list[str] | None = None
    keys_seen = 0
    stray = 0
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1] in (" ", "\t") and key is not None:
            if folded is not None:
                folded.append(line.strip())
                fields[key] = " ".join(folded)
                continue
            item = _NESTED.match(line) or _ITEM.match(line)
            if item:
                value = _clean_value(item.group("value"))
                if value:
                    current = fields.get(key)
                    values = current if isinstance(current, list) else []
                    fields[key] = [*values, value]
            continue
        match = _KEY.match(line)
        if not match:
            stray += 1
            continue
        keys_seen += 1
        key = match.group("key").lower().replace("-", "_")
        raw = (match.group("value") or "").strip()
        folded = [] if raw in ("|", ">", "|-", ">-", "|+", ">+") else None
        if folded is not None:
            fields[key] = ""
        elif raw.startswith("[") and raw.endswith("]"):
            fields[key] = _inline_list(raw)
        elif raw:
            fields[key] = _clean_value(raw)
    if stray > keys_seen or not _KNOWN_KEYS.intersection(fields):
        return None
    return fields


def _values(fields: dict[str, str | list[str]], keys: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and value:
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if v)
    return out


def _authors(fields: dict[str, str | list[str]]) -> list[str]:
    names: list[str] = []
    for value in _values(fields, _AUTHOR_KEYS):
        for name in re.split(r"\s*(?:;|,|\band\b|&)\s*", value):
            name = name.strip()
            if name and not _URL.match(name) and not name.startswith("@") and name not in names:
                names.append(name)
    return names


def _from_fields(fields: dict[str, str | list[str]]) -> FrontMatter:
    urls = [v for v in _values(fields, _URL_KEYS) if _URL.match(v)]
    published = None
    for value in _values(fields, _DATE_KEYS):
        published = parse_iso_datetime(value)
        if published is not None:
            break
    site = next((v for v in _values(fields, _SITE_KEYS) if not _URL.match(v)), None)
    if site is None:
        # "source: The Daily Example" names the site rather than linking to it.
        site = next((v for v in _values(fields, ("source",)) if not _URL.match(v)), None)
    return FrontMatter(
        title=next(iter(_values(fields, _TITLE_KEYS)), None),
        url=urls[0] if urls else None,
        published=published,
        authors=_authors(fields),
        site_name=site,
        description=next(iter(_values(fields, _DESCRIPTION_KEYS)), None),
        fields=fields,
    )


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """(front matter, the text after it); (None, text) when the text has none.

    The block must open on the first non-blank line with `---` and close with `---`
    (or `...`) within MAX_FRONT_MATTER_LINES lines, and read as `key: value` lines;
    a Markdown rule that happens to open a text is left alone.
    """
    lines = text.lstrip("\ufeff").split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or not _OPEN.match(lines[first].rstrip("\r")):
        return None, text
    for end in range(first + 1, min(len(lines), first + 1 + MAX_FRONT_MATTER_LINES)):
        if _CLOSE.match(lines[end].rstrip("\r")):
            block = [line.rstrip("\r") for line in lines[first + 1 : end]]
            fields = _parse_block(block)
            if fields is None:
                return None, text
            return _from_fields(fields), "\n".join(lines[end + 1 :])
    return None, text
