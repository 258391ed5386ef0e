"""Plain-text boilerplate removal on the Article Extraction Benchmark pages.

Each AEB page is rendered to the text a person gets from a browser's "select all,
copy" / "save as text" (all visible text: menus, related lists, footers; no scripts,
styles or hidden elements; block elements on their own lines). Preferred renderer:
Debian's chromium through Playwright, `document.body.innerText` with JavaScript off
and every network request aborted. Without chromium, an lxml renderer that mimics
innerText is used instead. Renders are cached under benchmarks/out/aeb_text_<renderer>/.

`newsprism.extract.plaintext.extract_plaintext` then removes the site chrome and the
result is scored against the gold article body with the AEB metric (see
extraction_aeb.py). Bar: F1 >= 0.90.

    nice -n 10 .venv/bin/python benchmarks/extraction_plaintext.py [--renderer lxml]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import lxml.html
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "src"))  # when not pip-installed

from extraction_aeb import OUT_DIR, Page, load_pages, score, shingle_counts
from newsprism.extract.plaintext import extract_plaintext

BAR_F1 = 0.90
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def render_chromium(pages: list[Page], cache: Path) -> dict[str, str]:
    from playwright.sync_api import sync_playwright

    texts: dict[str, str] = {}
    todo = [p for p in pages if not (cache / f"{p.id}.txt").exists()]
    if todo:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(java_script_enabled=False)
            context.route("**/*", lambda route: route.abort())
            for page in todo:
                tab = context.new_page()
                try:
                    tab.set_content(page.html, wait_until="domcontentloaded", timeout=60_000)
                    text = tab.evaluate("() => document.body ? document.body.innerText : ''")
                finally:
                    tab.close()
                (cache / f"{page.id}.txt").write_text(text, encoding="utf-8")
            browser.close()
    for page in pages:
        texts[page.id] = (cache / f"{page.id}.txt").read_text(encoding="utf-8")
    return texts


# --- lxml stand-in for innerText -------------------------------------------------

_SKIP = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link",
    "iframe", "svg", "canvas", "object", "embed", "select", "option", "datalist",
    "input", "button", "textarea", "img", "video", "audio", "source", "track", "map",
}  # fmt: skip
_BLOCK = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
    "menu", "nav", "ol", "pre", "section", "summary", "table", "tr", "ul", "caption",
    "thead", "tbody", "tfoot", "legend",
}  # fmt: skip
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("type") == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _walk(el: etree._Element, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP or _hidden(el):
        return
    if tag == "br":
        out.append("\n")
    elif tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK:
        out.append("\n")
    elif tag in ("td", "th"):
        out.append("\t")
    if el.text and tag:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK:
        out.append("\n")


def render_lxml_text(html: str) -> str:
    """Visible text of an HTML page, laid out roughly as innerText does."""
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    parts: list[str] = []
    _walk(body if body is not None else root, parts)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render_lxml(pages: list[Page], cache: Path) -> dict[str, str]:
    texts = {}
    for page in pages:
        path = cache / f"{page.id}.txt"
        if not path.exists():
            path.write_text(render_lxml_text(page.html), encoding="utf-8")
        texts[page.id] = path.read_text(encoding="utf-8")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renderer", choices=["auto", "chromium", "lxml"], default="auto")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()

    renderer = args.renderer
    if renderer == "auto":
        renderer = "chromium" if CHROMIUM.exists() else "lxml"
    pages = load_pages()
    cache = OUT_DIR / f"aeb_text_{renderer}"
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    render = render_chromium if renderer == "chromium" else render_lxml
    texts = render(pages, cache)
    print(f"renderer: {renderer} ({len(pages)} pages, {time.perf_counter() - started:.1f}s)")

    started = time.perf_counter()
    rows = []
    raw_rows = []
    for page in pages:
        body = extract_plaintext(texts[page.id]).text
        rows.append(shingle_counts(page.gold, body))
        raw_rows.append(shingle_counts(page.gold, texts[page.id]))
    elapsed = time.perf_counter() - started

    raw = score(raw_rows)
    result = score(rows)
    print(f"whole page text (no removal): F1={raw.f1:.4f} P={raw.precision:.4f} R={raw.recall:.4f}")
    print(
        f"plaintext boilerplate remover: F1={result.f1:.4f} P={result.precision:.4f} "
        f"R={result.recall:.4f}  ({len(pages) / elapsed:.0f} pages/s)"
    )
    if args.worst:
        from extraction_aeb import page_f1

        ranked = sorted(zip(pages, rows, strict=True), key=lambda pr: page_f1(pr[1]))
        for page, row in ranked[: args.worst]:
            print(f"  {page_f1(row):.3f} {page.id[:12]} {page.url[:90]}")
    if result.f1 < BAR_F1:
        print(f"FAIL: F1 {result.f1:.4f} < {BAR_F1}")
        sys.exit(1)


if __name__ == "__main__":
    main()
