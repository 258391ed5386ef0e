"""Dates written in text ("Nov 19, 2019, 10:31 pm", "19 novembre 2019", "2019-11-19")
and ISO 8601 parsing for interchange records."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "okt": 10, "dez": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Spanish / Portuguese / Italian
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Abbreviations of the above ("02 Ago 2017", "5 dic. 2019", "3 févr. 2020")
    # ("set", "out", "gen" and "mag" left out: "3 set 2020", "iPad 5 Gen 2020")
    "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    "giu": 6, "lug": 7, "ott": 10, "fev": 2, "févr": 2, "avr": 4, "juil": 7, "déc": 12,
    # Dutch, Swedish, Danish, Norwegian, Indonesian
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "maj": 5, "augusti": 8, "desember": 12, "maret": 3, "agustus": 8,
    # Polish (genitive, as dates write them)
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11,
    "grudnia": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Russian and Ukrainian (genitive)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
    "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
}  # fmt: skip

_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# Zone abbreviations that news sites print after times; ambiguous ones (IST, "ET") are
# left out. Hours from UTC.
_ZONES = {
    "utc": 0.0, "gmt": 0.0, "z": 0.0, "wet": 0.0, "bst": 1.0, "west": 1.0, "cet": 1.0,
    "mez": 1.0, "cest": 2.0, "mesz": 2.0, "eet": 2.0, "eest": 3.0, "msk": 3.0,
    "est": -5.0, "edt": -4.0, "cst": -6.0, "cdt": -5.0, "mst": -7.0, "mdt": -6.0,
    "pst": -8.0, "pdt": -7.0, "akst": -9.0, "akdt": -8.0, "hst": -10.0,
    "jst": 9.0, "kst": 9.0, "hkt": 8.0, "sgt": 8.0, "aest": 10.0, "aedt": 11.0,
    "nzst": 12.0, "nzdt": 13.0,
}  # fmt: skip
_ZONE = "|".join(sorted(_ZONES, key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:,|at|um|à|a las|às|alle|-|–|\||/)?\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})"
    r"(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    rf"(?:\s*(?P<zone>(?i:{_ZONE}))\b(?P<offset>[+-]\d{{1,2}}(?::?\d{{2}})?)?)?)?"
)

# A month name starts a word, or is glued to the word before it as captures glue
# adjacent elements: "by Jane DoeMar 5, 2025". After a written month's year, anything:
# "June 29, 2020November 12, 2021" (published and updated dates run together), "Mar 27,
# 20255 mins" (the reading time), "October 17, 20236:01 PM ET".
_MONTH_START = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"

# Nov 19, 2019 / November 19th 2019 / Nov. 19. 2019
_MONTH_DAY_YEAR = re.compile(
    rf"{_MONTH_START}(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+"
    rf"(?P<y>(?:19|20)\d{{2}})" + _TIME,
    re.I,
)
# 19 November 2019 / 19. November 2019 / 19 de noviembre de 2019 / 19th of November 2019
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?(?:\s+|-)(?:de\s+|of\s+)?(?P<mon>{_MONTH})\.?,?"
    rf"(?:\s+|-)(?:de\s+)?(?P<y>(?:19|20)\d{{2}})" + _TIME,
    re.I,
)
# 19.11.2019 (day first) / 11/19/2019 (month first unless impossible)
_DAY_FIRST_DOTS = re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})\b" + _TIME)
_MONTH_FIRST_SLASHES = re.compile(
    r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\b" + _TIME, re.I
)

_PATTERNS = [
    # 2019-11-19, 2019-11-19T10:31:00Z, 2019/11/19
    re.compile(
        r"\b(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
        r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?"
        r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?\b",
    ),
    _MONTH_DAY_YEAR,
    _DAY_MONTH_YEAR,
    # 2019 Nov 19, as citations print it ("Cureus. 2023 Jan 7;15(1)")
    re.compile(
        rf"\b(?P<y>(?:19|20)\d{{2}})\s+(?-i:(?=[A-Z]))(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})\b(?![:.,]?\d)",
        re.I,
    ),
    # 2019年11月19日 (Chinese, Japanese), 2019년 11월 19일 (Korean)
    re.compile(
        r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
        r"(?:\s*(?P<h>\d{1,2})[:時시]\s*(?P<mi>\d{2}))?"
    ),
    _DAY_FIRST_DOTS,
    _MONTH_FIRST_SLASHES,
]


def _build(groups: dict[str, str | None]) -> datetime | None:
    try:
        year = int(groups["y"] or 0)
        if groups.get("mon"):
            month = _MONTHS[(groups["mon"] or "").lower().rstrip(".")]
        else:
            month = int(groups.get("m") or 0)
        day = int(groups["d"] or 0)
        if month > 12 and day <= 12:  # 19/11/2019 written day first
            month, day = day, month
        hour = int(groups.get("h") or 0)
        minute = int(groups.get("mi") or 0)
        second = int(groups.get("s") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        tzinfo = _parse_tz(groups.get("tz")) or _zone(groups.get("zone"), groups.get("offset"))
        return datetime(year, month, day, hour, minute, second, tzinfo=tzinfo)
    except (ValueError, KeyError):
        return None


def _parse_tz(value: str | None) -> timezone | None:
    if not value:
        return None
    if value == "Z":
        return UTC
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _zone(name: str | None, offset: str | None) -> timezone | None:
    """Offset of a zone name: EST -> UTC-5; GMT+2 / UTC-03:30 -> that offset."""
    if not name:
        return None
    hours = _ZONES.get(name.lower())
    if hours is None:
        return None
    if offset and name.lower() in ("utc", "gmt"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        if len(digits) <= 2:
            hours, minutes = int(digits), 0
        else:
            hours, minutes = int(digits[:-2]), int(digits[-2:])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return timezone(timedelta(hours=hours))


def _in_order(
    groups: dict[str, str | None], written_day_first: bool, day_first: bool
) -> dict[str, str | None]:
    """Day and month of a numeric date swapped when the page's order differs from the
    one its pattern assumes and both could be either."""
    day, month = int(groups["d"] or 0), int(groups["m"] or 0)
    if written_day_first == day_first or day > 12 or month > 12:
        return groups
    return {**groups, "d": groups["m"], "m": groups["d"]}


# Evidence of a page's date order: numeric dates that can be read one way only
# ("25/03/2024", "03/25/2024") and dates with the month's name, day before it ("3
# October 2023") or after it ("October 3, 2023").
_NUMERIC_YEAR = re.compile(r"[./](?:19|20)\d\d\b")
_ORDER_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](?:19|20)\d{2}\b")


def page_date_order(text: str) -> bool | None:
    """True when a page writes dates day first, False when month first, None when it
    does not tell (no evidence, as much for each, or no date the order would change)."""
    if not _NUMERIC_YEAR.search(text):  # a quick look first: most pages have none
        return None
    numeric = [(int(a), int(b)) for a, b in _ORDER_NUMERIC.findall(text)]
    if not any(a <= 12 and b <= 12 for a, b in numeric):
        return None  # no date the order would change: the rest need not be read
    day_first = sum(1 for a, b in numeric if a > 12 >= b)
    month_first = sum(1 for a, b in numeric if b > 12 >= a)
    day_first += sum(1 for _ in _DAY_MONTH_YEAR.finditer(text))
    month_first += sum(1 for _ in _MONTH_DAY_YEAR.finditer(text))
    if day_first == month_first:
        return None
    return day_first > month_first


# A time stamp without a year, as news pages print recent stories' times: "Monday
# 6:30PM", "Nov 19, 6:51 AM", "22 hours ago", "Yesterday 10:05"; `relative_date` reads
# it against the time the page was fetched, after a publication label if any
# ("Published 22 hours ago", "Posted Nov 19, 6:51 AM").
_WEEKDAY_NAME = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_STAMP_LABEL = re.compile(r"^(?:(?:first\s+)?published|posted)(?:\s+on)?\s*:?\s*", re.I)
_STAMP_PARTS = re.compile(
    rf"^(?:(?P<weekday>{_WEEKDAY_NAME})\s*"
    r"|(?P<today>today)\b,?\s*|(?P<yesterday>yesterday)\b,?\s*)?"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b,?\s*)?"
    r"(?:(?:at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*[a-z]{1,4})?"
    r"|(?P<n>\d+)\s+(?P<unit>second|minute|min|hour|hr|day|week|month)s?\s+ago)?$",
    re.I,
)
_UNIT = {
    "second": timedelta(seconds=1), "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1), "hour": timedelta(hours=1), "hr": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=30),
}  # fmt: skip
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _stamp(line: str) -> re.Match[str] | None:
    """The parts of a line that is only a stamp without a year; None for other lines."""
    match = _STAMP_PARTS.match(line) if any(c.isdigit() for c in line) else None
    return match if match is not None and match.group(0) else None


def is_yearless_stamp(text: str) -> bool:
    """A line that is only a day or time without a year ("Monday 6:30PM", "Nov 18")."""
    return _stamp(text.strip()) is not None


def relative_date(text: str, reference: datetime) -> datetime | None:
    """The date a stamp without a year means for a page fetched at `reference`: "22
    hours ago", "Yesterday 10:05", "Monday 6:30PM" (the last Monday up to that day),
    "Nov 19, 6:51 AM" (the last Nov 19 up to a day after it: pages print their local
    day). A time of day is kept; an ago of days or more keeps the day only. A time
    alone counts only after a publication label ("Posted 10:32"): alone it is as often
    a video's length ("2:31")."""
    line = _STAMP_LABEL.sub("", text.strip())
    labelled = line != text.strip()
    match = _stamp(line)
    if match is None:
        return None
    parts = match.groupdict()
    if parts["n"]:
        ago = reference - int(parts["n"]) * _UNIT[parts["unit"].lower()]
        return ago if _UNIT[parts["unit"].lower()] < timedelta(days=1) else _day(ago)
    day = reference.date()
    if parts["mon"]:
        month = _MONTHS.get(parts["mon"].lower().rstrip("."), 0)
        last = _last_month_day(month, int(parts["d"]), reference)
        if last is None:
            return None
        day = last
    elif parts["weekday"]:
        back = (day.weekday() - _WEEKDAYS.index(parts["weekday"].lower()[:3])) % 7
        day -= timedelta(days=back)
    elif parts["yesterday"]:
        day -= timedelta(days=1)
    elif not parts["today"] and not (parts["h"] and labelled):
        return None
    if not parts["h"]:
        return datetime.combine(day, time())
    return _build({"y": str(day.year), "m": str(day.month), "d": str(day.day),
                   "h": parts["h"], "mi": parts["mi"], "ampm": parts["ampm"]})  # fmt: skip


def _day(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), time())


def _last_month_day(month: int, day_of_month: int, reference: datetime) -> date | None:
    for year in (reference.year, reference.year - 1):
        try:
            found = date(year, month, day_of_month)
        except ValueError:
            continue
        if found <= reference.date() + timedelta(days=1):
            return found
    return None


# Every pattern has a four-digit year: most lines a capture is read for have none.
_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_date(text: str, day_first: bool | None = None) -> datetime | None:
    """The first plausible calendar date written in `text` (time kept when given). A
    numeric date whose day and month could change places ("03/10/2023") is read day
    first when `day_first` (the page's own order, `page_date_order`), month first when
    False, and by its separator when None ("03.10.2023" day first, "03/10/2023" not)."""
    if not _YEAR.search(text):
        return None
    best: tuple[int, datetime] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if day_first is not None and pattern in (_DAY_FIRST_DOTS, _MONTH_FIRST_SLASHES):
                groups = _in_order(groups, pattern is _DAY_FIRST_DOTS, day_first)
            found = _build(groups)
            if found is None or not 1990 <= found.year <= 2100:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), found)
            break
    return best[1] if best else None


# "Originally published on 26 Sep 2019", "First published: Tuesday, November 19, 2019",
# "This post was originally posted on the 21st of June 2017": the article's first
# publication, which a republished or regularly updated page states in its text. The
# cue opens its line or speaks of the page itself ("this article was ..."): news text
# says "the study, first published on ..." of other things. The date must follow the
# cue at once (connecting words and a weekday aside): "first published in JMIR,
# 25.06.2019" or "first appeared in 2004" date something else.
_ORIGINALLY = re.compile(
    r"(?:^[^\w\n]*|\b(?:this|the)\s+(?:blog\s+)?(?:article|story|post|page|piece|column"
    r"|essay|interview|review|guide)\s+(?:was\s+|has\s+been\s+)?)"
    r"(?:originally|first)\s+(?:published|posted)\b\s*[:\-–—]?\s*(?:(?:on|at)\s+)?(?:the\s+)?",
    re.I | re.M,
)
_ORIGINALLY_CUE = re.compile(r"(?:originally|first)\s+(?:published|posted)", re.I)  # fast check
_WEEKDAY = re.compile(rf"^{_WEEKDAY_NAME}\s+", re.I)
_DATE_START = re.compile(rf"^(?:\d|(?:{_MONTH})\b)", re.I)
ORIGINAL_DATE_CHARS = 40  # of text after the cue read for the date


def original_publication(text: str) -> datetime | None:
    """The first publication date a text states ("Originally published on ..."); the
    earliest when it states several."""
    if not _ORIGINALLY_CUE.search(text):
        return None
    found = []
    for cue in _ORIGINALLY.finditer(text):
        after = _WEEKDAY.sub("", text[cue.end() : cue.end() + ORIGINAL_DATE_CHARS])
        if _DATE_START.match(after):
            date = find_date(after)
            if date is not None:
                found.append(date)
    return min(found, key=lambda d: d.replace(tzinfo=None)) if found else None


def with_original(found: datetime | None, text: str) -> datetime | None:
    """`found`, or the first publication the text states when that is an earlier day
    (a page republished or updated under a new date)."""
    original = original_publication(text)
    if original is None or (found is not None and found.date() <= original.date()):
        return found
    return original


def parse_iso_datetime(value: object) -> datetime | None:
    """A record's date field: ISO 8601 date or datetime (also `Z`), or a written date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    iso = re.sub(r"(\d)\s+([+-]\d{2}:?\d{2})$", r"\1\2", text)
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text)  # RFC 2822, as feeds write them
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(text)


# A full day in a URL's path: "/2026/12/01/", "/2026/dec/01/" (The Guardian), ending the
# path or followed by "/", ".", "?", "#", "_". Not "/2026/03/2-billion-dollars/", where
# the "day" opens the slug.
_URL_DAY = re.compile(
    rf"/(?P<year>(?:19|20)\d{{2}})/(?P<month>\d{{1,2}}|{_MONTH})/(?P<day>\d{{1,2}})(?:[/.?#_]|$)",
    re.I,
)


def url_date(url: str | None) -> datetime | None:
    """The day a news URL's path states, at midnight (no time); None when it has none."""
    match = _URL_DAY.search(urlsplit(url).path if url else "")
    if match is None:
        return None
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    try:
        found = datetime(int(match["year"]), number or 0, int(match["day"]))
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None
