"""Article extraction from plain-text captures of web pages, and from Markdown.

A page "saved as text" or copied with select-all carries the site's chrome around the
article: menus, section lists, share bars, "Related" and "Popular" lists of other
stories, newsletter and comment prompts, author biographies, photo credits, cookie
notices and footers. This module finds the article without any markup:

1. each line gets features (length, sentence punctuation, share of lower-case words,
   keyword cues) and a value: positive for prose, negative for chrome;
2. the article is the contiguous run of lines with the largest total value (the
   densest text block), which may not cross a hard stop such as "Leave a Reply" or a
   copyright footer;
   A comments heading ends the search once an article-sized block was seen, and a
   list of dated teasers ("Title / Author / date / summary" again and again) is cut
   off the end;
3. inside that run, cue lines (share bars, "Advertisement", photo credits and the
   captions above them, "Read more: ..." promos) and link-list-like runs of short
   headline lines are dropped;
4. the title is the headline-like line just above the byline/dateline (tickers,
   "Trending:" labels, captions and menu items skipped); byline and date are looked
   for below it and in the block's first lines.

Markdown is stripped of its markup first, and a front matter block (`---` YAML, as web
clippers write it) supplies title, URL, date and authors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from newsprism.extract.bylines import (
    BYLINE,
    ENGLISH_MONTH,
    byline_head,
    parse_byline,
    tidy_authors,
)
from newsprism.extract.dates import find_date, page_date_order, with_original
from newsprism.extract.frontmatter import split_front_matter
from newsprism.extract.headline import same_words
from newsprism.extract.text_headline import find_headline, is_candidate
from newsprism.extract.unwrap import unwrap
from newsprism.extract.visible import (
    AFTER_HEADLINE_CHARS,
    PUBLISHED_CUE,
    byline_in_lines,
    dates_near_headline,
    is_other_date,
    labelled_byline,
    lines_near,
    lone_name,
    phrase_of,
    relative_near_headline,
    stamped_date,
)

# --- line cues ------------------------------------------------------------------

# Short lines that open the comment section: nothing after them is the article.
# Matched against the whole (lower-cased, stripped) line.
_COMMENTS_LINE = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)|post\ a\ comment|add\ (?:a\ )?comment|write\ a\ comment
      | comments?|show\ comments|view\ comments|reader\ comments|discussion
      | join\ the\ (?:discussion|conversation)|comment\ on\ this\ (?:story|article|post)
      | have\ your\ say|\d+\ (?:responses|comments|replies|thoughts\ on)\ (?:to|on)\ .*
      | (?:\d+\ )?(?:thoughts|responses)\ on\ .*|you\ must\ be\ logged\ in\ to\ post\ a\ comment.*
      | comentários|lascia\ un\ commento|kommentare|commentaires|comentarios
      | (?:top\ rated|most\ liked)\ comments
      | \[\s*\d+\ comments?\s*\]
    )[\s:.!?»›>|-]*$""",
    re.X,
)

# Short headings of lists of other stories, author boxes and tag lists. They usually
# follow the article, but sites also drop "Related" boxes between its paragraphs, so
# they weigh heavily against the block instead of ending it.
_SECTION_LINE = re.compile(
    r"""^(?:
        related(?:\ (?:articles?|stories|posts?|content|news|coverage|topics|links
                     |reading|videos?))?
      | more\ (?:stories|news|articles|coverage|videos|like\ this|to\ explore|to\ read
               |from\ .{1,40}|on\ .{1,40}|in\ .{1,40})
      | read\ (?:more|next|also)|also\ read|see\ also|further\ reading|what\ to\ read\ next|up\ next
      | read\ these\ next|recommended(?:\ (?:for\ you|stories|reading|articles|videos))?
      | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)(?:\ .{1,40})?
      | other\ (?:interesting\ )?(?:articles|posts|stories|reads)(?:\ you\ .{1,30})?
      | what\ others\ are\ reading|(?:good|great|more)\ (?:articles|posts|reads)\ to\ read.{0,20}
      | recently\ by\ .{1,40}|related\ topics(?:\ (?:&|and)\ resources)?
      | (?:most\ )?(?:popular|read|viewed|shared|commented)
        (?:\ (?:now|stories|posts|articles|today|this\ week|in\ .{1,30}))?
      | trending(?:\ (?:now|stories|news|topics))?|top\ stories
      | latest(?:\ (?:news|stories|posts|articles|headlines))?
      | news\ ?feed|in\ case\ you\ missed\ it|editor'?s\ picks?|around\ the\ web|don'?t\ miss
      | must\ reads?|sponsored(?:\ (?:content|stories|links))?
      | promoted(?:\ (?:stories|content|links))?
      | from\ (?:our|the)\ (?:partners|web)|paid\ content|recent\ posts|previous\ (?:post|article)
      | next\ (?:post|article)|about\ the\ authors?|about\ this\ author|author\ information
      | (?:story|news)\ timeline|tags?|topics|filed\ under|categories|post\ navigation
      | leia\ (?:mais|também)|veja\ também|leggi\ anche|articoli\ correlati|mehr\ zum\ thema
      | lesen\ sie\ auch|das\ könnte\ sie\ auch\ interessieren|lire\ aussi|à\ lire\ aussi
      | lea\ también|noticias\ relacionadas|te\ puede\ interesar|artículos\ relacionados
      | 関連(?:記事|ニュース|リンク|情報)|人気(?:記事|ランキング)|新着記事|おすすめ記事|タグ
      | 相关(?:文章|阅读|新闻|推荐)|热门(?:文章|新闻)|推荐阅读|延伸阅读
      | 관련\ ?기사|많이\ 본\ 뉴스|인기\ ?기사
    )[\s:.!?»›>|：-]*$""",
    re.X,
)

# Anywhere in a line: cookie notices, legal footers.
_FOOTER = re.compile(
    r"all rights reserved|todos los derechos reservados|tous droits réservés"
    r"|alle rechte vorbehalten|tutti i diritti riservati|todos os direitos reservados"
    r"|^(?:©|\(c\)\s)"
    # "Copyright © 2025 X", "Copyright 2019. X", "Copyright Policy"; not a heading on
    # copyright itself ("Copyright Complexity in a Fragmented World").
    r"|^copyright\b(?:.*(?:[©ⓒ]|\(c\)|\b(?:19|20)\d{2}\b|\brights\b)|(?:\W+\w+){0,3}\W*$)",
    re.I,
)
_COOKIE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:use|using|accept|consent|continu|browsing|policy|agree|experience)"
    r"|\b(?:use|using|accept|consent|continu|browsing|agree)\b.{0,120}\bcookies?\b",
    re.I,
)

# Whole short lines that are chrome but do not end the article.
_DROP_LINE = re.compile(
    r"""^(?:
        advertisement|advertising|ad|sponsored|anzeige|publicidad|publicidade|pubblicità
      | スポンサー(?:ド)?リンク|広告|广告|광고
      | story\ continues\ (?:below|after\ advertisement)
      | continue\ reading(?:\ (?:below|the\ main\ story))?
      | scroll\ (?:down\ )?to\ continue(?:\ with\ content)?|skip\ (?:to\ )?(?:main\ )?content
      | skip\ ad|share(?:\ (?:this|the|on|via|article|story|post|page)){0,3}(?:\ \w+)?
      | shares?|\d+(?:[.,]\d+)?k?\ shares?
      | tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram
      | flipboard|messenger|copy\ link|copy\ url|link\ copied|save|save\ (?:article|story)|bookmark
      | comment|reply|report|like|follow|follow\ us|subscribe|sign\ in|sign\ up|log\ in|login
      | register|menu|search|close|open|home|back\ to\ top|top|toggle\ navigation
      | source\ link|source
      | listen(?:\ to\ (?:this\ )?(?:article|story))?|play|watch|video|audio|gallery|photos?|image
      | \d+\ (?:min|minute)s?\ read|\d+|\d+\ (?:comments?|responses?|replies)|comments?\ \(\d+\)
      | loading|click\ here|view\ (?:gallery|photos|slideshow)|enlarge\ this\ image|expand
      | (?:previous|next)|(?:show|read)\ (?:more|less)|see\ more|view\ all|see\ all
      | get\ (?:a|your)\ (?:demo|quote)|request\ (?:a\ )?(?:demo|quote|information|a\ call)
      | book\ a\ (?:demo|call)|contact\ (?:us|sales)|get\ in\ touch|talk\ to\ (?:us|sales)
      | start\ (?:your\ )?free\ trial|sign-?up\ for\ free|try\ (?:it\ )?(?:for\ )?free
      | sponsor\ message|share\ your\ story
    )[\s:.!?»›>|+-]*$""",
    re.X,
)

# Lines with a promo lead-in: "Read more: Another story", "RELATED: ...".
_PROMO_PREFIX = re.compile(
    r"^(?:read\ (?:more|also|next)|related|see\ also|also\ read|more|watch|listen|recommended"
    r"|click\ here|don'?t\ miss|must\ read|leia\ (?:mais|também)|veja\ também|lesen\ sie\ auch"
    r"|mehr\ zum\ thema|lire\ aussi|à\ lire\ aussi|lea\ también|leggi\ anche|siehe\ auch"
    r")\s*(?:[:|»›>–—-]|\.{3}|…)",
    re.I | re.X,
)

# Newsletter, survey, subscription and social prompts (anywhere in a short line).
_PROMPT = re.compile(
    r"sign up (?:for|to)|subscribe (?:to|for|now|today)|newsletter|delivered to your inbox"
    r"|straight to your inbox|enter your e-?mail|your e-?mail address|take (?:our|the|this) survey"
    r"|follow us on|like us on facebook|join us on|download (?:our|the) app|get the app"
    r"|share this (?:article|story|post)|share on (?:facebook|twitter)|tell us what you think"
    r"|let us know in the comments|what do you think\?|send us (?:a|your) tip"
    r"|support (?:our|independent) journalism|become a (?:member|subscriber|patron)"
    r"|already a subscriber|to continue reading|create (?:a free|an) account"
    r"|this (?:article|story|post) (?:was )?(?:originally )?(?:appeared|published) (?:on|in)"
    r"|^(?:originally|first) (?:published|appeared|posted) (?:by|in|on|at)\b"
    r"|like this (?:story|article)\?|was this (?:article|story) helpful|share your thoughts"
    r"|click to (?:email|print|share|tweet)|\(opens in (?:a )?new window\)"
    r"|^(?:view|see) (?:all|more) (?:posts|articles|stories) by\b|^more (?:posts|articles) by\b"
    r"|^discussion about this (?:post|article)"
    r"|please check your inbox|stay connected with (?:us|me)\b|join (?:the|our) facebook group"
    r"|spread the word about|please (?:share|leave) a comment|be the first to know"
    r"|subscribe us\b|receive notifications about|don'?t miss any (?:news|posts|updates)"
    r"|pin (?:this|it) for later|leave a (?:star )?rating|get updates from this"
    r"|funded by readers|get the free (?:e-?book|guide|checklist)|^download our free"
    r"|get the latest (?:insights|news|updates)\s*$|access the (?:e-?book|report|guide)\s*$"
    r"|\boff your first (?:order|purchase)"
    r"|\bby submitting this form\b|\bget (?:a|your) free quote|^how was this (?:issue|newsletter)\?"
    r"|^check (?:price|availability) (?:at|on)\b|^reply by e-?mail\s*$|\bfor paid subscribers\b"
    r"|\bas a preferred source on google\b|^powered by\s+\S+(?:\s+\S+)?\s*$|^why trust us\??\s*$"
    r"|^(?:feature|featured|header|cover|hero) (?:image|photo) (?:by|via|from|courtesy)\b"
    r"|,? opens (?:in )?(?:a )?new (?:tab|window)\b"
    # a paywall's and a vendor's close: "Continue reading this post for free", "Claim my
    # free post", "Try Acme Social free with a 30-day trial" (in the imperative only: a
    # review says "Podia offers a free trial, no credit card required" of what it rates)
    r"|^continue reading (?:this|the) (?:post|article|story)\b|^claim (?:my|your) free\b"
    r"|\bpurchase a paid subscription\b|^try \S+(?: \S+){0,3} (?:for )?free\b",
    re.I,
)

# A site's note on how it makes money from what it recommends: "We may earn a commission
# from links on this page", "As an Amazon Associate I earn from qualifying purchases".
# Only in the site's own voice (`_FIRST_PERSON`): an article about affiliate marketing
# says the same words of others.
_DISCLOSURE = re.compile(
    r"\b(?:earn|receive|get|make)s?\s+(?:an?\s+)?(?:small\s+)?(?:commissions?|compensation"
    r"|a\s+(?:small\s+)?fee)\b|\b(?:contains?|uses?|includes?)\s+(?:some\s+)?affiliate\s+links?"
    r"|\baffiliate\s+(?:marketer|commissions?|partners?|program)"
    r"|\breader-supported\b|\bqualifying\s+purchases\b|\bsupported\s+by\s+commissions\b"
    r"|\bmay\s+be\s+compensated\b|\bdo(?:es)?\s+not\s+accept\s+payment",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|this\s+(?:site|page|post|article))\b")
DISCLOSURE_WORDS = 60

# Photo credits and captions carrying a credit.
_CREDIT = re.compile(
    r"^(?:photo|image|picture|pic|foto|photograph|illustration|graphic|video|credit|crédit"
    r"|bild|fuente|fonte|source|caption)s?(?:\s+(?:credit|courtesy|by|source))?\s*[:|©/]"
    r"|^(?:photo|image|picture|illustration)s?\s+(?:by|courtesy|via)\s"
    r"|^(?:stock|file|archive|handout|pool)\s+(?:photo|image|picture|footage)s?\s*[:|/]"
    r"|\((?:photo|image|picture|foto)s?(?:\s*(?:credit|by))?\s*[:/]?[^)]{0,60}\)\s*$"
    r"|\((?:AP|AFP|Reuters|Getty|EPA|PA|Shutterstock|iStock|Bloomberg)\b[^)]{0,60}\)\s*$"
    r"|(?:getty\s+images|shutterstock|istock(?:photo)?|ap\s+photo|afp\s+via\s+getty\s+images"
    r"|pa\s+wire|reuters/|/reuters|/afp|afp/|/ap\b|epa-efe|alamy|unsplash|wikimedia\s+commons)"
    r"[^.!?]{0,40}$"
    r"|^(?:image|photo)\s+copyright\b|^©\s*\S"
    r"|^(?:image|photo|picture|video)\s+(?:source|caption|credit)s?\s*[,:]"
    # "... on Friday. Salvamento Marítimo handout via Northline Wire", "... Wire file"
    r"|\bhandout(?:\s+(?:photo|picture|image))?\s+(?:via|from|by)\s+[^.!?]{2,40}$"
    r"|\.\s+(?:(?-i:[A-Z])[\w'’&.-]*\s+){1,4}(?:file|handout|pool)(?:\s+(?:photo|picture|image))?$",
    re.I,
)

# Author biography at the end of an article: "Jane Doe is a reporter at ...".
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s){1,3}(?:is|was|has been|covers|writes)\b.{0,200}"
    r"\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|author"
    r"|freelance|staff|covers|based in|follow (?:him|her|them)|founder|co-founder|instructor"
    r"|consultant)"
    # "Owen Sato covers climate policy for The Herald.", "Jo Roe edits the explainers desk."
    r"|^(?:[A-Z][\w'’.-]+\s){1,3}(?:covers|edits|reports on|writes about)\s.{0,200}"
    r"(?:\b(?:for|at)\s+(?:the\s+)?[A-Z]|\bdesk\b|\bsection\b)",
)

# The same note told in the third person, whatever the job: a name and what the person
# is or did, then a sentence about them ("Mirel Zaman is the fitness director at PS. She
# has ..."). On the last 3 kept lines of wcxb_dev captures 15 of 16 such lines are notes.
_THIRD_PERSON_NOTE = re.compile(
    r"^(?!(?:The|This|That|These|It|Our|Its|Their|A|An)\s)"
    r"(?P<first>[A-Z][\w'’.-]+)(?:\s[A-Z][\w'’.-]+){0,2}\s"
    r"(?:is|was|has|holds|founded|co-founded|joined|writes|covers)\b.{0,300}?[.!?]\s+"
    r"(?:He|She|His|Her|(?P=first))[\s’']"
)
CLOSING_NOTE_WORDS = 160


def _is_closing_bio(line: _Line) -> bool:
    if _BIO.match(line.text) and line.words <= 60:
        return True
    return line.words <= CLOSING_NOTE_WORDS and bool(_THIRD_PERSON_NOTE.match(line.text))


# Author notes are dropped from the article's last 3 lines (`_BIO`) and from its first
# lines, under the byline, when they say so at once: "Jane Doe is a content writer at
# Example with ...", "Jo Roe is a freelance writer and researcher."
BIO_HEAD_LINES = 4
_HEAD_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s){1,3}is\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}(?:reporter|writer|editor"
    r"|correspondent|journalist|columnist|contributor|author|researcher)\b"
)
_TERMINAL = ".!?。！？…"
_CLOSERS = "\"'”’»)]）」』"
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A bare address, or a site path leaking from its templates ("/content/site/en/fragments/x")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$|^/[\w.-]+(?:/[\w.-]+){2,}/?$", re.I)


@dataclass
class PlainTextArticle:
    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    published: datetime | None = None
    # From a front matter block (Markdown clippings), or a link pasted above the capture.
    url: str | None = None
    site_name: str | None = None
    description: str | None = None


@dataclass
class _Line:
    text: str
    words: int
    sentence: bool  # ends like a sentence
    lower_ratio: float  # share of words starting lower-case
    kind: str = "text"  # text | stop | drop | footer
    value: float = 0.0


# --- features ---------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _word_count(text: str) -> int:
    words = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    # CJK scripts have no spaces: about two characters make a word.
    return max(words, cjk // 2 + words - (1 if cjk else 0))


def _lower_ratio(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    lower = sum(1 for w in words if not w[0].isupper())
    return lower / len(words)


def _classify(text: str) -> str:
    lowered = text.casefold().strip(" \t•·|*-–—>»›")
    words = _word_count(text)
    if words <= 10 and _COMMENTS_LINE.match(lowered):
        return "stop"
    if words <= 10 and _SECTION_LINE.match(lowered):
        return "section"
    if _FOOTER.search(text) and words <= 40:
        return "footer"
    if _COOKIE.search(text):
        return "drop"
    if words <= 8 and _DROP_LINE.match(lowered):
        return "drop"
    if _URL_LINE.match(text.strip()):
        return "drop"
    if words <= 30 and (_PROMO_PREFIX.match(lowered) or _PROMPT.search(text)):
        return "drop"
    if words <= DISCLOSURE_WORDS and _DISCLOSURE.search(text) and _FIRST_PERSON.search(text):
        return "drop"
    if words <= 40 and _CREDIT.search(text):
        return "drop"
    return "text"


_COMMENTER = re.compile(r"^\S+(?:\s\S+){0,3}\s(?:says|said|wrote|schreibt|dice|diz|dit)\s?:$", re.I)


def _is_date_only(line: _Line) -> bool:
    return line.words <= 7 and find_date(line.text) is not None


# A teaser card whose headline and summary the capture glued together:
# "Customers Leave Without Paying At Troy SteakhouseA party of six left ...".
_GLUED_HEADLINE = re.compile(
    r"^(?P<head>[^.!?]{12,160}?(?:[a-z0-9%’'”](?=(?:The|A|An|In|On|At|As|After|Before|When"
    r"|While|If|It|Its|This|That|These|Those|There|Here|He|She|They|We|You|I|Our|His|Her"
    r"|Their|Some|Many|Most|Officials|Police|According)\s)|[?!](?=[A-Z])))(?P<tail>.+)$"
)


# A headline cut to fit a teaser box: "Plague of mosquitos to devastate Britain as Hurri..."
_CUT_SHORT = re.compile(r"[^\W\d_](?:\.\.\.|…)$")
_GLUE = re.compile(r"[a-z0-9%’'”?!][A-Z]")


def _is_glued_teaser(text: str) -> bool:
    if not _GLUE.search(text):
        return False
    match = _GLUED_HEADLINE.match(text)
    if match is None:
        return False
    head = _WORD.findall(match.group("head"))
    if len(head) < 4 or len(match.group("tail").split()) < 8:
        return False
    capitalised = sum(1 for w in head if w[0].isupper() or len(w) <= 3)
    return capitalised / len(head) >= 0.75


def _make_line(text: str) -> _Line:
    line = _Line(
        text=text,
        words=_word_count(text),
        sentence=_ends_sentence(text),
        lower_ratio=_lower_ratio(text),
    )
    line.kind = _classify(text)
    if line.kind == "text" and _COMMENTER.match(text):
        line.kind = "commenter"
    line.value = _line_value(line)
    if line.kind == "text" and line.value > 0 and _is_glued_teaser(text):
        line.kind, line.value = "teaser", -5.0
    elif line.kind == "text" and line.words <= TEASER_WORDS and _CUT_SHORT.search(text):
        line.kind, line.value = "teaser", -(2.0 + 0.25 * line.words)
    return line


# A page that prints this many of its prose paragraphs twice carries the whole article
# twice (a second layout, a print version): its first copy is kept. wcxb_dev capture F1:
# off 0.9050, 4 0.9085 (without-removed 0.9319), 8 0.9083 (0.9325), 12 0.9082, 20 0.9083;
# AEB plain-text renders unchanged (0.9253). 8 keeps chrome removal where it was.
# The same rule on trafilatura's paragraphs of HTML pages (`without_second_copy`):
# wcxb_dev body F1 +0.0010 (two pages, none lost; 4 would give +0.0013).
DUPLICATED_ARTICLE_LINES = 8


def _repeats(lines: list[_Line]) -> tuple[Counter[str], bool]:
    """How often each line of three words or more is printed, and whether the page
    carries its whole article twice."""
    counts = Counter(line.text for line in lines if line.words >= 3)
    repeated_prose = {
        line.text for line in lines if counts.get(line.text, 0) > 1 and _is_prose(line)
    }
    return counts, len(repeated_prose) >= DUPLICATED_ARTICLE_LINES


def without_second_copy(paragraphs: list[str]) -> list[str]:
    """Paragraphs of a page that carries its article twice (a second layout, a print
    version) with only the first copy of each repeated one; other pages unchanged."""
    # Prose has eight words or more: too few repeats of such paragraphs to be a copy
    # (most pages) skips classifying each line.
    long_enough = Counter(text for text in paragraphs if _word_count(text) >= 8)
    if sum(1 for n in long_enough.values() if n > 1) < DUPLICATED_ARTICLE_LINES:
        return paragraphs
    lines = [_make_line(text) for text in paragraphs]
    counts, whole_copy = _repeats(lines)
    if not whole_copy:
        return paragraphs
    seen: set[str] = set()
    kept = []
    for line in lines:
        if counts.get(line.text, 0) > 1:
            if line.text in seen:
                continue
            seen.add(line.text)
        kept.append(line.text)
    return kept


def prose_words(paragraphs: list[str]) -> int:
    """Words in the paragraphs that read as prose: sentences, mostly lower case."""
    lines = (_make_line(text) for text in paragraphs)
    return sum(line.words for line in lines if _is_prose(line))


def is_chrome_line(text: str) -> bool:
    """A line the capture rules drop wherever it stands: cookie and newsletter prompts,
    copyright footers, "Read more" links, comment-section openers."""
    return _classify(text) != "text"


def _mark_repeated(lines: list[_Line]) -> None:
    """Lines printed more than once on a page are chrome: menus, tickers, teaser lists
    laid out twice (desktop and mobile). Measured on the AEB captures, this costs the
    few articles that repeat a line less than it gains."""
    counts, whole_copy = _repeats(lines)
    seen: set[str] = set()
    for line in lines:
        if line.kind == "text" and counts.get(line.text, 0) > 1:
            if whole_copy and line.text not in seen:
                seen.add(line.text)  # the first copy of an article printed twice
                continue
            line.kind = "repeat"
            line.value = -(2.0 + 0.5 * line.words)


# A line that credits the picture above or below it: "Photo: Jo Tennant", "Image source, VT".
_CREDIT_LINE = re.compile(
    r"^(?:photo|image|picture|pic|foto|photograph|illustration|graphic|video|bild)s?"
    r"(?:\s+(?:credit|courtesy|source|by))?\s*[:|©/,]"
    r"|^(?:photo|image|picture)s?\s+(?:by|courtesy\s+of|via)\s"
    r"|^(?:credit|crédit|caption)\s*:",
    re.I,
)
_CAPTION_MARKER = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*[,:]?$", re.I)
# Agency captions describe their picture: "In this Dec. 12, 2006, file photo, ...".
_CAPTION_OPENING = re.compile(
    r"^(?:in\s+this|this)\s+(?:[\w.,]+\s+){0,6}?(?:(?:file|handout|undated|aerial)\s+)?"
    r"(?:photo|image|picture|photograph|frame\s+grab|video\s+(?:grab|still)|screenshot)"
    r"(?:\s+(?:provided|released|taken|made\s+available|shows?))?\b",
    re.I,
)
MAX_AGENCY_CAPTION_WORDS = 80
MAX_CAPTION_WORDS = 40


def _mark_captions(lines: list[_Line]) -> None:
    """Picture captions: the line just above a credit line ("Photo: X") or just below
    an "Image caption" marker. Captions describe a picture, not the story."""
    for i, line in enumerate(lines):
        if line.kind != "text" or line.words > MAX_AGENCY_CAPTION_WORDS:
            continue
        credit_below = i + 1 < len(lines) and _CREDIT_LINE.match(lines[i + 1].text)
        marker_above = i > 0 and _CAPTION_MARKER.match(lines[i - 1].text)
        agency = _CAPTION_OPENING.match(line.text)
        marked = (credit_below or marker_above) and line.words <= MAX_CAPTION_WORDS
        if (marked or agency) and not _is_meta_line(line):
            line.kind = "caption"
            line.value = -(4.0 + 0.5 * line.words)


# 4: on the AEB plain-text renders (chromium), F1 0.9050 -> 0.9099; 3 ties (0.9102),
# 5 and 6 gain less. Four keeps a short list inside an article.
HEADLINE_RUN = 4
# Headlines of other stories run to about 16 words; 12 and 20 both score lower on AEB.
TEASER_WORDS = 16


def _mark_headline_runs(lines: list[_Line]) -> None:
    """Runs of HEADLINE_RUN+ unpunctuated headline-length lines are lists of other
    stories; sentence-case headlines would otherwise count as fragments of text."""
    i = 0
    while i < len(lines):
        j = i
        while (
            j < len(lines)
            and lines[j].kind == "text"
            and _is_teaser(lines[j])
            and lines[j].words >= 3
        ):
            j += 1
        if j - i >= HEADLINE_RUN:
            for line in lines[i:j]:
                if line.value > 0:
                    line.value = -(1.0 + 0.1 * line.words)
        i = max(j, i + 1)


def _is_prose(line: _Line) -> bool:
    if line.kind != "text":
        return False
    if line.words >= 8 and line.sentence and line.lower_ratio >= 0.4:
        return True
    # A long line with sentences inside ("... said. The ...") whose end was cut off.
    return line.words >= 20 and line.lower_ratio >= 0.5 and _has_inner_sentence(line.text)


def _has_inner_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?。！？][\"'”’»)]?\s+\S", text))


def _line_value(line: _Line) -> float:
    """Contribution of a line to the article block: words of prose, minus for chrome."""
    if line.kind == "stop":
        return -1000.0
    if line.kind == "footer":
        return -200.0
    if line.kind == "section":
        return -40.0
    if line.kind == "commenter":
        return -30.0
    if line.words <= 8 and BYLINE.match(line.text):
        return -8.0  # bylines inside text are teasers of other stories
    if _is_date_only(line):
        # A bare date inside running text is rare; in lists of teasers every item has one.
        return -10.0
    if line.kind == "drop":
        return -(4.0 + 0.5 * line.words)
    if _is_prose(line):
        return float(line.words)
    if line.sentence and line.words >= 4 and line.lower_ratio >= 0.4:
        return line.words * 0.5
    if line.words >= 4 and line.lower_ratio >= 0.5:
        return line.words * 0.25  # a sentence fragment or list item of the article
    if line.words >= 4 and ("," in line.text or line.text.endswith(":")):
        return -1.0
    # Short line without sentence punctuation: menu item, headline, label, subheading.
    return -(2.0 + 0.25 * line.words)


# --- the article block --------------------------------------------------------------


def _densest_run(lines: list[_Line], lo: int, hi: int) -> tuple[float, int, int]:
    """(value, start, end) of the run in lines[lo:hi] with the largest total value (Kadane)."""
    best, best_span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += lines[i].value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, best_span[0], best_span[1]


# A block before an end-of-article cue ("Related", "Comments") wins over a denser one
# after it when it holds at least this share of the densest block's value: teasers of
# other stories after the article can add up to more text than a short article.
_FIRST_BLOCK_SHARE = 0.5


# Prose (in line value) that makes a block before a comments heading the article:
# what follows the heading is then readers' comments, however long. 40-60 score the
# same on the AEB plain-text renders (F1 0.9099 -> 0.9174); 20 lets a "Comments" link
# in the page header hide the article, 100+ misses short articles.
MIN_ARTICLE_BEFORE_COMMENTS = 60.0


def _has_article(segments: list[tuple[float, int, int]]) -> bool:
    return any(value >= MIN_ARTICLE_BEFORE_COMMENTS for value, _, _ in segments)


def _best_block(lines: list[_Line]) -> tuple[int, int]:
    """[start, end) of the article: the densest run of lines, not crossing a hard stop."""
    segments: list[tuple[float, int, int]] = []
    lo = 0
    for i, line in enumerate([*lines, None]):
        if line is None or line.kind in ("stop", "footer"):
            if i > lo:
                segments.append(_densest_run(lines, lo, i))
            lo = i + 1
            if line is not None and line.kind == "stop" and _has_article(segments):
                break
    if not segments:
        return 0, 0
    best = max(value for value, _, _ in segments)
    for value, start, end in segments:
        if value > 0 and value >= _FIRST_BLOCK_SHARE * best:
            return start, end
    return 0, 0


def _is_headline_like(line: _Line) -> bool:
    return line.kind == "text" and not _is_prose(line) and not line.sentence and line.words <= 20


def _is_teaser(line: _Line) -> bool:
    """A headline in a list of other stories: short, and not ending like a statement
    ("Will the mayor answer questions?", "Queen and Prince Philip spend ... apart")."""
    return line.words <= TEASER_WORDS and not line.text.rstrip(_CLOSERS + " ").endswith(".")


def _drop_section_lists(lines: list[_Line], keep: list[bool], start: int, end: int) -> None:
    """Inside the block, drop the short lines listed under a "Related"-style heading."""
    i = start
    while i < end:
        if lines[i].kind == "section":
            j = i + 1
            while j < end and (not _is_prose(lines[j]) or _is_teaser(lines[j])):
                keep[j] = False
                j += 1
            i = j
        else:
            i += 1


# Items of an introduced list carry more than a word on average: one-word lines under a
# colon are tabs ("How we reviewed this article:" / "Sources" / "History"). On wcxb_dev
# captures this keeps that one page's chrome out and costs no article words.
LIST_ITEM_WORDS = 2


def _introduced_list(lines: list[_Line], i: int, j: int) -> bool:
    """Whether the article introduces the run lines[i:j] with a line ending in ':' (the
    line before it, or the run's own first line over items of more than a word: a
    heading over one-word tabs, "How we reviewed this article:" / "Sources", is not)."""
    if i > 0 and lines[i - 1].text.rstrip().endswith(":"):
        return True
    items = lines[i + 1 : j]
    return (
        lines[i].text.rstrip().endswith(":")
        and bool(items)
        and sum(line.words for line in items) / len(items) >= LIST_ITEM_WORDS
    )


def _drop_link_lists(lines: list[_Line], keep: list[bool]) -> None:
    """Drop runs of 3+ short headline-like lines (lists of other stories, menus).

    A run of short lines that read like list items of the article itself (lower-case
    fragments, lines ending in ':' or ';', numbered steps) is kept, and so is a run the
    article introduces with a line ending in ':' ("You will need:"): on wcxb_dev captures
    runs after such a line are 93% article words and hold none of the chrome snippets
    (capture F1 0.9114 -> 0.9130, chrome removed unchanged).
    """
    i = 0
    while i < len(lines):
        if not (keep[i] and _is_headline_like(lines[i])):
            i += 1
            continue
        j = i
        while j < len(lines) and keep[j] and _is_headline_like(lines[j]):
            j += 1
        run = lines[i:j]
        if len(run) >= 3 and not _introduced_list(lines, i, j):
            title_case = sum(1 for ln in run if ln.lower_ratio < 0.5) / len(run)
            listy = sum(1 for ln in run if re.match(r"^\s*(?:\d+[.)]|[-*•–])\s", ln.text)) / len(
                run
            )
            if title_case >= 0.6 and listy < 0.5:
                for k in range(i, j):
                    keep[k] = False
        i = j


# 3 items in a row, each under its own date line, make a list of stories (on the AEB
# plain-text renders only one site lists its stories so: F1 +0.0024, no page worse).
DATED_TEASERS = 3
DATED_TEASER_GAP = 6  # lines between the dates of consecutive items, at most


def _is_bare_date(line: _Line) -> bool:
    """A date alone, "Tuesday November 19, 2019"; not a tweet's "— Jo (@jo) Nov 18, 2019"."""
    if line.kind != "text" or line.words > 5 or re.search(r"[@(]|^[—–-]", line.text):
        return False
    return find_date(line.text) is not None


def _cut_dated_teasers(lines: list[_Line], start: int, end: int) -> int:
    """The block's end, moved up to where a list of dated teasers starts ("Title /
    Author / Tuesday November 19, 2019 / summary" again and again). The article's own
    dateline is its first lines, so dates there do not count."""
    dates = [i for i in range(start + 3, end) if _is_bare_date(lines[i])]
    for k in range(len(dates) - DATED_TEASERS + 1):
        run = dates[k : k + DATED_TEASERS]
        if all(b - a <= DATED_TEASER_GAP for a, b in pairwise(run)):
            cut = run[0]
            while cut > start and not _is_prose(lines[cut - 1]):
                cut -= 1
            return cut if cut > start else end
    return end


def _trim_block_edges(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Shrink the block so that it starts and ends on prose or sentence lines; a
    sentence-case headline heading the block is not its first paragraph."""
    while start < end and (
        lines[start].value <= 0 or (_is_headline_like(lines[start]) and start + 1 < end)
    ):
        start += 1
    while end > start and lines[end - 1].value <= 0:
        end -= 1
    return start, end


# --- title, byline, date -----------------------------------------------------------------


# Labels that introduce something other than the article's headline: tickers of other
# stories, picture captions, section teasers ("Trending: ...", "BREAKING Rent strike ...").
_LABEL_LINE = re.compile(
    r"^[●•▶►■◆*\s]*(?:"
    r"(?i:trending(?:\s+now)?|breaking(?:\s+news)?|just\s+in|developing(?:\s+story)?"
    r"|watch\s+live|live\s+now|most\s+read|top\s+stories|news\s+feed|ticker|photos?|images?"
    r"|pictures?|video|caption|credit|sponsored|advertisement|read\s+more|related|see\s+also"
    r"|editor'?s\s+picks?|popular|latest|up\s+next|listen|now\s+playing)"
    r"\s*[:|•●·–—-]"
    r"|BREAKING\b|TRENDING\b|JUST\s+IN\b|DEVELOPING\b|WATCH\s+LIVE\b|LIVE\s+NOW\b)"
)
_POSTED_BYLINE = re.compile(
    r"^(?:posted|published|written|updated|last\s+updated)\s+(?:on\s+)?(?P<when>.{4,50}?)"
    r"\s+by\s+(?P<names>.+)$",
    re.I,
)
# "October 11, 2023 by Autumn Huerter", "Published: Mar 8, 2024 · Modified: May 19, 2025
# by Jessica Robinson · ...": a date, then "by" and the names.
_DATED_BYLINE = re.compile(r"^(?P<when>.{4,80}?)\s+by(?:\s*:)?\s+(?P<names>.+)$", re.I)
_META_PREFIX = re.compile(
    r"^(?:updated|published|posted|last\s+updated|first\s+published|aktualisiert|actualizado"
    r"|mis\s+à\s+jour|publié|veröffentlicht|publicado)\b",
    re.I,
)


def _is_label(line: _Line) -> bool:
    return bool(_LABEL_LINE.match(line.text))


def _is_meta_line(line: _Line) -> bool:
    """A byline, dateline or "Updated ..." line of the article's header."""
    if line.words > 20 or _is_prose(line):
        return False
    if _byline_of(line) is not None or _POSTED_BYLINE.match(line.text):
        return True
    if _META_PREFIX.match(line.text):
        return True
    return line.words <= 14 and find_date(line.text) is not None


# A date or "Published" glued to the name before it: "Jeffrey ZeldmanNovember 3, 2025",
# "KORIN MILLERPUBLISHED: JAN 5, 2024", "Kathryn GiuffridaMar 5, 2025".
_GLUED_META = re.compile(
    r"(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Published|Updated|Posted)\b)|(?<=[A-Z])(?=(?:PUBLISHED|UPDATED)\b)"
    r"|(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s\d)"
)


# "By Jane Example March 4, 2024", "By Jane Example on March 4, 2024", "By Jane Example |
# March 4, 2024": the date after the name (not "Novak 3 min read")
_DATE_TAIL = re.compile(rf"(?:\s+(?:on|at|[|·•–—-]))?\s+{ENGLISH_MONTH}\.?\s+\d.*$", re.I)


def _byline_of(line: _Line) -> list[str] | None:
    if line.kind != "text" or line.words > 20:
        return None
    text = _GLUED_BY.sub("By ", _GLUED_META.sub(" ", line.text))  # "ByKathryn Giuffrida"
    if BYLINE.match(text):
        if len(_WORD.findall(byline_head(text))) > 14:  # "By Jo | date | ..."
            return None
        # "By REUTERS" is a credit and "TEXT SIZE" a control, not a person
        names = parse_byline(_DATE_TAIL.sub("", text))
        names = [n for n in names if not (n.isupper() and len(n.split()) == 1)]
        return _people(names, min_words=1)
    posted = _POSTED_BYLINE.match(text) or _DATED_BYLINE.match(text)
    if posted and find_date(posted.group("when")) is not None:
        return _people(parse_byline(posted.group("names")), min_words=1)
    # "Jane Doe - Nov 19, 2019, 10:31 pm CST", "Jane Doe, Editor · The Daily · 19 Nov 2019":
    # a name followed by a date; without "By", one word before a date is a label ("Video -
    # December 19, 2025", "August 16, 2019 - Updated ...").
    parts = re.split(r"\s[|·•–—/-]\s|\s?•\s?", text)
    if len(parts) >= 2 and any(find_date(part) is not None for part in parts[1:]):
        name_part = parts[0].split(",")[0]
        if len(name_part.split()) <= 4:
            return _people(parse_byline(parts[0]), min_words=2)
    return None


def _people(names: list[str], min_words: int) -> list[str] | None:
    found = [n for n in names if len(n.split()) >= min_words]
    return found or None


# --- Markdown ----------------------------------------------------------------------------


def markdown_to_text(markdown: str) -> tuple[str | None, str]:
    """Strip Markdown markup, keep paragraphs; a leading `# Title` becomes the title."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    out: list[str] = []
    in_fence = False
    for raw in lines:
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if re.match(r"^\s*(?:[-*_]\s*){3,}$", line) or re.match(r"^\s*[=-]{3,}\s*$", line):
            out.append("")  # rule or setext underline
            continue
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            text = _strip_inline_markdown(heading.group(2))
            if title is None and heading.group(1) == "#" and not any(s.strip() for s in out):
                title = text
                continue
            out.extend(["", text, ""])
            continue
        line = re.sub(r"^\s{0,3}>\s?", "", line)  # blockquote
        line = re.sub(r"^(\s*)(?:[-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?", r"\1", line)  # list marker
        out.append(_strip_inline_markdown(line))
    text = "\n".join(out)
    return title, re.sub(r"\n{3,}", "\n\n", text).strip()


def _strip_inline_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", "", text)  # link definitions
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)  # inline HTML
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"~~(.+?)~~", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)  # backslash escapes


# --- entry points ------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    return unwrap(text)


def _paragraphs(lines: list[str], blank_before: list[bool]) -> str:
    """Kept lines -> paragraphs separated by blank lines.

    Lines that follow each other without a blank line are separate paragraphs too
    (innerText of `<div>`s), except a hard-wrapped paragraph: a line that does not end
    a sentence followed by one that starts in lower case is joined to it.
    """
    parts: list[str] = []
    for text, blank in zip(lines, blank_before, strict=True):
        if not parts:
            parts.append(text)
            continue
        previous = parts[-1]
        wrapped = (
            not blank
            and not _ends_sentence(previous)
            and not previous.endswith(":")
            and text[:1].islower()
        )
        if wrapped:
            parts[-1] = f"{previous} {text}"
        else:
            parts.append(text)
    return "\n\n".join(parts)


def _more_precise(stated: datetime | None, found: datetime | None) -> datetime | None:
    """The front matter's date, or the text's datetime when that is the same day with
    a time of day (clippers often write only the day)."""
    if stated is None:
        return found
    date_only = stated.tzinfo is None and (stated.hour, stated.minute, stated.second) == (0, 0, 0)
    if found is not None and date_only and found.date() == stated.date():
        return found
    return stated


def extract_plaintext(
    text: str, *, markdown: bool = False, fetched_at: datetime | None = None
) -> PlainTextArticle:
    """Title, byline, date and body of the article in a plain-text (or Markdown) capture.

    The body keeps the article's paragraphs, separated by blank lines (single line
    breaks inside a paragraph are kept when the capture had them). A leading front
    matter block (`---` YAML as web clippers write it) gives the title, URL, date and
    authors and is left out of the body. `fetched_at`, when the capture's time is known,
    dates a stamp without a year beside the headline ("22 hours ago", "Nov 18").
    """
    md_title = None
    text = _clean(text)
    front, text = split_front_matter(text)
    if markdown:
        md_title, text = markdown_to_text(text)
    found = _extract_lines(text, fetched_at)
    if front is not None:
        found.title = front.title or md_title or found.title
        found.url = front.url
        found.site_name = front.site_name
        found.description = front.description
        found.published = _more_precise(front.published, found.published)
        if front.authors:
            found.authors, found.byline = front.authors, None
    elif md_title:
        found.title = md_title
    found.url = found.url or _pasted_address(text)
    return found


_LONE_ADDRESS = re.compile(r"https?://[^\s/]+\.[^\s/]+(?:/\S*)?")


def _pasted_address(text: str) -> str | None:
    """The page's address when the capture opens with it alone on its line, as when a
    user pastes the link above the copied page (no capture of a page's own text starts
    so: none of the 974 wcxb_dev and AEB captures does)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if _LONE_ADDRESS.fullmatch(first) else None


@dataclass
class LineBlock:
    """A capture's non-blank lines (classified) and the article block among them."""

    lines: list[_Line]
    blank_before: list[bool]
    start: int
    end: int
    article_only: bool = False  # a copy of the article alone, headline on its first line
    day_first: bool | None = None  # the capture's date order (`dates.page_date_order`)


# Kinds of line only a page's chrome has: a text holding none of them, that opens with a
# headline and the article's prose right under it, is the article copied alone.
_PAGE_CHROME_KINDS = ("drop", "stop", "footer", "teaser", "section", "caption")
ARTICLE_ONLY_HEADER_LINES = 4  # a byline, a date, a reading time under the headline
# The prose under the headline is a paragraph, not a motto under a site's name ("War is
# peace. Freedom is slavery. Ignorance is strength.").
ARTICLE_ONLY_PROSE_WORDS = 12


def _article_only_start(lines: list[_Line]) -> int | None:
    """Where the article's text starts when the reader selected the article alone, from
    its headline down ("Headline" / prose, or "Headline" / byline / date / prose): the
    first prose line; None for any other text. Such a copy has no menus or footer, so
    the block search's densest run would only cut its tables, code and lists.

    On wcxb_dev, one of the 793 browser captures is taken for one (a blog page without
    menus, whose closing promotions then stay in: body F1 0.994 -> 0.976); each page's
    gold title and text, copied alone, are taken for one on 621 of 791 (with a byline
    and date under the title: 508), and their headline is right on 0.958 of them against
    0.900 before (0.947 against 0.924), body F1 0.980 against 0.973."""
    if len(lines) < 3 or not is_candidate(lines[0]):
        return None
    if any(line.kind in _PAGE_CHROME_KINDS for line in lines):
        return None
    first = next(
        (
            j
            for j in range(1, min(len(lines), ARTICLE_ONLY_HEADER_LINES + 1))
            if _is_prose(lines[j]) and lines[j].words >= ARTICLE_ONLY_PROSE_WORDS
        ),
        None,
    )
    if first is None:
        return None
    if first == 2 or all(_is_meta_line(lines[j]) for j in range(1, first)):
        return first
    return None


# A research paper's own headings: after one of them, "Discussion" is the paper's
# section, not the readers' comments, and "References" ends the paper's text.
_PAPER_HEADING = re.compile(
    r"^(?:\d+\.?\s*)?(?:abstract|introduction|background|(?:materials\s+and\s+)?methods"
    r"|results)\s*$",
    re.I,
)

_REFERENCES = re.compile(r"^(?:\d+\.?\s*)?(?:references|bibliography|literature\s+cited)\s*$", re.I)


def _reclassify(line: _Line, kind: str) -> None:
    """Give a line another kind, and the value the block search reads from it."""
    line.kind = kind
    line.value = _line_value(line)


def _mark_paper_sections(lines: list[_Line]) -> None:
    in_paper = False
    for line in lines:
        if _PAPER_HEADING.match(line.text):
            in_paper = True
        elif in_paper and line.kind == "stop" and line.text.strip(" :").casefold() == "discussion":
            _reclassify(line, "text")
        elif in_paper and _REFERENCES.match(line.text):
            _reclassify(line, "stop")


def _is_blank(text: str) -> bool:
    """Nothing visible: empty, or only format characters (a zero-width joiner alone)."""
    return all(unicodedata.category(c) == "Cf" for c in text)


def article_block(text: str) -> LineBlock:
    """The capture's lines and where its article block starts and ends."""
    lines: list[_Line] = []
    blank_before: list[bool] = []
    previous_blank = True
    for raw in text.split("\n"):
        stripped = re.sub(r"[ \t\f\v]+", " ", raw).strip()
        if _is_blank(stripped):
            previous_blank = True
            continue
        lines.append(_make_line(stripped))
        blank_before.append(previous_blank)
        previous_blank = False
    if not lines:
        return LineBlock([], [], 0, 0)
    _mark_repeated(lines)
    _mark_paper_sections(lines)
    _mark_captions(lines)
    _mark_headline_runs(lines)

    article_start = _article_only_start(lines)
    if article_start is not None:
        end = _cut_dated_teasers(lines, article_start, len(lines))
        return LineBlock(lines, blank_before, article_start, end, True, page_date_order(text))
    start, end = _best_block(lines)
    if end <= start:
        start, end = 0, len(lines)
    end = _cut_dated_teasers(lines, start, end)
    start, end = _trim_block_edges(lines, start, end)
    if end <= start:
        start, end = 0, len(lines)
    return LineBlock(lines, blank_before, start, end, day_first=page_date_order(text))


# Dates read beside a capture's headline (characters below and above it), as for HTML
# pages (extract/visible.py); then the nearest date to the article block within this
# many lines above and below its start. Tuned on wcxb_dev captures: (15, 5) 0.625,
# (30, 10) 0.630, (60, 20) 0.636 of dated pages; the middle is kept, as wider windows
# reach the dates of other stories on pages unlike these.
DATE_LINES_ABOVE = 30
DATE_LINES_INTO = 10


def _printed_date(block: LineBlock, i: int) -> tuple[datetime, bool] | None:
    """(date, whether it is an "Updated" date) that line i prints as its page's own;
    None for no date or someone else's ("Today:", a copyright line)."""
    lines = block.lines
    previous = lines[i - 1].text if i > 0 else ""
    stamp = stamped_date(lines[i].text, previous, block.day_first)
    if stamp is None or is_other_date(lines[i].text, previous):
        return None
    return stamp


def _nearest_block_date(block: LineBlock) -> datetime | None:
    """The date printed nearest the start of the article block (above it first; not a
    "Today:" or copyright line; "Updated" dates last)."""
    lines, start = block.lines, block.start
    found: list[tuple[bool, float, datetime]] = []
    for i in range(max(0, start - DATE_LINES_ABOVE), min(len(lines), start + DATE_LINES_INTO)):
        printed = _printed_date(block, i) if lines[i].words <= 20 else None
        if printed is None:
            continue
        date, updated = printed
        distance = start - i if i < start else (i - start) / 2
        found.append((updated, distance, date))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


# Comments carry a date and a time of day: "December 30, 2024 at 3:45 pm".
_COMMENT_STAMP = re.compile(r"\b(?:19|20)\d{2},?\s+at\s+\d{1,2}[:.]\d{2}", re.I)
PAGE_DATE_WORDS = 20


def _page_date(block: LineBlock) -> datetime | None:
    """A date anywhere on the page, when none is printed near the headline or the
    article block. Preferred in this order: not an "Updated" date, not a comment's time
    stamp, a "Published ..." line, the line nearest the block (below it counting half,
    as the article's own date sits above it or at its end). "Today:" and copyright lines
    do not count."""
    lines, start = block.lines, block.start
    found: list[tuple[bool, bool, bool, float, datetime]] = []
    for i, line in enumerate(lines):
        if line.words > PAGE_DATE_WORDS or line.kind in ("footer", "caption"):
            continue
        printed = _printed_date(block, i)
        if printed is None:
            continue
        date, updated = printed
        previous = lines[i - 1].text if i > 0 else ""
        cued = bool(PUBLISHED_CUE.search(line.text) or PUBLISHED_CUE.search(previous))
        stamp = not cued and bool(_COMMENT_STAMP.search(line.text))
        distance = start - i if i < start else (i - start) / 2
        found.append((updated, stamp, not cued, distance, date))
    return min(found, key=lambda f: f[:4])[4] if found else None


def capture_date(
    block: LineBlock, title_index: int | None, fetched_at: datetime | None = None
) -> datetime | None:
    """The article's date in a text capture: printed beside the headline (a stamp
    without a year there too, when the capture's time is known), else nearest the
    article block, else a date elsewhere on the page (`_page_date`); an "Updated ..."
    date only when there is no other; a first publication the text states when earlier."""
    texts = [line.text for line in block.lines]
    anchor = title_index if title_index is not None else max(0, block.start - 1)
    near_title = lines_near(texts, anchor, AFTER_HEADLINE_CHARS * 2, block.day_first)
    stated, updated = dates_near_headline(near_title)
    found = stated or _stated_in_article(block)
    if found is None and fetched_at is not None:
        found = relative_near_headline(near_title, fetched_at)
    found = found or _nearest_block_date(block) or updated or _page_date(block)
    lines = block.lines
    near = lines[max(0, block.start - DATE_LINES_ABOVE) : block.end + CUED_LINES_BELOW]
    return with_original(found, "\n".join(line.text for line in near))


# A cued line may carry categories after its date; tried on wcxb_dev captures after the
# dates beside the headline and before the nearest date: +1 page, none lost (before the
# dates beside the headline: 2 gained, 2 lost).
CUED_DATE_WORDS = 40
CUED_LINES_BELOW = 25


def _stated_in_article(block: LineBlock) -> datetime | None:
    """A date a line says is the article's publication date ("Posted on ... in Health,
    Nutrition", "Published on ..."), from just above the article block to just below
    it (many blogs print it under the article); the first such line wins."""
    lines = block.lines
    for i in range(
        max(0, block.start - DATE_LINES_ABOVE), min(len(lines), block.end + CUED_LINES_BELOW)
    ):
        line = lines[i]
        if line.words > CUED_DATE_WORDS or not PUBLISHED_CUE.search(line.text):
            continue
        printed = _printed_date(block, i)
        if printed is not None and not printed[1]:
            return printed[0]
    return None


# An author box closing the article: a sign-off line ("Written by Jo Roe", "Published by
# Jo Roe", or the bare name over a note that opens with it: "Jo Roe" / "Jo is a ...") and
# what follows it to the block's end (the note, "Read all articles by ...", the site's
# call to action), when that tail is short: at most AUTHOR_BOX_LINES lines and
# AUTHOR_BOX_WORDS words, read within the block's last AUTHOR_BOX_LINES lines.
AUTHOR_BOX_LINES = 6
AUTHOR_BOX_WORDS = 160
_SIGN_OFF = re.compile(
    r"^(?:written|published|posted|reviewed|edited)\s+by\s*:?\s*"
    r"(?:[A-Z][\w'’.-]+\s?){1,4}$|^about\s+the\s+(?:author|writer)s?\s*:?$",
    re.I,
)
_BARE_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s){1,2}[A-Z][\w'’.-]+$")
_NOTE_VERB = re.compile(r"\b(?:is|was|has been|writes|covers)\b")
# (no leading \b: "copywriter", "co-author")
_WRITER_WORDS = (
    r"writer|editor|reporter|journalist|author|contributor|columnist|correspondent|blogger"
    r"|analyst|founder|owner|expert|specialist|consultant|instructor|coach"
)
_WRITER = re.compile(rf"(?:{_WRITER_WORDS})s?\b", re.I)


# A note about one of the article's authors, wherever it stands in the block: "Jo Roe is
# a content writer at Example with ...", "Jo Roe has covered ...".
AUTHOR_NOTE_WORDS = 80
# (the verb right after the full name; `_NOTE_VERB` above is `_opens_author_note`'s)
_AUTHOR_NOTE_VERB = re.compile(
    r"\s+(?:is|was|has|had|covers|writes|joined|leads|edits|reports|holds|serves|lives|works)\b"
)


# What such a note says the author is (a line about a product the byline wrongly
# names, "Proton VPN has servers in ...", says none of it).
_NOTE_ROLE = re.compile(
    rf"\b(?:{_WRITER_WORDS}|professional|designer|educator|host|director|manager|head\s+of)s?\b",
    re.I,
)


def _about_an_author(line: _Line, authors: list[str]) -> bool:
    if line.words > AUTHOR_NOTE_WORDS:
        return False
    return any(
        len(name.split()) >= 2
        and line.text.startswith(name)
        and _AUTHOR_NOTE_VERB.match(line.text, len(name)) is not None
        and _NOTE_ROLE.search(line.text) is not None
        for name in authors
    )


def _opens_author_note(name: str, note: str) -> bool:
    """ "Jo Roe" over "Jo (JR) is a seasoned copywriter ...": a note about the writer, not
    a section of the article about a person ("Jack Butcher" / "Jack Butcher is an artist")."""
    first = name.split()[0]
    return (
        note.startswith(first)
        and bool(_NOTE_VERB.search(note[:80]))
        and bool(_WRITER.search(note[:200]))
    )


def _author_box(lines: list[_Line], start: int, end: int) -> int:
    """Index where a closing author box starts, or `end` when there is none."""
    for i in range(max(start + 1, end - AUTHOR_BOX_LINES), end):
        text = lines[i].text
        signed = bool(_SIGN_OFF.match(text))
        named = (
            _BARE_NAME.match(text) is not None
            and i + 1 < end
            and _opens_author_note(text, lines[i + 1].text)
        )
        if (signed or named) and sum(line.words for line in lines[i:end]) <= AUTHOR_BOX_WORDS:
            return i
    return end


# A table of contents has a few entries, listed together above the article.
CONTENTS_ENTRIES = 3


def _restore_contents_entries(lines: list[_Line], start: int, end: int) -> None:
    """Repeated lines inside the article block whose other copies all stand above the
    block are the article's own: subheadings listed again in a table of contents. On
    wcxb_dev captures such lines hold about five words of article to one of chrome;
    with copies below the block the two are even, so those stay out."""
    copies: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.kind == "repeat":
            copies.setdefault(line.text, []).append(i)
    listed: dict[int, int] = {}  # the copy above the block -> the line in the block
    for positions in copies.values():
        inside = [i for i in positions if start <= i < end]
        above = [i for i in positions if i < start]
        if len(inside) == 1 and len(above) == len(positions) - 1:
            listed.update((i, inside[0]) for i in above)
    # Entries of one list stand together above the block; a menu item or a promotion
    # that recurs once stands alone.
    entries = {listed[i] for i in listed if any(0 < abs(i - j) <= 2 for j in listed)}
    if len(entries) < CONTENTS_ENTRIES:
        return
    for i in entries:
        _reclassify(lines[i], "text")


def _authors_elsewhere(lines: list[_Line], title_index: int | None, title: str | None) -> list[str]:
    """Authors when no byline follows the headline: "By" then the name on the next line,
    a lone name beside the date, reading time or job title (the same reading of the
    headline's surroundings as for HTML pages), else the first line anywhere that
    claims authorship ("Written by", "Author:").

    A capture's lines near the headline also hold the menus and section labels that
    HTML's elements keep apart, so a capture asks more of a name: two words or more,
    and not every word also written in lower case in the capture ("Key Features").
    (Asking a lone name to be printed twice, as author boxes repeat it, cut wrong names
    on wcxb_dev captures from 44 to 35 but right ones from 316 to 296: not kept.)"""
    texts = [line.text for line in lines]
    phrase = phrase_of("\n".join(texts))

    def named(found: list[str]) -> list[str]:
        names = [_GLUED_BY.sub("", name) for name in found]
        return [
            n
            for n in names
            if len(n.split()) >= 2 and not same_words(n, title or "") and not phrase(n)
        ]

    if title_index is not None:
        near = lines_near(texts, title_index)
        found = named(labelled_byline(near))
        if found:
            return found
        found = named(lone_name(near, accept=lambda name: bool(named([name]))))
        if found:
            return found
    return named(byline_in_lines(texts))


_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")  # "ByNina Pineda": a capture lost the space


def _extract_lines(text: str, fetched_at: datetime | None = None) -> PlainTextArticle:
    block = article_block(text)
    lines, blank_before, start, end = block.lines, block.blank_before, block.start, block.end
    if not lines:
        return PlainTextArticle(title=None, text="")

    title_index: int | None
    title: str | None
    if block.article_only:
        title_index, title = 0, lines[0].text.strip()
    else:
        title_index, title = find_headline(lines, start, end)
    _restore_contents_entries(lines, start, end)

    # Byline and date: between the title and the first lines of the block.
    authors: list[str] = []
    byline = None
    top = title_index + 1 if title_index is not None else max(0, start - 6)
    header = list(range(top, min(end, max(start, top) + 3)))  # (a headline inside the block too)
    keep = [start <= i < end for i in range(len(lines))]
    for i in header:
        line = lines[i]
        names = _byline_of(line)
        if names and not authors:
            authors, byline = names, line.text
            keep[i] = False
        if i >= start and _is_meta_line(line):
            keep[i] = False
    if not authors:
        authors = _authors_elsewhere(lines, title_index, title)
    published = capture_date(block, title_index, fetched_at)

    for i in range(start, end):
        if lines[i].kind != "text":
            keep[i] = False
    if title is not None and start <= (title_index or -1) < end:
        keep[title_index or 0] = False
    _drop_section_lists(lines, keep, start, end)
    _drop_link_lists(lines, keep)
    for i in range(start, min(end, start + BIO_HEAD_LINES)):
        if keep[i] and _HEAD_BIO.match(lines[i].text) and lines[i].words <= 60:
            keep[i] = False
    for i in range(end - 1, max(start, end - 3) - 1, -1):
        if keep[i] and i > start and _is_closing_bio(lines[i]):
            keep[i] = False
    box = _author_box(lines, start, end)
    for i in range(box, end):
        keep[i] = False
    for i in range(start, end):
        if keep[i] and _about_an_author(lines[i], authors):
            keep[i] = False

    body_lines = [lines[i].text for i in range(len(lines)) if keep[i]]
    body_blanks = [blank_before[i] for i in range(len(lines)) if keep[i]]
    return PlainTextArticle(
        title=title,
        text=_paragraphs(body_lines, body_blanks),
        authors=tidy_authors(authors),
        byline=byline,
        published=published,
    )
