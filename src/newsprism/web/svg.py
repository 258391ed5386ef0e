"""Inline SVG charts as strings: bias bar, coverage timeline, storyline timeline.

Pure functions over plain values. Every piece of text that reaches the SVG goes
through `esc`, so the caller may insert the result into a page unescaped. Each chart is
`role="img"` with a `<title>` and an `aria-label` that state what it shows in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

LEANS: tuple[str, ...] = ("left", "lean-left", "center", "lean-right", "right")
LEAN_LABELS: dict[str, str] = {
    "left": "Left",
    "lean-left": "Lean Left",
    "center": "Center",
    "lean-right": "Lean Right",
    "right": "Right",
    "unrated": "Unrated",
}
LEAN_SHORT: dict[str, str] = {
    "left": "L",
    "lean-left": "LL",
    "center": "C",
    "lean-right": "LR",
    "right": "R",
    "unrated": "?",
}
LEAN_COLOURS: dict[str, str] = {
    "left": "#1f4e96",
    "lean-left": "#7ea7dc",
    "center": "#dcdcd6",
    "lean-right": "#e39a94",
    "right": "#ad2a22",
    "unrated": "#b9b9b9",
}
# Text colour that stays readable on each fill (WCAG contrast >= 4.5 for the labels).
LEAN_INK: dict[str, str] = {
    "left": "#ffffff",
    "lean-left": "#0b2344",
    "center": "#222222",
    "lean-right": "#3d0d09",
    "right": "#ffffff",
    "unrated": "#222222",
}


def esc(value: object) -> str:
    """Escape any value for SVG text and attribute values."""
    return escape(str(value), quote=True)


def _open(css_class: str, width: float, height: float, label: str) -> str:
    """The opening tag and <title> of a responsive chart labelled `label`."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="100%" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>"
    )


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def bias_description(counts: Mapping[str, int], unrated: int = 0) -> str:
    """The bias distribution in words, e.g. "Left 40%, Center 60% of 5 rated outlets"."""
    rated = sum(max(0, int(counts.get(lean, 0) or 0)) for lean in LEANS)
    if rated == 0:
        text = "No rated outlets"
    else:
        parts = [
            f"{LEAN_LABELS[lean]} {_percent(int(counts.get(lean, 0) or 0), rated)}%"
            for lean in LEANS
            if counts.get(lean)
        ]
        noun = "outlet" if rated == 1 else "outlets"
        text = f"{', '.join(parts)} of {rated} rated {noun}"
    if unrated:
        text += f"; {unrated} unrated"
    return text


def bias_bar(
    counts: Mapping[str, int],
    *,
    unrated: int = 0,
    width: int = 300,
    height: int = 22,
    labels: bool = True,
    title: str = "Bias distribution",
) -> str:
    """A horizontal bar split into one segment per lean that has any rated outlet.

    Segments are proportional to the share of rated outlets (unrated ones are left
    out of the bar and only named in the description). With no rated outlet the bar
    is a single neutral placeholder.
    """
    rated = sum(max(0, int(counts.get(lean, 0) or 0)) for lean in LEANS)
    description = bias_description(counts, unrated)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bias-bar" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" aria-label="{esc(title)}: {esc(description)}">',
        f"<title>{esc(title)}: {esc(description)}</title>",
    ]
    if rated == 0:
        parts.append(
            f'<rect class="bias-empty" x="0" y="0" width="{width}" height="{height}" '
            f'rx="3" fill="#f1f1ee" stroke="#c8c8c2"/>'
        )
        if labels:
            parts.append(
                f'<text x="{width / 2}" y="{height / 2}" dominant-baseline="central" '
                f'text-anchor="middle" font-size="{height * 0.5:.1f}" fill="#555">'
                "no rated outlets</text>"
            )
        parts.append("</svg>")
        return "".join(parts)
    x = 0.0
    for lean in LEANS:
        count = max(0, int(counts.get(lean, 0) or 0))
        if not count:
            continue
        seg_width = width * count / rated
        pct = _percent(count, rated)
        noun = "outlet" if count == 1 else "outlets"
        parts.append(
            f'<rect class="bias-seg lean-{lean}" data-lean="{lean}" '
            f'x="{_num(x)}" y="0" width="{_num(seg_width)}" height="{height}" '
            f'fill="{LEAN_COLOURS[lean]}">'
            f"<title>{LEAN_LABELS[lean]}: {count} {noun} ({pct}%)</title></rect>"
        )
        label = f"{LEAN_SHORT[lean]} {pct}%"
        if labels and seg_width >= len(label) * height * 0.33 + 6:
            parts.append(
                f'<text x="{_num(x + seg_width / 2)}" y="{height / 2}" '
                f'dominant-baseline="central" text-anchor="middle" '
                f'font-size="{height * 0.52:.1f}" font-weight="600" '
                f'fill="{LEAN_INK[lean]}" aria-hidden="true">{esc(label)}</text>'
            )
        x += seg_width
    parts.append("</svg>")
    return "".join(parts)


def _tick_label(moment: datetime, unit: str) -> str:
    if unit == "hour":
        return moment.strftime("%d %b %H:%M")
    return moment.strftime("%d %b")


def coverage_timeline(
    buckets: Sequence[tuple[datetime, Mapping[str, int]]],
    *,
    unit: str = "day",
    width: int = 600,
    height: int = 170,
    title: str = "Coverage timeline",
) -> str:
    """Stacked columns: articles per hour or day, coloured by the outlet's lean.

    `buckets` are (bucket start, {lean or "unrated": count}) in time order; empty
    buckets should be included so the time axis is even.
    """
    total = sum(sum(int(v or 0) for v in counts.values()) for _, counts in buckets)
    unit_word = "hour" if unit == "hour" else "day"
    if not buckets or total == 0:
        return (
            _open("timeline", width, 40, f"{title}: no dated articles")
            + f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="13" fill="#555">'
            "no dated articles</text></svg>"
        )
    peak = max(sum(int(v or 0) for v in counts.values()) for _, counts in buckets)
    first, last = buckets[0][0], buckets[-1][0]
    description = (
        f"{total} articles from {_tick_label(first, unit)} to {_tick_label(last, unit)}, "
        f"per {unit_word}; busiest {unit_word}: {peak}"
    )
    left, right, top, bottom = 30, 8, 10, 24
    height = max(height, top + bottom + 40)
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(buckets)
    bar_w = max(1.0, min(slot * 0.8, 28.0))
    parts = [
        _open("timeline", width, height, f"{title}: {description}"),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="#999" stroke-width="1"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10" fill="#555">'
        f"{peak}</text>",
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10" '
        f'fill="#555">0</text>',
    ]
    for index, (moment, counts) in enumerate(buckets):
        column_total = sum(int(v or 0) for v in counts.values())
        if not column_total:
            continue
        x = left + index * slot + (slot - bar_w) / 2
        detail = ", ".join(
            f"{LEAN_LABELS[lean]} {int(counts.get(lean) or 0)}"
            for lean in (*LEANS, "unrated")
            if counts.get(lean)
        )
        parts.append(
            f'<g class="tl-col"><title>{esc(_tick_label(moment, unit))}: {column_total} '
            f"article{'s' if column_total != 1 else ''} ({esc(detail)})</title>"
        )
        y = float(top + plot_h)
        for lean in (*LEANS, "unrated"):
            count = int(counts.get(lean) or 0)
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            parts.append(
                f'<rect data-lean="{lean}" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" '
                f'height="{_num(h)}" fill="{LEAN_COLOURS[lean]}"/>'
            )
        parts.append("</g>")
    for index in _tick_indexes(len(buckets)):
        x = left + index * slot + slot / 2
        anchor = "start" if index == 0 and len(buckets) > 1 else "middle"
        if index == len(buckets) - 1 and len(buckets) > 1:
            anchor = "end"
        parts.append(
            f'<text x="{_num(x)}" y="{height - 8}" text-anchor="{anchor}" font-size="10" '
            f'fill="#555">{esc(_tick_label(buckets[index][0], unit))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _tick_indexes(n: int, most: int = 5) -> list[int]:
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})


@dataclass
class StorylinePoint:
    """One story on a storyline timeline."""

    label: str
    start: datetime | None
    end: datetime | None
    article_count: int
    href: str | None = None
    lean: Mapping[str, int] | None = None


def storyline_timeline(
    points: Sequence[StorylinePoint],
    *,
    width: int = 900,
    row: int = 28,
    label_width: int = 340,
    title: str = "Storyline timeline",
) -> str:
    """One row per story: its title, and a bar from its first to its last article.

    Dot size grows with the article count. Rows link to the story when `href` is given
    (only site-relative hrefs are kept; anything else is dropped).
    """
    dated = [p for p in points if p.start is not None]
    if not dated:
        return (
            _open("storyline-timeline", width, 40, f"{title}: no dated stories")
            + f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="13" fill="#555">'
            "no dated stories</text></svg>"
        )
    dated.sort(key=lambda p: p.start or datetime.min)
    start = min(p.start for p in dated if p.start)
    end = max((p.end or p.start) for p in dated if p.start)
    span = (end - start) or timedelta(hours=1)
    top, axis_h = 4, 24
    height = top + row * len(dated) + axis_h
    plot_left, plot_right = label_width + 20, width - 16
    plot_w = plot_right - plot_left
    most = max(max(1, p.article_count) for p in dated)
    max_chars = label_width // 7

    def x_of(moment: datetime) -> float:
        return plot_left + plot_w * ((moment - start) / span)

    description = (
        f"{len(dated)} stories from {start.strftime('%d %b %Y')} to {end.strftime('%d %b %Y')}"
    )
    parts = [_open("storyline-timeline", width, height, f"{title}: {description}")]
    for index in range(1, len(dated), 2):
        parts.append(
            f'<rect x="0" y="{top + index * row}" width="{width}" height="{row}" fill="#f6f6f3"/>'
        )
    axis_y = top + row * len(dated)
    ticks = 5 if span >= timedelta(days=2) else 2
    for tick in range(ticks):
        moment = start + span * (tick / (ticks - 1))
        x = x_of(moment)
        anchor = "start" if tick == 0 else "end" if tick == ticks - 1 else "middle"
        parts.append(
            f'<line x1="{_num(x)}" y1="{top}" x2="{_num(x)}" y2="{axis_y}" stroke="#e2e0da" '
            f'stroke-width="1"/><text x="{_num(x)}" y="{axis_y + 16}" text-anchor="{anchor}" '
            f'font-size="11" fill="#555">{esc(moment.strftime("%d %b %Y"))}</text>'
        )
    for index, point in enumerate(dated):
        assert point.start is not None
        y = top + index * row + row / 2
        x1 = x_of(point.start)
        x2 = x_of(point.end or point.start)
        radius = 4 + 6 * (max(1, point.article_count) / most) ** 0.5
        label = point.label
        if len(label) > max_chars:
            label = label[: max_chars - 1].rstrip() + "…"
        when = point.start.strftime("%d %b %Y")
        noun = "article" if point.article_count == 1 else "articles"
        body = "".join(
            [
                f"<title>{esc(point.label)} — {esc(when)}, {point.article_count} {noun}</title>",
                f'<rect x="0" y="{_num(y - row / 2)}" width="{width}" height="{row}" '
                f'fill="#ffffff" fill-opacity="0"/>',
                f'<text x="6" y="{_num(y)}" dominant-baseline="central" font-size="13" '
                f'fill="#1f4e96">{esc(label)}</text>',
                f'<line x1="{_num(x1)}" y1="{_num(y)}" x2="{_num(max(x2, x1 + 0.5))}" '
                f'y2="{_num(y)}" stroke="#7d8ea6" stroke-width="4" stroke-linecap="round"/>',
                f'<circle cx="{_num(x1)}" cy="{_num(y)}" r="{_num(radius)}" fill="#23395d" '
                f'fill-opacity="0.9"/>',
            ]
        )
        if point.href and point.href.startswith("/") and not point.href.startswith("//"):
            parts.append(f'<a class="sl-row" href="{esc(point.href)}">{body}</a>')
        else:
            parts.append(f'<g class="sl-row">{body}</g>')
    parts.append("</svg>")
    return "".join(parts)


def count_bar(
    count: int,
    total: int,
    *,
    width: int = 120,
    height: int = 10,
    colour: str = "#5a6b82",
    label: str | None = None,
) -> str:
    """A small horizontal bar for one row of a distribution table (`count` of `total`)."""
    share = max(0.0, min(1.0, count / total)) if total else 0.0
    text = label or f"{count} of {total}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="count-bar" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="none" aria-label="{esc(text)}"><title>{esc(text)}</title>'
        f'<rect x="0" y="0" width="{width}" height="{height}" rx="2" fill="#ecebe6"/>'
        f'<rect x="0" y="0" width="{_num(width * share)}" height="{height}" rx="2" '
        f'fill="{esc(colour)}"/></svg>'
    )
