"""Named entities: people, organisations, places, and money/percent facts.

Mentions come from spaCy NER (`en_core_web_sm`). Variants are merged within an
article or story ("Okafor" -> "Maria Okafor", "Northfield Machine Tool" ->
"Northfield Machine Tool Group") and `entity_key` gives the key a store indexes on so
that the same entity in different stories links together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from newsprism.enrich.sentences import split_sentences
from newsprism.models import Entity

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
FACT_LABELS = frozenset({"MONEY", "PERCENT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_ORG_SUFFIXES = frozenset(
    [
        "group",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "company",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "ag",
        "sa",
        "gmbh",
        "holdings",
        "holding",
        "limited",
    ]
)
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
        "senator",
        "governor",
        "mayor",
        "minister",
        "secretary",
        "judge",
        "prof",
        "professor",
        "the",
    ]
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.strip())
    return re.sub(r"[^\w\s&-]", "", text.lower()).strip()


def entity_key(name: str, label: str) -> str:
    """Canonical key for indexing: `label:normalised name`, with honorifics, leading
    "the" and company suffixes dropped ("The Northfield Machine Tool Group Inc." ->
    "ORG:northfield machine tool"). Places and organisations share one key space
    because NER often labels the same name GPE in one article and ORG in another."""
    words = _normalise(name).split()
    while words and words[0] in _TITLES:
        words = words[1:]
    if label in ("ORG", "GPE", "LOC", "FAC"):
        while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
            words = words[:-1]
        label = "ORG" if label == "ORG" else "PLACE"
    return f"{label}:{' '.join(words)}"


def _clean_mention(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,;:\"“”'")


def _variant_keys(words: tuple[str, ...], label: str) -> list[tuple[str, ...]]:
    """The shorter names that refer to the entity named `words` (normalised words)."""
    keys: list[tuple[str, ...]] = []
    if label == "PERSON":
        # A trailing run ("Okafor" of "Maria Okafor") or a leading run of 2+ words.
        keys.extend(words[-k:] for k in range(1, len(words)))
        keys.extend(words[:k] for k in range(2, len(words)))
        return keys
    # Organisations: a leading run of the full name ("Northfield Machine Tool" of
    # "Northfield Machine Tool Group") or its initials ("NMTG").
    keys.extend(words[:k] for k in range(1, len(words)))
    initials = "".join(w[0] for w in words if w not in ("of", "the", "and", "for"))
    if len(words) > 1 and len(initials) >= 2:
        keys.append((initials,))
    return keys


def _is_variant(short: str, full: str, label: str) -> bool:
    """`short` names the same entity as the longer `full`."""
    a, b = tuple(_normalise(short).split()), tuple(_normalise(full).split())
    return bool(a) and len(a) < len(b) and a in _variant_keys(b, label)


def merge_variants(entities: Iterable[Entity]) -> list[Entity]:
    """Merge mentions of one entity under its fullest name, summing mention counts."""
    by_label: dict[str, list[Entity]] = {}
    for entity in entities:
        by_label.setdefault(entity.label, []).append(entity)
    merged: list[Entity] = []
    for label, group in by_label.items():
        if label in FACT_LABELS:
            merged.extend(group)
            continue
        # Longest names first so that each shorter one finds its fullest form; every
        # kept name registers itself and its shorter variants (the first one wins).
        group = sorted(group, key=lambda e: (-len(e.name.split()), -e.mentions))
        canon: list[Entity] = []
        by_key: dict[tuple[str, ...], Entity] = {}
        for entity in group:
            words = tuple(_normalise(entity.name).split())
            target = by_key.get(words)
            if target is None:
                target = Entity(entity.name, label, entity.mentions, entity.sentence)
                canon.append(target)
                for key in [words, *_variant_keys(words, label)]:
                    by_key.setdefault(key, target)
            else:
                target.mentions += entity.mentions
        merged.extend(canon)
    merged.sort(key=lambda e: (-e.mentions, e.name))
    return merged


def entities_from_doc(doc: Any, text: str | None = None) -> list[Entity]:
    """Entities of one spaCy `Doc`: named ones merged, MONEY/PERCENT as facts.

    `doc` may cover only the beginning of `text` (`nlp.ner_text`): mentions of its
    named entities in the rest of `text` are counted too.
    """
    text = text if text is not None else doc.text
    sentences = split_sentences(text)
    counts: dict[tuple[str, str], int] = {}
    facts: list[Entity] = []
    seen_facts: set[tuple[str, str]] = set()
    for ent in doc.ents:
        label = ent.label_
        name = _clean_mention(ent.text)
        if not name:
            continue
        if label in FACT_LABELS:
            sentence = next((s.text for s in sentences if s.start <= ent.start_char < s.end), None)
            if (name, sentence or "") not in seen_facts:
                seen_facts.add((name, sentence or ""))
                facts.append(Entity(name, label, 1, sentence))
        elif label in NAMED_LABELS and any(c.isalpha() for c in name):
            counts[(name, label)] = counts.get((name, label), 0) + 1
    if len(doc.text) < len(text):
        _count_later_mentions(counts, text[len(doc.text) :])
    named = [Entity(name, label, count) for (name, label), count in counts.items()]
    return merge_variants(named) + facts


def _count_later_mentions(counts: dict[tuple[str, str], int], rest: str) -> None:
    """Add the mentions, in the part of the text NER did not read, of the entities it
    found (see `nlp.NER_MAX_CHARS`)."""
    keys: dict[str, tuple[str, str]] = {}  # a way the text may name it -> its key
    for name, label in counts:
        keys.setdefault(name, (name, label))
    for name, label in list(keys.values()):
        if label == "PERSON" and len(name.split()) >= 2:
            keys.setdefault(name.split()[-1], (name, label))  # "Okafor" for "Maria Okafor"
    if not keys:
        return
    names = sorted(keys, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    for match in pattern.finditer(rest):
        counts[keys[match.group()]] += 1


def extract_entities(text: str, doc: Any | None = None) -> list[Entity]:
    """Entities of `text` (parses it unless its spaCy `Doc` is given)."""
    if doc is None:
        from newsprism.enrich.nlp import parse

        doc = parse(text)
    return entities_from_doc(doc, text)


def story_entities(per_article: Sequence[Sequence[Entity]]) -> list[Entity]:
    """One story's entities: the articles' entities merged across articles."""
    named: list[Entity] = []
    facts: list[Entity] = []
    for entities in per_article:
        for entity in entities:
            if entity.label in FACT_LABELS:
                facts.append(entity)
            else:
                named.append(Entity(entity.name, entity.label, entity.mentions))
    return merge_variants(named) + facts


def people(entities: Iterable[Entity]) -> list[Entity]:
    return [e for e in entities if e.label == "PERSON"]


def organisations(entities: Iterable[Entity]) -> list[Entity]:
    return [e for e in entities if e.label == "ORG"]


def places(entities: Iterable[Entity]) -> list[Entity]:
    return [e for e in entities if e.label in _PLACE_LABELS]


def facts(entities: Iterable[Entity]) -> list[Entity]:
    return [e for e in entities if e.label in FACT_LABELS]
