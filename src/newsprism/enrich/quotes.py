"""Direct quotes and indirect attributions, with speaker, cue and content offsets.

Rule-based and fast (regular expressions over sentences; the spaCy `Doc`, when the
caller already has one, only sharpens person names). The steps:

1. Quote spans: every pair of quote marks (" “ ” ‘ ’ « » „ and the typewriter `''`),
   a quote left open at the end of a paragraph continuing when the next paragraph
   re-opens it (the news convention for quotes over several paragraphs).
2. A quote that stands as a statement (starts a clause) is attributed to the cue and
   speaker right after it (`..." said X`, `..." X said`, and after a quote ending in a
   comma or question mark any verb: `...," Viguerie concludes`), right before it
   (`X said: "..."`, `When asked, X smiled and said, "..."`), to the subject of the
   clause a colon ends (`Ms. Ng wrote back: "..."`) or to a dash line under it
   (`- Sanders.`). A quote without its own cue continues the previous speaker when it
   follows a quote attributed after it (`"...," X said. "..."`). Quotes inside a
   sentence that nobody is said to have said are scare quotes and dropped, and short
   title-case quotes (titles of works) and single-quoted subheads need their own cue.
3. Indirect attributions per sentence: `X said (that) ...`, `On Monday, X told Y
   that ...`, `..., police said, ...`, `..., X said.`, `..., said X.`, `according to
   X`, `X denied/accused ...`, and reported beliefs (`X believes ...`).
4. Speakers resolved to the fullest name in the article ("Okafor", "she",
   "the spokeswoman" -> "Maria Okafor"), with role and organisation, anonymous
   sources ("two senior officials") flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsprism.enrich.claims import article_restance, stance_of
from newsprism.enrich.quote_patterns import (
    ACCORDING_ANYWHERE,
    ACCORDING_FIRST,
    ACCORDING_LAST,
    ACCORDING_TO,
    AFTER_ACCORDING,
    AFTER_ANY_VERB,
    AFTER_ANY_VERB_FIRST,
    AFTER_CUE_FIRST,
    AFTER_SPEAKER_FIRST,
    ANON_HEADS,
    ANYWHERE_PHRASES,
    ANYWHERE_SKIP,
    ANYWHERE_WORDS,
    AUXILIARIES,
    BEFORE,
    BEFORE_CUE_FIRST,
    BEFORE_DOT,
    CAP_NAME,
    CLAUSE_BREAK,
    CLAUSE_OPENER,
    CLAUSE_STOP,
    CLOSE_DOUBLE,
    CLOSES_SENTENCE,
    COLON_LINE,
    COLON_LINE_SKIP,
    CONJOINED_VERB,
    CONTENT_LEAD,
    CONTENT_LEAD_THAT,
    CONTINUATION_JOINER,
    COUNTRIES,
    CUE_FOLLOWS,
    CUE_FOLLOWS_STOP,
    CUE_VERBS,
    DASH_AFTER,
    DASH_LINE,
    DEMONSTRATIVES,
    DETERMINERS,
    HEAD_STOP,
    HEADLINE_VERB,
    IN_SOURCE,
    INDIRECT_INSERTED,
    INDIRECT_SUBJECT_FIRST,
    INDIRECT_SUBJECT_LAST,
    LISTENER_CUES,
    LISTENER_THEN_THAT,
    MONTHS,
    NAME_APPOSITIVE,
    NAME_COLON,
    NEEDS_COMPLEMENT,
    NEGATED_ENDINGS,
    NON_SPEAKER,
    NOT_SUBJECTS,
    NP_WORD,
    OBJECT_PRONOUNS,
    OPEN_DOUBLE,
    ORG_NOUNS,
    PARENTHETICAL,
    PARTICIPLE_CUE,
    PARTICIPLE_TAIL,
    PASSIVE_AUXILIARIES,
    PERSON_TITLES,
    PLACE_ADJECTIVES,
    PLACE_OR_ORG,
    PLURAL_CUES,
    PLURAL_SUBJECTS,
    POSSESSIVES,
    PREPOSITIONS,
    PROGRESSIVE_AUXILIARIES,
    PRONOUNS,
    QUANTITY_SUBJECT,
    QUOTE_TOKEN,
    READER_WORDS,
    RECIPIENT,
    RECIPIENT_CUES,
    ROLE_NOUNS,
    SECTION_NAMES,
    SENTENCE_ADVERBS,
    SHORT_TAIL,
    SINGLE_QUOTE,
    SPEAKER_TAIL,
    STATEMENT_END,
    STATEMENT_JOINER,
    SUBJECT,
    SUBJECT_VERB,
    TIME_WORDS,
    TITLE_SMALL,
    VERB_AFTER_SUBJECT,
    VERB_LIKE,
    WEEKDAYS,
    WORD_AFTER_SPACE,
)
from newsprism.enrich.sentences import Sentence, paragraph_spans, split_sentences
from newsprism.models import Quote, Span

# --- lexicons -----------------------------------------------------------------------


# --- quote spans ----------------------------------------------------------------------


@dataclass
class _QuoteSpan:
    start: int  # opening mark
    end: int  # after the closing mark
    inner_start: int
    inner_end: int


def _mark_opens(text: str, start: int, mark: str, is_open: bool, opened_with: str) -> bool:
    if mark in OPEN_DOUBLE and not (mark == "“" and opened_with == "„" and is_open):
        return True
    if mark in CLOSE_DOUBLE:
        return False
    if mark == "``":
        return True
    # Straight marks: decide by what surrounds them, then by state.
    before = text[start - 1] if start > 0 else " "
    after = text[start + len(mark)] if start + len(mark) < len(text) else " "
    if before.isspace() and after.isspace():
        return not is_open  # a mark between spaces: `..., ' " Sanders said`
    if before.isspace() or (before in "([—–-" and not after.isspace()):
        return True
    if after.isspace() or after in ".,;:!?)—–-":
        return False
    return not is_open


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each quotation, marks included, paragraph continuations joined."""
    return [(q.start, q.end) for q in _quote_spans(text)]


def _quote_spans(text: str) -> list[_QuoteSpan]:
    spans: list[_QuoteSpan] = []
    paragraphs = paragraph_spans(text)
    open_at: int | None = None
    opened_with = ""
    for index, (p_start, p_end) in enumerate(paragraphs):
        for match in QUOTE_TOKEN.finditer(text, p_start, p_end):
            mark = match.group()
            if open_at is not None and match.start() == p_start and index > 0:
                continue  # the re-opening mark of a continued quote
            opens = _mark_opens(text, match.start(), mark, open_at is not None, opened_with)
            if opens and open_at is None:
                open_at, opened_with = match.start(), mark
            elif not opens and open_at is not None:
                spans.append(_make_span(text, open_at, match.end()))
                open_at = None
            elif opens and open_at is not None:
                open_at, opened_with = match.start(), mark  # unbalanced: restart here
        if open_at is not None:
            next_opens = index + 1 < len(paragraphs) and QUOTE_TOKEN.match(
                text, paragraphs[index + 1][0]
            )
            if not next_opens:
                spans.append(_make_span(text, open_at, p_end))
                open_at = None
    spans.extend(_single_quote_spans(text, spans))
    spans.sort(key=lambda q: q.start)
    return [q for q in spans if q.inner_end > q.inner_start]


def _make_span(text: str, start: int, end: int) -> _QuoteSpan:
    inner_start = start
    while inner_start < end and (text[inner_start] in "\"“„«`'" or text[inner_start].isspace()):
        inner_start += 1
    inner_end = end
    while inner_end > inner_start and (
        text[inner_end - 1] in "\"”»'“" or text[inner_end - 1].isspace()
    ):
        inner_end -= 1
    return _QuoteSpan(start, end, inner_start, inner_end)


def _single_quote_spans(text: str, doubles: list[_QuoteSpan]) -> list[_QuoteSpan]:
    """British-style ‘...’ quotes outside any double-quoted span."""
    found = []
    for match in SINGLE_QUOTE.finditer(text):
        if any(q.start <= match.start() < q.end for q in doubles):
            continue
        if len(match.group(1).split()) < 2:
            continue
        found.append(_QuoteSpan(match.start(), match.end(), match.start(1), match.end(1)))
    return found


# --- speaker phrases ------------------------------------------------------------------


@dataclass
class _Attribution:
    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int


def _clean_speaker(text: str, start: int, end: int, mode: str) -> tuple[int, int]:
    """Trim a raw speaker phrase to its noun phrase.

    `mode` is "head" (the phrase before a cue in running text: up to the first comma),
    "apposed" (between a quote and its cue: `Tina Tchen, Mrs. Obama's chief of staff,`)
    or "tail" (after `said`: the name and every appositive to the sentence end).
    """
    phrase = text[start:end]
    if mode == "head":
        cut = phrase.find(",")
        if cut > 0:
            phrase = phrase[:cut]
    head = phrase.split(",")[0]
    head_stop = HEAD_STOP.search(head)
    if head_stop and mode != "apposed":
        phrase = head[: head_stop.start()]
    else:
        clause = CLAUSE_STOP.search(phrase)
        if clause:
            phrase = phrase[: clause.start()]
    phrase = phrase.rstrip(" ,—–-")
    lead = len(phrase) - len(phrase.lstrip(" ,—–-"))
    lead_word = re.match(
        rf"(?:(?:{'|'.join(SENTENCE_ADVERBS)})\b,?\s+)+", phrase[lead:], re.IGNORECASE
    )
    if lead_word:
        lead += lead_word.end()
    return start + lead, start + len(phrase)


def _bare_word(word: str) -> str:
    return word.lower().strip(".,;:’'\"()")


def is_non_speaker(phrase: str) -> bool:
    """A date, weekday, time, section name, the reader, a place adjective alone, or a
    place glued to its country ("Nov. 12", "Tuesday", "10:30 a.m.", "World", "you",
    "Chinese", "Beijing China"): never who spoke."""
    words = [_bare_word(w) for w in phrase.replace("’s", "").split()]
    words = [w for w in words if w and w != "the"]
    if not words:
        return True
    if words[0] in READER_WORDS:
        return True
    calendar = MONTHS | WEEKDAYS | TIME_WORDS
    if all(
        w in calendar or NON_SPEAKER.match(w) or w in ("on", "at", "of", "last", "this")
        for w in words
    ):
        return True
    if len(words) == 1 and (words[0] in SECTION_NAMES or words[0] in PLACE_ADJECTIVES):
        return True
    if all(w in PLACE_ADJECTIVES for w in words):
        return True
    return 2 <= len(words) <= 3 and words[-1] in COUNTRIES and phrase.split()[0].isupper()


def _looks_like_speaker(phrase: str, after_cue: bool = False) -> bool:
    """A noun phrase that can name who spoke (not a clause or a pronoun object).

    `after_cue`: the phrase follows its cue (`said one unaligned strategist`), where a
    participle is part of the noun phrase rather than the sign of a clause.
    """
    words = phrase.split(",")[0].split()
    if not words or len(words) > 12 or is_non_speaker(phrase.split(",")[0]):
        return False
    if words[-1].lower() in NEGATED_ENDINGS:
        return False  # `The ministry did not say when ...`: nothing was said
    first = words[0].lower()
    if first in PRONOUNS or first in ("him", "them") or (first == "her" and len(words) == 1):
        return len(words) == 1
    if first in DEMONSTRATIVES:
        # "this source", "these officials" name someone; "this is", "that Ng can win",
        # "that said" do not.
        if len(words) < 2 or len(words) > 5 or any(w.lower() in AUXILIARIES for w in words):
            return False
    elif first in ("it", "there", "what", "which", "who"):
        return first == "who" and len(words) == 1
    if first in PREPOSITIONS:
        return False
    if words[0].endswith("ing") and len(words) > 1 and words[1].islower():
        return False  # "Showing such favor tells ..." is a clause
    lexicon = ANON_HEADS | ROLE_NOUNS | ORG_NOUNS
    determiner = first in DETERMINERS or first in POSSESSIVES or first in DEMONSTRATIVES
    # "human rights groups", "local officials": a short phrase headed by a speaker noun.
    head = words[-1].lower().strip(",")
    headed = len(words) <= 4 and (head in lexicon or head.removesuffix("s") in lexicon)
    if (
        words[0].islower()
        and not determiner
        and first not in lexicon
        and not first[:1].isdigit()
        and not (len(words) <= 8 and words[-1][:1].isupper())  # "veteran analyst Jo Cook"
        and not headed
    ):
        return False
    has_cap = any(w[:1].isupper() for w in words)
    head_ok = any(w.lower().strip(",") in lexicon for w in words)
    if not (has_cap or head_ok or determiner):
        return False
    if after_cue:
        return True
    # A clause, not a noun phrase: a lower-case word ending in -ed/-ing before the cue.
    bad = sum(
        1
        for w in words[:4]
        if w.islower()
        and w not in DETERMINERS
        and w.endswith(("ed", "ing"))
        and w not in ANON_HEADS
    )
    return bad == 0


def _sentence_start(window: str, position: int) -> int:
    """Where the sentence containing `position` starts in `window` (0 if it is open)."""
    period = window.rfind(". ", 0, position)
    line = window.rfind("\n", 0, position)
    return max(period + 2 if period >= 0 else 0, line + 1)


def _attribution_after(
    text: str, q_end: int, limit: int, open_ended: bool = False
) -> _Attribution | None:
    """The attribution right after a quote (`"...," Okafor said`). `open_ended`: the
    quote ends in a comma, question or exclamation mark, so its sentence goes on and
    any verb after a speaker is taken as the cue (`"...," Viguerie concludes.`)."""
    window = text[q_end:limit]
    match = AFTER_CUE_FIRST.match(window)
    if match:
        s, e = _clean_speaker(text, q_end + match.start("spk"), q_end + match.end("spk"), "tail")
        if e > s and _looks_like_speaker(text[s:e], after_cue=True):
            return _Attribution(s, e, q_end + match.start("cue"), q_end + match.end("cue"))
    match = AFTER_SPEAKER_FIRST.match(window)
    if match:
        s, e = _clean_speaker(text, q_end + match.start("spk"), q_end + match.end("spk"), "apposed")
        # Between a quote and its cue a participle belongs to the noun phrase
        # (`"...," the retired neurosurgeon said`).
        if e > s and _looks_like_speaker(text[s:e], after_cue=True):
            return _Attribution(s, e, q_end + match.start("cue"), q_end + match.end("cue"))
    match = AFTER_ACCORDING.match(window)
    if match:
        s, e = q_end + match.start("spk"), q_end + match.end("spk")
        return _Attribution(s, e, q_end + match.start("cue"), q_end + match.end("cue"))
    match = DASH_AFTER.match(window)
    if match and _looks_like_speaker(match.group("spk"), after_cue=True):
        end = q_end + match.end("spk") - (1 if match.group("spk").endswith(".") else 0)
        dash = q_end + len(window) - len(window.lstrip())
        return _Attribution(q_end + match.start("spk"), end, dash, dash + 1)
    if not open_ended:
        return None
    match = AFTER_ANY_VERB.match(window)
    if match:
        s, e = _clean_speaker(text, q_end + match.start("spk"), q_end + match.end("spk"), "apposed")
        # Without a known cue, the phrase must be a plain noun phrase: no verb in it
        # (`"...?" Her suggestions are redacted.`, `"...?" Dalton Brody is a store`).
        words = text[s:e].split(",")[0].split()
        plain = len(words) <= 8 and not any(
            w.lower() in AUXILIARIES or w.lower() == "who" for w in words
        )
        if e > s and plain and _looks_like_speaker(text[s:e], after_cue=True):
            return _Attribution(s, e, q_end + match.start("cue"), q_end + match.end("cue"))
    match = AFTER_ANY_VERB_FIRST.match(window)
    if match:
        s, e = _clean_speaker(text, q_end + match.start("spk"), q_end + match.end("spk"), "tail")
        if e > s and _looks_like_speaker(text[s:e], after_cue=True):
            return _Attribution(s, e, q_end + match.start("cue"), q_end + match.end("cue"))
    return None


def _attribution_before(text: str, floor: int, q_start: int) -> _Attribution | None:
    window = text[floor:q_start]
    match = BEFORE_CUE_FIRST.search(window)
    # `told Reuters:` names the listener, not the speaker.
    if match and match.group("cue").lower() not in LISTENER_CUES:
        s, e = _clean_speaker(text, floor + match.start("spk"), floor + match.end("spk"), "tail")
        if e > s and _looks_like_speaker(text[s:e], after_cue=True):
            return _Attribution(s, e, floor + match.start("cue"), floor + match.end("cue"))
    # The leftmost match may start too early (`, a woman asked for a photo and Clinton
    # said,`): try later starts until a phrase looks like a speaker.
    position = 0
    while (match := BEFORE.search(window, position)) is not None:
        mode = "apposed" if "," in match.group("spk") else "head"
        s, e = _clean_speaker(text, floor + match.start("spk"), floor + match.end("spk"), mode)
        if e > s and _looks_like_speaker(text[s:e]):
            return _Attribution(s, e, floor + match.start("cue"), floor + match.end("cue"))
        position = match.start() + 1
    match = PARTICIPLE_CUE.search(window)
    if match:
        subject = _clause_subject(window, _sentence_start(window, match.start()), match.start())
        if subject:
            s, e = _clean_speaker(text, floor + subject[0], floor + subject[1], "apposed")
            return _Attribution(s, e, floor + match.start("cue"), floor + match.end("cue"))
    for pattern in (NAME_COLON, BEFORE_DOT):
        match = pattern.search(window)
        if match:
            s, e = _clean_speaker(
                text, floor + match.start("spk"), floor + match.end("spk"), "apposed"
            )
            if e > s and _looks_like_speaker(text[s:e]):
                cue_start = floor + match.start("cue") if "cue" in pattern.groupindex else e
                cue_end = floor + match.end("cue") if "cue" in pattern.groupindex else e + 1
                return _Attribution(s, e, cue_start, cue_end)
    match = ACCORDING_TO.search(window)
    if match and not window[match.end() :].strip(" ,"):
        s, e = floor + match.start("spk"), floor + match.end("spk")
        return _Attribution(s, e, floor + match.start(), floor + match.start("spk") - 1)
    # A quote after a comma and a clause with any verb is as often not an attribution
    # as it is (PolNeAR train), so only the colon is read this way.
    if window.rstrip().endswith(":"):
        return _colon_intro(text, floor, window)
    return None


def _is_verb_like(word: str, previous: str) -> bool:
    """A lower-case word that plausibly is the verb after a subject noun phrase."""
    lowered = word.lower()
    if not word[:1].islower():
        return False
    if lowered.endswith(("ed", "ly")) or lowered in CUE_VERBS or lowered in VERB_LIKE:
        return True
    # "Sanders jokes", "he notes": a verb in -s right after a name or a pronoun.
    after_name = previous[:1].isupper() and previous.lower() not in DETERMINERS
    return (
        lowered.endswith("s")
        and not lowered.endswith("ss")
        and (after_name or previous.lower() in PRONOUNS)
    )


def _noun_phrase_subject(window: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens a clause, up to its verb ("Her campaign quickly
    blasted out", "A flabbergasted Noah quipped", "The Post's Dana Milbank puts it")."""
    words = list(NP_WORD.finditer(window, start, end))[:9]
    taken: list[re.Match[str]] = []
    for k, match in enumerate(words):
        word = match.group()
        if k and _is_verb_like(word, words[k - 1].group()):
            break
        if k == 0 and word[:1].islower() and word.lower() not in {*PRONOUNS, *POSSESSIVES}:
            return None
        taken.append(match)
    else:
        return None  # no verb: not a clause
    if not taken or len(taken) > 7:
        return None
    return taken[0].start(), taken[-1].end()


def _verb_follows(window: str, subject: re.Match[str]) -> bool:
    """The word after a `SUBJECT` match is a verb (or the subject has an appositive)."""
    phrase = subject.group("spk")
    if phrase.rstrip().endswith(","):
        return True
    following = re.match(r"\s+([\w’'-]+)", window[subject.end("spk") :])
    if following is None:
        return False
    return _is_verb_like(following.group(1), phrase.split()[-1])


def _clause_subject(window: str, start: int, end: int) -> tuple[int, int] | None:
    """`[start, end)` in `window` of the subject of the clause that runs to `end` in the
    sentence starting at `start`: the last clause (after a comma, or after "to which")
    that opens with one, else the sentence's ("Trump, speaking in Ohio, said:"; "When
    asked, Ms. Ng smiled and said")."""
    starts = [start] + [start + m.end() for m in CLAUSE_BREAK.finditer(window[start:end])]
    for offset in reversed(starts):
        match = SUBJECT.match(window, offset)
        if match and not _verb_follows(window, match):
            match = None  # "The former candidate said", "Obama's first five questioners"
        span = match.span("spk") if match else _noun_phrase_subject(window, offset, end)
        if span is None or span[1] > end:
            continue
        phrase = window[span[0] : span[1]]
        first = phrase.split()[0]
        if first.lower() in NOT_SUBJECTS or (len(first) > 5 and first.endswith(("ing", "ed"))):
            continue  # "Speaking in his real voice, he ...", "Asked about it, she ..."
        if _looks_like_speaker(phrase):
            return span
    return None


def _colon_intro(text: str, floor: int, window: str) -> _Attribution | None:
    """`Ms. Abedin wrote back: "..."`: a quote after a colon is the words of the subject
    of the clause that introduces it, whatever its verb."""
    end = len(window.rstrip()) - 1
    subject = _clause_subject(window, _sentence_start(window, end), end)
    if subject is None:
        return None
    verb = VERB_AFTER_SUBJECT.match(window, subject[1])
    s, e = _clean_speaker(text, floor + subject[0], floor + subject[1], "apposed")
    if verb is None:
        return _Attribution(s, e, floor + end, floor + end + 1)
    return _Attribution(s, e, floor + verb.start("cue"), floor + verb.end("cue"))


# --- speaker resolution -----------------------------------------------------------------


@dataclass
class _NameIndex:
    """Person names of one article: full names by surname, mentions by position."""

    full_by_last: dict[str, str] = field(default_factory=dict)
    # First word of a full name: the family name of names written family-name first
    # ("Mao Ning" ... "Mao said"); used when no full name ends with the word.
    full_by_first: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name)
    orgs: list[str] = field(default_factory=list)


def _strip_titles(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def _build_names(text: str, doc: Any | None) -> _NameIndex:
    index = _NameIndex()
    candidates: list[tuple[int, str]] = []
    covered = 0  # names up to here come from NER, after it from capitalisation
    if doc is not None:
        covered = len(doc.text)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                candidates.append((ent.start_char, _strip_titles(ent.text.replace("’s", ""))))
            elif ent.label_ == "ORG":
                index.orgs.append(ent.text)
    for match in CAP_NAME.finditer(text, covered):
        name = _strip_titles(match.group())
        if len(name.split()) >= 2:
            candidates.append((match.start(), name))
    for _, name in candidates:
        words = name.split()
        if not words:
            continue
        last = words[-1]
        current = index.full_by_last.get(last)
        if len(words) >= 2 and (current is None or len(name) > len(current)):
            index.full_by_last[last] = name
        first = index.full_by_first.get(words[0])
        if len(words) >= 2 and (first is None or len(name) > len(first)):
            index.full_by_first[words[0]] = name
    for start, name in candidates:
        last = name.split()[-1] if name.split() else ""
        if last:
            index.mentions.append((start, index.full_by_last.get(last, name)))
    index.mentions.sort()
    return index


def _name_in_phrase(phrase: str) -> str | None:
    """The run of capitalised words that names a person in a phrase: the first run of two
    words or more that names no organisation or place ("Donald Hartley of Madison",
    "Foreign Ministry spokeswoman Maria Okafor"), else the last run ("Okafor")."""
    runs: list[list[str]] = [[]]
    for word in phrase.split(",")[0].split():
        bare = _bare_word(word)
        skipped = bare in DETERMINERS or bare in PLACE_ADJECTIVES or is_non_speaker(word)
        if word[:1].isupper() and word.lower() not in PERSON_TITLES and not skipped:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    runs = [run for run in runs if run]
    for run in runs:
        if len(run) >= 2 and not any(w.lower().strip(".’'") in PLACE_OR_ORG for w in run):
            return " ".join(run)
    return " ".join(runs[-1]) if runs else None


def _role_and_org(phrase: str, name: str | None) -> tuple[str | None, str | None]:
    role: str | None = None
    if "," in phrase:
        role = phrase.split(",", 1)[1].strip()
    elif name and phrase.endswith(name):
        role = phrase[: -len(name)].strip() or None
    if role:
        role = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.IGNORECASE).strip(" ,")
        if not any(w.lower().strip(",.") in ROLE_NOUNS for w in role.split()):
            role = role if len(role.split()) <= 6 else None
    org = None
    if role:
        org_match = re.search(
            r"\b(?:for|of|at|with)\s+(?:the\s+)?([A-Z][\w&.’'-]*(?:\s+"
            r"(?:[A-Z][\w&.’'-]*|of|and|for))*)",
            role,
        )
        if org_match:
            org = org_match.group(1)
        else:
            caps = re.match(r"((?:[A-Z][\w&.’'-]*\s+)+)", role + " ")
            if caps and caps.group(1).strip() != role.strip():
                org = caps.group(1).strip()
    return role or None, org


def _is_anonymous(phrase: str) -> bool:
    words = [w.strip(",").lower() for w in phrase.split()]
    if not words or not any(w in ANON_HEADS for w in words):
        return False
    if len(words) > 2 and words[0] in ANON_HEADS and words[1] in PREPOSITIONS:
        return True  # `Officials in Riverland`: unnamed, the place is where they work
    return (
        _name_in_phrase(re.sub(r"\b(?:U\.S\.|U\.N\.|E\.U\.|[A-Z]{2,})\b", "", phrase)) is None
        or words[0] in DETERMINERS
    )


@dataclass
class _Speaker:
    name: str
    role: str | None = None
    org: str | None = None
    anonymous: bool = False


def _resolve(
    phrase: str, position: int, text: str, names: _NameIndex, previous: list[tuple[int, _Speaker]]
) -> _Speaker:
    lowered = phrase.lower().strip()
    if lowered in PRONOUNS or lowered in ("him", "her"):
        return _resolve_pronoun(lowered, position, names, previous)
    if _is_anonymous(phrase):
        return _Speaker(phrase, anonymous=True)
    name = _name_in_phrase(phrase)
    role, org = _role_and_org(phrase, name)
    if name and len(name.split()) == 1 and name.isupper() is False:
        name = names.full_by_last.get(name) or names.full_by_first.get(name) or name
    elif name:
        last = name.split()[-1]
        fuller = names.full_by_last.get(last)
        if fuller and len(fuller) > len(name) and fuller.endswith(name.split()[-1]):
            name = fuller if name in fuller else name
    if name:
        if org is None and role is None and name in names.orgs:
            return _Speaker(name, org=name)
        if role is None and org is None:
            return _known_speaker(name, previous)
        return _Speaker(name, role, org)
    return _resolve_description(phrase, position, text, previous)


def _known_speaker(name: str, previous: list[tuple[int, _Speaker]]) -> _Speaker:
    """`name` with the role and organisation an earlier mention gave it."""
    for _, speaker in reversed(previous):
        if speaker.name == name and (speaker.role or speaker.org):
            return speaker
    return _Speaker(name)


def _resolve_pronoun(
    pronoun: str, position: int, names: _NameIndex, previous: list[tuple[int, _Speaker]]
) -> _Speaker:
    if pronoun in ("he", "she", "him", "her"):
        for _, speaker in reversed(previous):
            if not speaker.anonymous and " " in speaker.name and position - _ <= 1500:
                return speaker
        before = [name for offset, name in names.mentions if offset < position]
        if before:
            return _Speaker(before[-1])
    elif previous:
        return previous[-1][1]
    return _Speaker(pronoun)


def _resolve_description(
    phrase: str, position: int, text: str, previous: list[tuple[int, _Speaker]]
) -> _Speaker:
    """ "the spokeswoman", "the ministry": an earlier speaker or name with that noun."""
    words = phrase.lower().split()
    head = words[-1] if words else ""
    for _, speaker in reversed(previous):
        if speaker.role and head in speaker.role.lower().split():
            return speaker
        if head in ORG_NOUNS and head in speaker.name.lower().split():
            return speaker
    earlier = text[:position]
    if head in ROLE_NOUNS:
        pattern = re.compile(
            rf"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+),\s+(?:an?|the)\s+[^,.]*\b{head}\b"
            rf"|\b{head}\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)",
            re.IGNORECASE if False else 0,
        )
        found = list(pattern.finditer(earlier))
        if found:
            name = found[-1].group(1) or found[-1].group(2)
            return _Speaker(_strip_titles(name), role=phrase)
    if head in ORG_NOUNS:
        found = list(re.finditer(rf"((?:[A-Z][\w&’'-]+\s+)+){head.capitalize()}\b", earlier))
        if found:
            return _Speaker(found[-1].group(0), org=found[-1].group(0))
    return _Speaker(phrase)


# --- indirect attributions ----------------------------------------------------------------


def _content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,:;—–-":
        start += 1
    lead = CONTENT_LEAD.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    lead = CONTENT_LEAD_THAT.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    while end > start and text[end - 1] in " .,;:!?":
        end -= 1
    return start, end


def _indirect(sentence: Sentence, text: str) -> tuple[_Attribution, int, int] | None:
    s = sentence.text
    base = sentence.start
    match = ACCORDING_FIRST.match(s)
    if match:
        spk = _Attribution(
            base + match.start("spk"), base + match.end("spk"), base, base + match.start("spk") - 1
        )
        c0, c1 = _content_bounds(text, base + match.start("content"), base + match.end("content"))
        return spk, c0, c1
    match = ACCORDING_LAST.match(s)
    if match:
        cue_start = base + s.rfind("according", 0, match.start("spk"))
        spk = _Attribution(
            base + match.start("spk"),
            base + match.end("spk"),
            cue_start,
            cue_start + len("according to"),
        )
        c0, c1 = _content_bounds(text, base, base + match.end("content"))
        return spk, c0, c1
    match = INDIRECT_SUBJECT_LAST.match(s)
    if match:
        group = "1" if match.group("cue1") else "2"
        s0, s1 = _clean_speaker(
            text,
            base + match.start("spk" + group),
            base + match.end("spk" + group),
            "tail" if group == "1" else "head",
        )
        # After its cue a pronoun is the object (`..., denied it.`), not the speaker; and
        # `..., said the program has sent ...` is a clause, not `said the spokesman`.
        is_object = group == "1" and (
            text[s0:s1].lower() in OBJECT_PRONOUNS
            or bool((AUXILIARIES | {"that"}) & set(match.group("spk1").lower().split()))
        )
        if s1 > s0 and not is_object and _looks_like_speaker(text[s0:s1]):
            spk = _Attribution(
                s0, s1, base + match.start("cue" + group), base + match.end("cue" + group)
            )
            c0, c1 = _content_bounds(text, base, base + match.end("content"))
            if len(text[c0:c1].split()) >= 4:
                return spk, c0, c1
    match = INDIRECT_INSERTED.match(s)
    if match:
        s0, s1 = _clean_speaker(text, base + match.start("spk"), base + match.end("spk"), "head")
        if s1 > s0 and _looks_like_speaker(text[s0:s1]):
            spk = _Attribution(s0, s1, base + match.start("cue"), base + match.end("cue"))
            c0, c1 = _content_bounds(text, base + match.start("content"), sentence.end)
            return spk, c0, c1
    match = INDIRECT_SUBJECT_FIRST.match(s)
    if match and match.group("cue")[:1].isupper():
        match = None  # `the United States`, `Trump Says`: a name, or a headline's verb
    if match and not _has_complement(s, match.group("cue"), match.end("cue")):
        match = None
    if match:
        s0, s1 = _clean_speaker(text, base + match.start("spk"), base + match.end("spk"), "apposed")
        raw = match.group("spk").strip()
        if QUANTITY_SUBJECT.match(raw) and "," not in raw:
            # `Six in 10 Democratic primary voters said`: the whole quantity speaks.
            raw_spk = match.group("spk")
            s0 = base + match.start("spk") + len(raw_spk) - len(raw_spk.lstrip())
            s1 = s0 + len(raw)
        if s1 > s0 and (_looks_like_speaker(text[s0:s1]) or QUANTITY_SUBJECT.match(raw)):
            rest_start = base + match.start("rest")
            cue = text[base + match.start("cue") : base + match.end("cue")].lower()
            if cue in RECIPIENT_CUES:
                recipient = RECIPIENT.match(text, rest_start, sentence.end)
                if recipient:
                    rest_start = recipient.end()
                that = LISTENER_THEN_THAT.match(text, rest_start, sentence.end)
                if that:  # `told a Wall Street Journal lunch group that ...`
                    rest_start = that.end()
            stop = STATEMENT_END.search(text, rest_start, sentence.end)
            if stop and len(text[rest_start : stop.start()].split()) >= 3:
                c0, c1 = _content_bounds(text, rest_start, stop.start())
            else:
                c0, c1 = _content_bounds(text, rest_start, sentence.end)
            if len(text[c0:c1].split()) >= 3:
                spk = _Attribution(s0, s1, base + match.start("cue"), base + match.end("cue"))
                return spk, c0, c1
    return None


def _indirect_all(sentence: Sentence, text: str) -> list[tuple[_Attribution, int, int]]:
    """Every indirect attribution of a sentence: the fixed shapes first, else each cue
    the sentence holds (`three-quarters said ..., and more than 4 in 10 said ...`)."""
    according = _according_to(sentence, text)
    if according:
        return according
    found = _indirect(sentence, text)
    more = _cue_anywhere(sentence, text)
    if found is None and not more:
        return _in_source(sentence, text)
    if found is None or (len(more) > 1 and more[0][0].cue_start == found[0].cue_start):
        return more
    return _with_lead_fragment(sentence, text, found)


def _according_to(sentence: Sentence, text: str) -> list[tuple[_Attribution, int, int]]:
    """`X, according to Y, Z.` / `According to Y, X.` / `X, according to Y.`: the source
    runs to the next comma or dash, the statement is the words before it and those after
    it (two fragments when the attribution is inserted)."""
    match = ACCORDING_ANYWHERE.search(sentence.text)
    if match is None:
        return []
    base = sentence.start
    spk0, spk1 = base + match.start("spk"), base + match.end("spk")
    if not _looks_like_speaker(text[spk0:spk1], after_cue=True):
        return []
    attribution = _Attribution(spk0, spk1, base + match.start("cue"), base + match.end("cue"))
    fragments = []
    if match.start() > 0:
        fragments.append(_content_bounds(text, base, base + match.start()))
    after = match.end()
    if match.group("sep") and not CONTINUATION_JOINER.match(sentence.text, after):
        fragments.append(_content_bounds(text, base + after, sentence.end))
    return [(attribution, c0, c1) for c0, c1 in fragments if len(text[c0:c1].split()) >= 2]


def _in_source(sentence: Sentence, text: str) -> list[tuple[_Attribution, int, int]]:
    """`In a new Fox News poll, Trump leads ...`: the poll's finding (only where the
    sentence has no cue of its own)."""
    match = IN_SOURCE.match(sentence.text)
    if match is None:
        return []
    base = sentence.start
    c0, c1 = _content_bounds(text, base + match.start("content"), sentence.end)
    if len(text[c0:c1].split()) < 3:
        return []
    attribution = _Attribution(base + match.start("spk"), base + match.end("spk"), base, base + 2)
    return [(attribution, c0, c1)]


def _with_lead_fragment(
    sentence: Sentence, text: str, found: tuple[_Attribution, int, int]
) -> list[tuple[_Attribution, int, int]]:
    """`Whatever progress he made, officials said, could be undone`: the words before an
    inserted `X said,` are the statement's first fragment; after a cue with only a short
    tail (`, he said Wednesday on MSNBC.`) they are the whole statement."""
    attribution, c0, _ = found
    lead = text[sentence.start : attribution.speaker_start].rstrip()
    if not lead.endswith(",") or c0 < attribution.cue_end or len(lead.split()) < 3:
        return [found]
    l0, l1 = _content_bounds(text, sentence.start, sentence.start + len(lead))
    if l1 <= l0:
        return [found]
    inserted = text[attribution.cue_end : c0].lstrip().startswith(",")
    if inserted:
        return [(attribution, l0, l1), found]
    if SHORT_TAIL.match(text, attribution.cue_end, sentence.end):
        return [(attribution, l0, l1)]
    return [found]


def _speaker_before(
    s: str, end: int, progressive: bool = False, plural_verb: bool = False
) -> tuple[int, int] | None:
    """`[start, end)` in sentence `s` of the speaker right before a cue at `end`
    (`progressive`: the cue is an -ing form, which `is`/`was` may precede;
    `plural_verb`: a plural present such as `say`, which a plural noun phrase or a
    quantity agrees with: `hacking specialists say`, `about half of voters say`)."""
    tail = SPEAKER_TAIL.search(s, 0, end)
    if tail and NEGATED_ENDINGS & set(tail.group().lower().split()):
        return None  # `did not say`, `has never said`: nothing was said
    end = tail.start() if tail else end
    left = s[:end]
    apposed = NAME_APPOSITIVE.search(left + ", ") if left.rstrip().endswith(",") else None
    if apposed and _looks_like_speaker(apposed.group("name")):
        if PARENTHETICAL.match(apposed.group("app")):
            # `The Journal, citing internal documents, reported`: no appositive.
            return apposed.start("name"), apposed.end("name")
        return apposed.start("name"), apposed.end("app")
    openers = list(CLAUSE_OPENER.finditer(left))
    start = openers[-1].end() if openers else 0
    phrase = left[start:].rstrip()
    words = phrase.split()
    if progressive and len(words) > 1 and words[-1].lower() in PROGRESSIVE_AUXILIARIES:
        # `Trump is demanding ...`: the -ing cue's auxiliary is no passive.
        phrase = phrase[: phrase.rstrip().rfind(" ")].rstrip()
        words = words[:-1]
    if not words or words[-1].lower() in PASSIVE_AUXILIARIES:
        return None  # `The price was not disclosed`, `Roof is accused`
    if len(words) > 1 and words[-1].lower() in {*PRONOUNS, "who"}:
        # `a gift he knew`, `an official who suggested`: the pronoun is the speaker.
        return start + len(phrase) - len(words[-1]), start + len(phrase)
    while len(words) > 1 and words[-1].lower().endswith("ly") and words[-1].islower():
        phrase = phrase[: phrase.rstrip().rfind(" ")].rstrip()  # `Ash bluntly accused`
        words = words[:-1]
    phrase = phrase.strip()
    if not phrase or len(phrase.split()) > 8:
        return None
    if not _looks_like_speaker(phrase) and not (plural_verb and _plural_subject(phrase)):
        return None
    start += len(left[start:]) - len(left[start:].lstrip())
    return start, start + len(phrase)


def _cues_in(s: str) -> list[tuple[int, int]]:
    """`[start, end)` of each cue word or phrase in sentence `s` (lower case only: a
    capitalised `States` or `Show` is a name), a phrase over its first word."""
    phrases = {m.start(): m.end() for m in ANYWHERE_PHRASES.finditer(s)}
    cues = []
    for word in WORD_AFTER_SPACE.finditer(s):
        if word.start() in phrases:
            cues.append((word.start(), phrases[word.start()]))
        elif word.group() in ANYWHERE_WORDS and word.group() not in ANYWHERE_SKIP:
            cues.append(word.span())
    if _is_headline(s):
        # `New Poll Shows Minor Bump For Clinton`, `..., Lindsey Graham Says.`: in a
        # title-case line, a capitalised present-tense cue.
        for word in HEADLINE_VERB.finditer(s):
            lower = word.group().lower()
            if lower.endswith("s") and lower in ANYWHERE_WORDS and lower not in ANYWHERE_SKIP:
                cues.append(word.span())
        cues.sort()
    return cues


def _is_headline(s: str) -> bool:
    """Most words capitalised: a title-case headline."""
    words = [w for w in s.split() if w[:1].isalpha()]
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and caps >= 0.75 * len(words)


def _plural_verb(cue: str) -> bool:
    """A cue in its plural present form (`say`, `suggest`), not `says`/`said`/`saying`."""
    return cue in PLURAL_CUES or (
        cue + "s" in ANYWHERE_WORDS and not cue.endswith(("s", "ed", "ing"))
    )


def _plural_subject(phrase: str) -> bool:
    """A short plural noun phrase (`hacking specialists`) or a quantity (`42%`)."""
    words = phrase.split()
    if QUANTITY_SUBJECT.match(phrase):
        return True
    last = words[-1]
    return (
        len(words) <= 4
        and last.islower()
        and last.endswith("s")
        and not last.endswith(("ss", "’s", "'s"))
        and not any(w.lower() in AUXILIARIES or w.lower() in PRONOUNS for w in words)
    )


def _plural(phrase: str) -> bool:
    """The subject agrees with a plural verb: `they`, `experts`, `Smith and Jones`."""
    words = phrase.split()
    last = words[-1].lower() if words else ""
    return (
        last in PLURAL_SUBJECTS
        or (last.endswith("s") and not last.endswith(("ss", "’s", "'s")))
        or " and " in phrase
    )


def _has_complement(s: str, cue: str, end: int) -> bool:
    """A cue of `NEEDS_COMPLEMENT` is followed by what makes it one (`states that`)."""
    needed = NEEDS_COMPLEMENT.get(cue.lower())
    return needed is None or needed.match(s, end) is not None


def _cue_anywhere(sentence: Sentence, text: str) -> list[tuple[_Attribution, int, int]]:
    """`Lashing out, Trump said the ...`, `..., saying that ...`, `... and said that ...`:
    cues inside a sentence with the speaker right before them (or, after `, saying` and
    `and said`, the sentence's subject). A statement ends where the next one's speaker
    starts."""
    s, base = sentence.text, sentence.start
    found: list[tuple[_Attribution, int]] = []  # (attribution, content start)
    for start, end in _cues_in(s):
        if found and start < found[-1][0].speaker_end - base:
            continue
        cue = s[start:end].lower()
        if not _has_complement(s, cue, end):
            continue
        before = s[:start].rstrip()
        if (cue.endswith("ing") and before.endswith(",")) or CONJOINED_VERB.search(before):
            span = _clause_subject(s, 0, len(before))
        else:
            span = _speaker_before(
                s, start, progressive=cue.endswith("ing"), plural_verb=_plural_verb(cue)
            )
        if span is None or (cue in PLURAL_CUES and not _plural(s[span[0] : span[1]])):
            continue
        rest = base + end
        if cue in RECIPIENT_CUES:
            recipient = RECIPIENT.match(text, rest, sentence.end)
            rest = recipient.end() if recipient else rest
        attribution = _Attribution(base + span[0], base + span[1], base + start, base + end)
        found.append((attribution, rest))
    result: list[tuple[_Attribution, int, int]] = []
    for k, (attribution, rest) in enumerate(found):
        end = sentence.end
        if k + 1 < len(found):
            end = found[k + 1][0].speaker_start
            lead = STATEMENT_JOINER.search(text, rest, end)
            end = lead.start() if lead else end
        stop = STATEMENT_END.search(text, rest, end)
        if stop and len(text[rest : stop.start()].split()) >= 2:
            end = stop.start()
        c0, c1 = _content_bounds(text, rest, end)
        short = SHORT_TAIL.match(text, attribution.cue_end, sentence.end) is not None
        if c0 >= attribution.speaker_start and (len(text[c0:c1].split()) >= 2 or short):
            if k == 0:
                result.extend(_with_lead_fragment(sentence, text, (attribution, c0, c1)))
            else:
                result.append((attribution, c0, c1))
    return result


# --- putting it together --------------------------------------------------------------------


def _sentence_of(sentences: list[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(paragraphs):
        if start <= offset < end:
            return index
    return -1


def _starts_clause(text: str, para_start: int, q_start: int) -> bool:
    """The quote opens a statement: paragraph/sentence start or after `:`/`,`/cue."""
    before = text[para_start:q_start].rstrip()
    if not before:
        return True
    return before[-1] in '.:;,!?—–-"”’'


@dataclass
class _Found:
    quote: Quote
    order: int


def find_quotes(text: str, nlp_doc: Any | None = None) -> list[Quote]:
    """Every direct quote and indirect attribution in `text`, in text order.

    Offsets are `[start, end)` into `text` exactly. `nlp_doc` (a spaCy `Doc` of the
    text, or of its beginning: see `nlp.ner_text`) is optional: with it, person names
    come from NER instead of capitalisation as far as it reaches.
    """
    if not text.strip():
        return []
    sentences = split_sentences(text)
    paragraphs = paragraph_spans(text)
    names = _build_names(text, nlp_doc)
    raw = _direct_quotes(text, sentences, paragraphs)
    # Sentences holding a quote or the attribution of one carry no further statement.
    covered = [(q[0].start, q[0].end) for q in raw] + [
        (min(a.speaker_start, a.cue_start), max(a.speaker_end, a.cue_end))
        for _, a, _ in raw
        if a is not None
    ]
    for found in _participle_tails(text, sentences, raw):
        raw.append((_QuoteSpan(found[1], found[2], found[1], found[2]), found[0], False))
    for found in _colon_lines(text, paragraphs, covered):
        raw.append((_QuoteSpan(found[1], found[2], found[1], found[2]), found[0], False))
        covered.append((found[0].speaker_start, found[2]))
    for sentence in sentences:
        if any(start < sentence.end and sentence.start < end for start, end in covered):
            continue
        for found in _indirect_all(sentence, text):
            raw.append((_QuoteSpan(found[1], found[2], found[1], found[2]), found[0], False))
    raw.sort(key=lambda item: item[0].inner_start)
    return article_restance(_to_quotes(text, raw, names), text)


def _participle_tails(
    text: str,
    sentences: list[Sentence],
    raw: list[tuple[_QuoteSpan, _Attribution | None, bool]],
) -> list[tuple[_Attribution, int, int]]:
    """`"...," he said, adding that ...`: after a quote attributed behind it, a
    participle clause in the same sentence is the same speaker's next statement."""
    found = []
    for span, attribution, _ in raw:
        if attribution is None or attribution.cue_start < span.end:
            continue
        sentence = _sentence_of(sentences, attribution.cue_start)
        if sentence is None:
            continue
        after = max(attribution.cue_end, attribution.speaker_end)
        match = PARTICIPLE_TAIL.match(text, after, sentence.end)
        if match is None:
            continue
        c0, c1 = _content_bounds(text, match.end(), sentence.end)
        if len(text[c0:c1].split()) >= 3:
            tail = _Attribution(
                attribution.speaker_start,
                attribution.speaker_end,
                match.start("cue"),
                match.end("cue"),
            )
            found.append((tail, c0, c1))
    return found


def _colon_lines(
    text: str, paragraphs: list[tuple[int, int]], covered: list[tuple[int, int]]
) -> list[tuple[_Attribution, int, int]]:
    """`PENCE: Well, the question ...` / `Sanders: Clinton needs to ...`: a paragraph
    opened by a name and a colon is that name's statement (a transcript line, a
    headline), unless it holds a quote found already."""
    found = []
    for start, end in paragraphs:
        match = COLON_LINE.match(text, start, end)
        if match is None or any(s < end and start < e for s, e in covered):
            continue
        speaker = match.group("spk")
        if _bare_word(speaker.split()[0]) in COLON_LINE_SKIP or not _looks_like_speaker(speaker):
            continue
        c0, c1 = _content_bounds(text, match.start("content"), end)
        if len(text[c0:c1].split()) < 3:
            continue
        attribution = _Attribution(
            match.start("spk"), match.end("spk"), match.start("cue"), match.end("cue")
        )
        found.append((attribution, c0, c1))
    return found


def _ends_sentence_inside(text: str, q: _QuoteSpan) -> bool:
    """`"... over." He added` : the quote closed its sentence, what follows is new."""
    inner = text[q.inner_start : q.inner_end].rstrip()
    following = text[q.end : q.end + 3].lstrip()
    return inner.endswith((".", "…")) and following[:1].isupper()


def _subject_of_sentence(text: str, sentence: Sentence | None) -> _Attribution | None:
    """For a quote inside `Okafor called the report "a fabrication"`: its subject."""
    if sentence is None:
        return None
    match = SUBJECT_VERB.match(sentence.text)
    if not match:
        return None
    base = sentence.start
    phrase = match.group("spk")
    if phrase.split()[0].lower() in SENTENCE_ADVERBS or not _looks_like_speaker(phrase):
        return None
    return _Attribution(
        base + match.start("spk"),
        base + match.end("spk"),
        base + match.start("cue"),
        base + match.end("cue"),
    )


def _before_floor(
    text: str, paragraphs: list[tuple[int, int]], para: int, q_start: int, prev_end: int
) -> int:
    """Where to look back for `X said:`; the previous paragraph when it ends in a colon."""
    para_start = paragraphs[para][0] if para >= 0 else 0
    if para > 0 and q_start == para_start and text[:para_start].rstrip().endswith(":"):
        return max(paragraphs[para - 1][0], prev_end)
    return max(para_start, prev_end)


def _mixed_quote(
    text: str, sentences: list[Sentence], q: _QuoteSpan, attribution: _Attribution
) -> _QuoteSpan:
    """A quoted phrase inside the speaker's own sentence (`Okafor called it "a lie"`):
    the statement is the clause around it, reported as an indirect attribution."""
    sentence = _sentence_of(sentences, q.start)
    start = sentence.start if sentence is not None else q.start
    if attribution.cue_end <= q.start:
        start = max(start, attribution.cue_end)
    start, _ = _content_bounds(text, start, q.end)
    if text.startswith("that ", start):
        start += len("that ")
    # The statement runs on after the quoted words (`called it "a lie" meant to ...`),
    # to the end of the sentence.
    end = q.end
    if sentence is not None and attribution.cue_end <= q.start:
        _, end = _content_bounds(text, q.end, sentence.end)
        end = max(end, q.end)
    return _QuoteSpan(start, end, start, end)


def _dash_line(text: str, paragraph: tuple[int, int]) -> _Attribution | None:
    match = DASH_LINE.fullmatch(text, paragraph[0], paragraph[1])
    if match is None:
        return None
    end = match.end("spk") - (1 if match.group("spk").endswith(".") else 0)
    return _Attribution(match.start("spk"), end, paragraph[0], paragraph[0] + 1)


def _looks_like_title(inner: str) -> bool:
    """A short quoted name in title case: a work, a show, a slogan's name."""
    words = inner.strip(" ,.").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w.lower() in TITLE_SMALL for w in words)


def _is_subhead(text: str, q: _QuoteSpan, para_start: int, para_end: int) -> bool:
    """A paragraph that is nothing but one single-quoted sentence: a subheading."""
    single = text[q.start] in "‘'" and not text.startswith("''", q.start)
    return single and q.start == para_start and not text[q.end : para_end].strip(" .")


def _text_between(text: str, start: int, end: int, attribution: _Attribution) -> str:
    """`text[start:end]` without the attribution's speaker and cue, when they lie there."""
    a0 = min(attribution.speaker_start, attribution.cue_start)
    a1 = max(attribution.speaker_end, attribution.cue_end)
    if start <= a0 and a1 <= end:
        return text[start:a0] + " " + text[a1:end]
    return text[start:end]


def _direct_quotes(
    text: str, sentences: list[Sentence], paragraphs: list[tuple[int, int]]
) -> list[tuple[_QuoteSpan, _Attribution | None, bool]]:
    result: list[tuple[_QuoteSpan, _Attribution | None, bool]] = []
    spans = _quote_spans(text)
    last: tuple[int, _Attribution] | None = None  # (paragraph index, attribution)
    for position, q in enumerate(spans):
        para = _paragraph_of(paragraphs, q.start)
        para_start, para_end = paragraphs[para] if para >= 0 else (0, len(text))
        end_para = _paragraph_of(paragraphs, max(q.end - 1, q.start))
        limit_para_end = paragraphs[end_para][1] if end_para >= 0 else para_end
        next_start = spans[position + 1].start if position + 1 < len(spans) else len(text)
        after_limit = min(limit_para_end, next_start)
        prev_end = spans[position - 1].end if position > 0 else 0
        floor = _before_floor(text, paragraphs, para, q.start, prev_end)
        standalone = _starts_clause(text, para_start, q.start)
        inner = text[q.inner_start : q.inner_end]
        # A title ("Bloodline," "A Time for Truth") or a subhead (a paragraph that is
        # one single-quoted sentence) needs a cue of its own to count as a quote.
        named_only = _looks_like_title(inner) or _is_subhead(text, q, para_start, para_end)
        open_ended = inner.rstrip()[-1:] in (",", "?", "!", "—") and not named_only
        attribution = _attribution_after(text, q.end, after_limit, open_ended)
        if attribution is not None and _ends_sentence_inside(text, q):
            # `"... over." He added, "..."` belongs to the next quote, and a quote that
            # a clause introduces (`Ng wrote back: "... over." He ...`) to that clause.
            introduced = text[floor : q.start].rstrip().endswith((":", ","))
            if introduced or not CLOSES_SENTENCE.match(text, attribution.cue_end, after_limit):
                attribution = None
        # Only a quote attributed after it (`"...," Ng said.`) is continued by the next
        # one; after `Ng said: "..."` the next quote is as often someone else's
        # (PolNeAR train: 1 in 6 such continuations had the right speaker).
        continued = attribution is not None
        if attribution is None and not named_only:
            attribution = _attribution_before(text, floor, q.start)
        if (
            attribution is None
            and end_para + 1 < len(paragraphs)
            and not text[q.end : limit_para_end].strip(" .,")
        ):
            attribution = _dash_line(text, paragraphs[end_para + 1])
            continued = attribution is not None
        if named_only and attribution is None:
            continue
        inherited = False
        # A cue right after the quote whose speaker was refused (a date, the reader:
        # `"...," Tuesday said`) is no continuation of the previous speaker.
        refused_cue = attribution is None and _cue_follows(text, q.end, after_limit)
        if (
            attribution is None
            and standalone
            and last is not None
            and para - last[0] <= 1
            and not refused_cue
        ):
            # A quote right after the previous speaker's quote and its attribution
            # continues it (`"...," said Jo Ng, a lawyer in Ohio. "And ..."`).
            between = _text_between(text, spans[position - 1].end, q.start, last[1])
            if position > 0 and len(between.split()) <= 25:
                attribution, inherited = last[1], True
        if attribution is None and not standalone:
            attribution = _subject_of_sentence(text, _sentence_of(sentences, q.start))
        if attribution is None:
            continue
        if len(text[q.inner_start : q.inner_end].split()) < 2 and not standalone:
            continue
        if standalone:
            result.append((q, attribution, True))
        else:
            result.append((_mixed_quote(text, sentences, q, attribution), attribution, False))
        if inherited and last is not None:
            last = (_paragraph_of(paragraphs, q.end - 1), last[1])
        else:
            last = (_paragraph_of(paragraphs, q.end - 1), attribution) if continued else None
    return result


def _cue_follows(text: str, start: int, limit: int) -> bool:
    stop = CUE_FOLLOWS_STOP.search(text, start, limit)
    return bool(CUE_FOLLOWS.search(text, start, stop.start() if stop else limit))


def _to_quotes(
    text: str,
    raw: Iterable[tuple[_QuoteSpan, _Attribution | None, bool]],
    names: _NameIndex,
) -> list[Quote]:
    quotes: list[Quote] = []
    previous: list[tuple[int, _Speaker]] = []
    for span, attribution, direct in raw:
        if attribution is None:
            continue
        phrase = text[attribution.speaker_start : attribution.speaker_end]
        speaker = _resolve(phrase, attribution.speaker_start, text, names, previous)
        if QUANTITY_SUBJECT.match(phrase) and not speaker.anonymous:
            speaker = _Speaker(phrase)  # `Six in 10 voters`: a share of a group, as written
        if not speaker.anonymous and speaker.name.lower() not in PRONOUNS:
            previous.append((attribution.speaker_start, speaker))
        cue = text[attribution.cue_start : attribution.cue_end]
        content = text[span.inner_start : span.inner_end]
        quotes.append(
            Quote(
                speaker=speaker.name,
                speaker_span=Span(attribution.speaker_start, attribution.speaker_end),
                cue=cue,
                cue_span=Span(attribution.cue_start, attribution.cue_end),
                content=content,
                content_span=Span(span.inner_start, span.inner_end),
                direct=direct,
                stance=stance_of(cue, content),
                speaker_role=speaker.role,
                speaker_org=speaker.org,
                anonymous=speaker.anonymous,
            )
        )
    return quotes
