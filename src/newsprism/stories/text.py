"""Light, fast text signals for clustering: content tokens, names and numbers, URL slugs.

Pure functions over strings; no models, so they run at thousands of articles a second.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from newsprism.text import CLUSTERING_STOPWORDS, word_set

# Words that start sentences or headlines in capitals without being names.
_NOT_NAMES = CLUSTERING_STOPWORDS | word_set(
    """
    breaking update watch exclusive opinion analysis report reports live video photos
    here's what's how's why's it's that's there's he's she's they're we're i'm don't
    monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december sen rep gov gen dr st
    president vice secretary minister prime chairman chairwoman leader spokesman
    spokeswoman senator governor mayor judge officials associated
    """
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_NAME = re.compile(
    r"(?:[A-Z][a-zA-Z'\-]+|[A-Z]{2,}|[A-Z]\.)(?:\s+(?:[A-Z][a-zA-Z'\-]+|[A-Z]{2,}|[A-Z]\.|of|de|al|bin|van|von|la|del)){0,4}"
)
_NUMBER = re.compile(
    r"(?<![A-Za-z\-\d.])\$?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|million|billion|trillion)?"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)\s*$")
_SLUG_SPLIT = re.compile(r"[^a-z]+")


def _stem(word: str) -> str:
    """A tiny suffix stripper: plurals and possessives, enough to match "masks"/"mask"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_tokens(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words and numbers of a text."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace(",", "")
        if word in CLUSTERING_STOPWORDS or (len(word) < 2 and not word.isdigit()):
            continue
        tokens.append(_stem(word))
    return tokens


def _mostly_capitalised(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) > 0.6


_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?!\d)",
    re.IGNORECASE,
)


def time_mentions(title: str, text: str) -> set[str]:
    """Weekdays and month-day dates the article mentions ("friday", "may 8").

    Reports of one event name the same days ("signed the order on Friday"); reports of
    a similar event another week name others. A cheap, strong tell between the two.
    """
    found: set[str] = set()
    for source in (title, text):
        found.update(m.lower() for m in _WEEKDAY.findall(source or ""))
        for month, day in _MONTH_DAY.findall(source or ""):
            found.add(f"{month.lower()[:3]} {int(day)}")
    return found


def figures(title: str, text: str) -> set[str]:
    """Figures stated in a title and text ("473000", "$1.9 trillion", "45%"), not years."""
    found: set[str] = set()
    for source in (title, text):
        for match in _NUMBER.finditer(source or ""):
            figure = match.group().strip().replace(",", "").lower()
            if len(figure.strip("$%")) >= 2 and not _looks_like_year(figure):
                found.add(figure)
    return found


def proper_names(title: str, text: str) -> set[str]:
    """Proper names (capitalised word runs) in a title and text, lower-cased.

    Runs of capitalised words count as names unless they only start a sentence with a
    common word; in headlines written In Title Case every word is capitalised, so those
    contribute only runs with an all-caps word or a name seen in the body.
    """
    found: set[str] = set()
    body_names = _names_in(text) if text else set()
    found |= body_names
    if title:
        title_names = _names_in(title)
        if _mostly_capitalised(title):
            title_names = {n for n in title_names if n in body_names or _has_acronym(n)}
        found |= title_names
    return found


def _looks_like_year(figure: str) -> bool:
    return len(figure) == 4 and figure.isdigit() and figure[:2] in ("19", "20")


def _has_acronym(name: str) -> bool:
    return any(len(w) >= 2 and w.isupper() for w in name.split())


def _names_in(text: str) -> set[str]:
    names: set[str] = set()
    for match in _NAME.finditer(text):
        words = match.group().split()
        at_start = bool(_SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]))
        stripped = 0
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
            stripped += 1
        while words and words[-1].lower() in _NOT_NAMES:
            words = words[:-1]
        if not words:
            continue
        if at_start and not stripped and len(words) == 1 and not words[0].isupper():
            continue  # "Officials said ...": a capitalised sentence opener, not a name
        name = " ".join(words).lower().replace("'s", "").strip(".-'")
        if len(name) >= 2:
            names.add(name)
        if len(words) > 1:  # "Ron DeSantis" should also meet a later bare "DeSantis"
            names.update(
                w.lower().strip(".-'") for w in words if len(w) > 2 and w.lower() not in _NOT_NAMES
            )
    return names


_URL_DATE = re.compile(
    r"(?<![0-9])(20\d\d|19\d\d)[/_-]"
    r"(\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/_-](\d{1,2})(?![0-9])",
    re.IGNORECASE,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def url_date(url: str | None) -> date | None:
    """The publication date many sites write into article URLs (/2021/07/30/, -2021-07-29)."""
    if not url:
        return None
    for match in _URL_DATE.finditer(url):
        year, month_text, day = match.groups()
        month = _MONTHS.get(month_text.lower()[:3]) if month_text.isalpha() else int(month_text)
        try:
            return date(int(year), month or 0, int(day))
        except ValueError:
            continue
    return None


def url_slug_tokens(url: str | None) -> list[str]:
    """Words of a URL's path (article slugs often carry the original headline)."""
    if not url:
        return []
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return []
    words = [w for w in _SLUG_SPLIT.split(path) if len(w) > 2]
    return [_stem(w) for w in words if w not in CLUSTERING_STOPWORDS and w not in _URL_NOISE]


_URL_NOISE = word_set(
    """
    html htm php aspx story stories news article articles index www com amp politics
    world business opinion local national video id
    """
)
