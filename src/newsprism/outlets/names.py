"""Normalising outlet names and web addresses into lookup keys.

Names: case, accents, punctuation and a leading "The" do not matter; "&" reads as
"and"; a token that looks like a domain ("NBCNews.com") keeps its dots. AllSides-style
section suffixes are understood: "CNN (Online News)", "New York Times - News" and
"NBC News (Online)" name the outlet itself, "New York Times (Opinion)" and "Fox News
Opinion" its opinion section.

Addresses: a URL, a bare domain or "domain/path" is reduced to the host without
`www.`/`m.`/`amp.`/`mobile.` (and English-edition `en.`/`english.`) prefixes, then
tried from the most specific key ("yahoo.com/news") to the registrable parent
("edition.cnn.com" -> "cnn.com").
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

NEWS = "news"
OPINION = "opinion"

_NEWS_SUFFIX = r"online news|web news|news|online|web|print"
_OPINION_SUFFIX = r"opinion|opinions|editorial|editorials|op-ed|commentary"
_SECTION_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\s*[\(\[]\s*(?:{_NEWS_SUFFIX})\s*[\)\]]\s*$", re.I), NEWS),
    (re.compile(rf"\s+[-–—:|]\s*(?:{_NEWS_SUFFIX})\s*$", re.I), NEWS),
    (re.compile(r"\s+(?:online news|web news)\s*$", re.I), NEWS),
    (re.compile(rf"\s*[\(\[]\s*(?:{_OPINION_SUFFIX})\s*[\)\]]\s*$", re.I), OPINION),
    (re.compile(rf"\s+[-–—:|]\s*(?:{_OPINION_SUFFIX})\s*$", re.I), OPINION),
    (re.compile(r"\s+(?:opinion|editorials?)\s*$", re.I), OPINION),
]

_DOMAIN_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]{2,})+")
_HOST_PREFIXES = re.compile(r"^(?:(?:www\d*|m|amp|mobile|en|eng|english)\.)+")
_AMP_CACHE = ".cdn.ampproject.org"


def split_section(name: str) -> tuple[str, str | None]:
    """ "CNN (Online News)" -> ("CNN", "news"); "Fox News Opinion" -> ("Fox News", "opinion")."""
    for pattern, section in _SECTION_PATTERNS:
        base = pattern.sub("", name)
        if base != name and base.strip():
            return base.strip(), section
    return name.strip(), None


def normalize_name(name: str) -> str:
    """A case/punctuation-insensitive key: "The Wall Street Journal" -> "wall street journal"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’`´]", "", text)
    tokens: list[str] = []
    for token in re.split(r"[^a-z0-9.-]+", text):
        token = token.strip(".-")
        if not token:
            continue
        if _DOMAIN_TOKEN.fullmatch(token):
            tokens.append(token)
        else:
            tokens.extend(part for part in re.split(r"[.-]+", token.replace(".", "")) if part)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def name_keys(name: str) -> list[str]:
    """Index keys for one name: itself, and its section form ("cnn", "cnn opinion")."""
    keys = [normalize_name(name)]
    base, section = split_section(name)
    if section == NEWS:
        keys.append(normalize_name(base))
    elif section == OPINION:
        keys.append(normalize_name(base) + " opinion")
    return [key for i, key in enumerate(keys) if key and key not in keys[:i]]


def query_keys(name: str) -> list[str]:
    """Keys to try for a name query, most literal first.

    After the name itself and its section form, a trailing "News" is dropped or added
    ("BBC" finds "BBC News", "NPR News" finds "NPR"): outlet names vary in exactly that
    word far more often than two different outlets differ only by it.
    """
    keys = name_keys(name)
    for key in list(keys):
        if key.endswith(" opinion"):
            continue
        if key.endswith(" news") and len(key) > 5:
            keys.append(key[: -len(" news")])
        else:
            keys.append(key + " news")
    return [key for i, key in enumerate(keys) if key and key not in keys[:i]]


def looks_like_address(text: str) -> bool:
    """True for a URL, a bare domain ("bbc.co.uk") or "domain/path"."""
    text = text.strip()
    if "://" in text:
        return True
    if " " in text or "." not in text:
        return False
    host = text.split("/", 1)[0].lower()
    return bool(re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?", host))


def normalize_host(host: str) -> str:
    """ "WWW.BBC.co.uk:443." -> "bbc.co.uk"; Google AMP cache hosts are decoded."""
    host = host.strip().lower().rstrip(".")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if host.endswith(_AMP_CACHE):
        encoded = host[: -len(_AMP_CACHE)]
        host = encoded.replace("--", "\x00").replace("-", ".").replace("\x00", "-")
    previous = None
    while previous != host:
        previous = host
        host = _HOST_PREFIXES.sub("", host)
    return host


def normalize_domain(domain: str) -> str:
    """A registry domain key: normalised host, plus "/first-path-segment" when given."""
    text = domain.strip()
    if "://" in text:
        parts = urlsplit(text)
        host, path = parts.netloc, parts.path
    else:
        host, _, path = text.partition("/")
    host = normalize_host(host)
    segment = path.strip("/").split("/", 1)[0].lower()
    return f"{host}/{segment}" if segment else host


def address_keys(address: str) -> list[str]:
    """Domain keys to try for a URL or domain, most specific first."""
    text = address.strip()
    if "://" not in text:
        text = "//" + text
    parts = urlsplit(text)
    host = normalize_host(parts.netloc)
    if not host:
        return []
    segment = parts.path.strip("/").split("/", 1)[0].lower()
    labels = host.split(".")
    keys: list[str] = []
    for start in range(len(labels) - 1):
        parent = ".".join(labels[start:])
        if segment:
            keys.append(f"{parent}/{segment}")
        keys.append(parent)
    return keys
