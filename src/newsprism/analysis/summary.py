"""Neutral, cited, extractive multi-source summaries of a story.

A neutral roundup states the facts that the outlets share. We estimate, for every
word and word pair of the story (a "concept"), the probability that a neutral summary
of the story uses it, from how it is spread over the story: the share of articles and
headlines that use it, how early it first appears, whether it is a stop word, a name
or a number. A logistic model over those features was fitted on NeuS train stories
(`benchmarks/summary_weights.py`); nothing in it is about particular words.

Bullets are then picked greedily, each maximising the expected value of the concepts it
adds (concepts already covered count only `REPEAT_VALUE`) divided by its length to
the power `LENGTH_EXPONENT`, times penalties for loaded language (judging sentences
score lower, `loaded_language.loaded_score`) and for reusing an article or a lean
already quoted (so the summary balances outlets). A sentence that restates a chosen
bullet of the same stance (TF-IDF cosine >= `REDUNDANT`) is skipped, so a denial still
follows the allegation it answers. Sentences that are fragments of a longer quote (an
unclosed quote mark) are not candidates. Under a word budget only the words
that fit count, since a capped summary is cut there. Bullets come in the order picked
(most informative first). Each bullet cites every article that supports it (see
`supporting_articles`). A bullet is a sentence of its article, or that sentence with a
leading dateline ("WASHINGTON (Reuters) -") removed: always a contiguous substring of
the source text.

Optional abstractive mode (`AbstractiveConfig`): an OpenAI-compatible chat endpoint
writes the summary, and each generated sentence is kept only when at least one
article supports it, with the same test as the citations but a stricter bar.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
from scipy import sparse

from newsprism.analysis.loaded_language import loaded_score
from newsprism.analysis.title import choose_title
from newsprism.enrich.claims import stance_of
from newsprism.enrich.sentences import split_sentences
from newsprism.models import Article, Bullet, Summary
from newsprism.text import SUMMARY_STOPWORDS

# Concept model: logistic regression coefficients in the order of UNIGRAM_FEATURES /
# BIGRAM_FEATURES, fitted on neus_train.jsonl by benchmarks/summary_weights.py.
UNIGRAM_FEATURES = (
    "article share",
    "in several articles",
    "headline share",
    "earliness",
    "stop word",
    "capitalised",
    "number",
    "log count",
)
UNIGRAM_COEF = (1.222, 0.111, 2.273, 0.732, 0.342, 0.586, 0.459, 1.371)
UNIGRAM_BIAS = -3.826
BIGRAM_FEATURES = (
    "article share",
    "in several articles",
    "headline share",
    "earliness",
    "stop words",
    "word article shares",
)
BIGRAM_COEF = (1.866, 0.565, 2.524, 0.906, -0.179, 1.032)
BIGRAM_BIAS = -3.888
# Selection; set by ROUGE on neus_train.jsonl (grid search), checked on neus_val.jsonl.
BIGRAM_WEIGHT = 0.6  # value of a word pair relative to a word
REPEAT_VALUE = 0.2  # a concept already covered still counts this much (words recur)
LENGTH_EXPONENT = 0.3  # value / words**e: below 1, longer sentences are preferred
W_LOADED = 0.5  # value times (1 - W_LOADED * loaded score)
W_QUOTE = 0.15  # value times (1 - W_QUOTE * share of the sentence inside quote marks)
REUSE_PENALTY = 0.1  # value times (1 - p)**(bullets already from that article / lean)
MIN_WORDS, MAX_WORDS = 6, 60

# Citation test ("entailment-lite"): an article supports a bullet when one of its
# sentences has TF-IDF cosine >= CITE_COSINE with the bullet, or when the article's
# text contains >= CITE_COVERAGE of the bullet's content words (names, numbers and
# nouns alike). 0.35 / 0.7 set by hand on neus_train stories: below them unrelated
# sentences of the same story start to count as support.
CITE_COSINE = 0.35
CITE_COVERAGE = 0.7
# A sentence that would count as another article's support for a chosen bullet
# restates it and is skipped (unless its stance differs: a denial answers an
# allegation). ROUGE on neus_train is flat from 0.35 to 0.8 (44.65 / 19.75 at 0.35,
# 44.66 / 19.81 at 0.45), and the bullets repeat each other less.
REDUNDANT = CITE_COSINE
# Abstractive sentences must clear a higher bar to be kept.
GENERATED_COSINE = 0.4
GENERATED_COVERAGE = 0.75

_WORD = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # "cancelling", "cancelled" -> "cancel"; "stopped" -> "stop"
            return stem
    return word


def content_tokens(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words of a text."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [_stem(w) for w in words if w not in SUMMARY_STOPWORDS and len(w) > 1]


def _tfidf(docs: Sequence[Sequence[str]], vocab: dict[str, int], idf: np.ndarray) -> Any:
    """Sparse L2-normalised TF-IDF rows (log-scaled term counts)."""
    rows, columns, values = [], [], []
    for row, tokens in enumerate(docs):
        counts: dict[int, int] = {}
        for token in tokens:
            column = vocab.get(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        weights = {c: math.log1p(n) * float(idf[c]) for c, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for column, weight in weights.items():
            rows.append(row)
            columns.append(column)
            values.append(weight / norm)
    return sparse.csr_matrix(
        (np.array(values, dtype=np.float32), (rows, columns)), shape=(len(docs), len(vocab))
    )


def _vocabulary(token_lists: Sequence[Sequence[str]]) -> tuple[dict[str, int], np.ndarray]:
    document_frequency: dict[str, int] = {}
    for tokens in token_lists:
        for token in set(tokens):
            document_frequency[token] = document_frequency.get(token, 0) + 1
    vocab = {token: index for index, token in enumerate(sorted(document_frequency))}
    n = len(token_lists)
    idf = np.array(
        [math.log((1 + n) / (1 + document_frequency[t])) + 1.0 for t in vocab], dtype=np.float32
    )
    return vocab, idf


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _quoted_share(text: str) -> float:
    inside = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return inside / max(len(text), 1)


def supporting_articles(
    sentence: str,
    story: _Story,
    *,
    cosine: float = CITE_COSINE,
    coverage: float = CITE_COVERAGE,
) -> list[int]:
    """Indexes of the articles that support `sentence` (see the CITE_* constants)."""
    tokens = content_tokens(sentence)
    if not tokens:
        return []
    vector = _tfidf([tokens], story.vocab, story.idf)
    token_set = set(tokens)
    supported = []
    for index, sentences in enumerate(story.article_sentences):
        best = float((sentences @ vector.T).toarray().max()) if sentences.shape[0] else 0.0
        covered = len(token_set & story.article_tokens[index]) / len(token_set)
        if best >= cosine or covered >= coverage:
            supported.append(index)
    return supported


# --- sentences and concepts -------------------------------------------------------------

# "WASHINGTON (Reuters) - ", "MINNEAPOLIS—", "(CNN)": a dateline opening the lead.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.’' -]{2,40}(?:,\s*[A-Z][\w.]+)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|\s-\s)"
    r"|\((?:CNN|AP|Reuters|AFP|CNBC|UPI)\))\s*"
)


@dataclass
class _Sentence:
    text: str  # as it would appear in a bullet (dateline removed)
    article_index: int
    position: int  # index of the sentence in its article
    words: list[str]  # the raw words (letters and digits)
    tokens: list[str]  # lower-cased, lightly stemmed words, stop words included
    content: list[str]  # tokens of the content words (for TF-IDF)


def _sentence(text: str, article_index: int, position: int) -> _Sentence:
    if position == 0:
        dateline = _DATELINE.match(text)
        if dateline and len(text) - dateline.end() > 20:
            text = text[dateline.end() :]
    words = _WORD.findall(text)
    lowered = [w.lower() for w in words]
    tokens = [_stem(w) for w in lowered]
    content = [
        t for w, t in zip(lowered, tokens, strict=True) if w not in SUMMARY_STOPWORDS and len(w) > 1
    ]
    return _Sentence(text, article_index, position, words, tokens, content)


def _is_candidate(sentence: _Sentence) -> bool:
    """A sentence that can stand alone as a bullet."""
    text = sentence.text
    if not MIN_WORDS <= len(text.split()) <= MAX_WORDS or len(sentence.content) < 3:
        return False
    return not (_unbalanced_quotes(text) or text.rstrip().endswith(("?", ":")) or text[0].islower())


def _unbalanced_quotes(text: str) -> bool:
    """A quote opened and not closed (or the reverse): a fragment of a longer quote."""
    straight = text.count('"') + text.count("''")
    return straight % 2 == 1 or text.count("“") != text.count("”")


@dataclass
class _Story:
    sentences: list[list[_Sentence]]  # per article
    titles: list[list[str]]  # per article: its headline's tokens
    candidates: list[_Sentence]
    vectors: Any  # candidate sentence vectors (sparse rows, L2-normalised)
    article_sentences: list[Any]  # per article: its sentence vectors (sparse)
    article_tokens: list[set[str]]  # per article: its content tokens
    vocab: dict[str, int]
    idf: np.ndarray


def _prepare(articles: Sequence[Article]) -> _Story:
    sentences = [
        [_sentence(s.text, index, position) for position, s in enumerate(split_sentences(a.text))]
        for index, a in enumerate(articles)
    ]
    candidates = [s for per_article in sentences for s in per_article if _is_candidate(s)]
    contents = [[s.content for s in per_article if s.content] for per_article in sentences]
    vocab, idf = _vocabulary([c for per_article in contents for c in per_article] or [["empty"]])
    vectors = _tfidf([c.content for c in candidates], vocab, idf)
    return _Story(
        sentences,
        [[_stem(w.lower()) for w in _WORD.findall(a.title or "")] for a in articles],
        candidates,
        vectors,
        [_tfidf(per_article, vocab, idf) for per_article in contents],
        [{t for c in per_article for t in c} for per_article in contents],
        vocab,
        idf,
    )


@dataclass
class ConceptFeatures:
    """The story's words and word pairs, each with its feature row (see *_FEATURES)."""

    unigrams: list[str]
    unigram_rows: np.ndarray
    bigrams: list[tuple[str, str]]
    bigram_rows: np.ndarray


def story_concept_features(articles: Sequence[Article]) -> ConceptFeatures:
    """`concept_features` of a story given as articles (for fitting the model)."""
    return concept_features(_prepare([a for a in articles if (a.text or "").strip()]))


def summary_tokens(text: str) -> list[str]:
    """The tokens concepts are made of: lower-cased, lightly stemmed words."""
    return [_stem(w.lower()) for w in _WORD.findall(text)]


def concept_features(story: _Story) -> ConceptFeatures:
    """Features of every word and word pair: how the story's articles use it."""
    n = max(len(story.sentences), 1)
    word_articles: Counter[str] = Counter()  # articles using the word
    word_first: dict[str, int] = {}  # earliest sentence index using it, any article
    word_count: Counter[str] = Counter()
    word_caps: Counter[str] = Counter()  # capitalised inside a sentence
    pair_articles: Counter[tuple[str, str]] = Counter()
    pair_first: dict[tuple[str, str], int] = {}
    for per_article in story.sentences:
        first: dict[str, int] = {}
        first_pair: dict[tuple[str, str], int] = {}
        for sentence in per_article:
            tokens = sentence.tokens
            word_count.update(tokens)
            inside = zip(sentence.words[1:], tokens[1:], strict=True)
            word_caps.update(t for w, t in inside if w[0].isupper())
            for token in tokens:
                first.setdefault(token, sentence.position)
            for pair in pairwise(tokens):
                first_pair.setdefault(pair, sentence.position)
        word_articles.update(first.keys())
        pair_articles.update(first_pair.keys())
        for token, position in first.items():
            word_first[token] = min(word_first.get(token, position), position)
        for pair, position in first_pair.items():
            pair_first[pair] = min(pair_first.get(pair, position), position)
    title_words = Counter(w for t in story.titles for w in set(t))
    title_pairs = Counter(p for t in story.titles for p in set(pairwise(t)))
    unigrams = list(word_articles)
    unigram_rows = np.array(
        [
            [
                word_articles[w] / n,
                float(word_articles[w] >= 2),
                title_words[w] / n,
                1.0 / (1.0 + word_first[w]),
                float(w in SUMMARY_STOPWORDS or len(w) <= 2),
                word_caps[w] / word_count[w],
                float(w.isdigit()),
                math.log1p(word_count[w]),
            ]
            for w in unigrams
        ],
        dtype=np.float64,
    ).reshape(len(unigrams), len(UNIGRAM_FEATURES))
    bigrams = list(pair_articles)
    bigram_rows = np.array(
        [
            [
                pair_articles[p] / n,
                float(pair_articles[p] >= 2),
                title_pairs[p] / n,
                1.0 / (1.0 + pair_first[p]),
                float(p[0] in SUMMARY_STOPWORDS) + float(p[1] in SUMMARY_STOPWORDS),
                word_articles[p[0]] * word_articles[p[1]] / (n * n),
            ]
            for p in bigrams
        ],
        dtype=np.float64,
    ).reshape(len(bigrams), len(BIGRAM_FEATURES))
    return ConceptFeatures(unigrams, unigram_rows, bigrams, bigram_rows)


def _logistic(rows: np.ndarray, coef: Sequence[float], bias: float) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(rows @ np.asarray(coef) + bias))))


def concept_values(story: _Story) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Probability that a neutral summary of the story uses each word / word pair."""
    features = concept_features(story)
    unigram = _logistic(features.unigram_rows, UNIGRAM_COEF, UNIGRAM_BIAS)
    bigram = _logistic(features.bigram_rows, BIGRAM_COEF, BIGRAM_BIAS)
    return (
        dict(zip(features.unigrams, unigram.tolist(), strict=True)),
        dict(zip(features.bigrams, bigram.tolist(), strict=True)),
    )


# --- selection --------------------------------------------------------------------------


class _Coverage:
    """The expected value of each candidate's concepts, kept up to date as bullets are
    chosen: a concept a chosen bullet covers counts only `REPEAT_VALUE` from then on."""

    def __init__(
        self,
        candidates: Sequence[_Sentence],
        words: dict[str, float],
        pairs: dict[tuple[str, str], float],
    ) -> None:
        self.words, self.pairs = words, pairs
        self.covered_words: set[str] = set()
        self.covered_pairs: set[tuple[str, str]] = set()
        self.values = np.array([self.gain(c.tokens) for c in candidates], dtype=np.float64)
        self.by_word: dict[str, list[int]] = {}
        self.by_pair: dict[tuple[str, str], list[int]] = {}
        for index, candidate in enumerate(candidates):
            for word in set(candidate.tokens):
                self.by_word.setdefault(word, []).append(index)
            for pair in set(pairwise(candidate.tokens)):
                self.by_pair.setdefault(pair, []).append(index)

    def gain(self, tokens: Sequence[str]) -> float:
        """Value of `tokens` given what is covered (for a sentence cut by the budget)."""
        value = 0.0
        for token in set(tokens):
            weight = self.words.get(token, 0.0)
            value += weight * REPEAT_VALUE if token in self.covered_words else weight
        for pair in set(pairwise(tokens)):
            weight = BIGRAM_WEIGHT * self.pairs.get(pair, 0.0)
            value += weight * REPEAT_VALUE if pair in self.covered_pairs else weight
        return value

    def add(self, tokens: Sequence[str]) -> None:
        for word in set(tokens) - self.covered_words:
            self.covered_words.add(word)
            self.values[self.by_word.get(word, [])] -= (1 - REPEAT_VALUE) * self.words.get(word, 0)
        for pair in set(pairwise(tokens)) - self.covered_pairs:
            self.covered_pairs.add(pair)
            loss = (1 - REPEAT_VALUE) * BIGRAM_WEIGHT * self.pairs.get(pair, 0.0)
            self.values[self.by_pair.get(pair, [])] -= loss


def _select(
    story: _Story,
    articles: Sequence[Article],
    max_bullets: int,
    max_words: int | None,
    outlet_lean: Callable[[Article], str | None] | None,
) -> list[int]:
    candidates = story.candidates
    words, pairs = concept_values(story)
    coverage = _Coverage(candidates, words, pairs)
    lengths = np.array([len(c.text.split()) for c in candidates], dtype=np.float64)
    prior = np.array(
        [
            (1.0 - W_LOADED * loaded_score(c.text)) * (1.0 - W_QUOTE * _quoted_share(c.text))
            for c in candidates
        ]
    )
    article_of = np.array([c.article_index for c in candidates])
    leans = [outlet_lean(a) if outlet_lean else None for a in articles]
    lean_of = np.array([leans[c.article_index] or "" for c in candidates], dtype=object)
    reuse = np.zeros(len(candidates))  # bullets already from the same article / lean
    # Highest cosine with a chosen bullet of the same stance: a denial is never a repeat
    # of the allegation it answers, however many words they share.
    stances = np.array([stance_of(c.text, c.text) for c in candidates], dtype=object)
    similarity = np.zeros(len(candidates))
    chosen: list[int] = []
    length = 0
    while len(chosen) < max_bullets and (max_words is None or length < max_words):
        value = coverage.values / lengths**LENGTH_EXPONENT
        if max_words is not None:
            # Words past the budget count for nothing: a capped summary is cut there.
            budget = max_words - length
            for index in np.flatnonzero(lengths > budget):
                visible = candidates[index].tokens[
                    : len(candidates[index].tokens) * budget // int(lengths[index])
                ]
                value[index] = coverage.gain(visible) / budget**LENGTH_EXPONENT
        value *= prior * (1.0 - REUSE_PENALTY) ** reuse
        value[similarity >= REDUNDANT] = -np.inf
        best = int(np.argmax(value)) if len(value) else -1
        if best < 0 or value[best] <= 0:
            break
        chosen.append(best)
        cosine = (story.vectors @ story.vectors[best].T).toarray().ravel()
        similarity = np.where(stances == stances[best], np.maximum(similarity, cosine), similarity)
        similarity[best] = 1.0
        coverage.add(candidates[best].tokens)
        length += int(lengths[best])
        reuse[article_of == article_of[best]] += 1
        if lean_of[best]:
            reuse[lean_of == lean_of[best]] += 1
    return chosen


def majority_language(articles: Sequence[Article]) -> list[Article]:
    """The articles in the story's majority language (and those of unknown language).

    A story may gather reports in several languages (stories/crosslingual.py); its
    title and bullets stay in one language, the one most of its articles are in (on a
    tie English, then the first in alphabetical order), and cite articles in it only.
    """
    counts = Counter(a.language for a in articles if a.language)
    if len(counts) < 2:
        return list(articles)
    top = max(counts.values())
    leaders = sorted(code for code, n in counts.items() if n == top)
    chosen = "en" if "en" in leaders else leaders[0]
    return [a for a in articles if a.language in (None, chosen)]


def summarize_story(
    story_id: str,
    articles: Sequence[Article],
    *,
    max_bullets: int = 5,
    max_words: int | None = None,
    outlet_lean: Callable[[Article], str | None] | None = None,
    abstractive: AbstractiveConfig | None = None,
) -> Summary:
    """The story's title and up to `max_bullets` cited bullets (extractive).

    `max_words` stops adding bullets once that many words are reached (the summary is
    meant to be cut there); `outlet_lean` maps an article to its outlet's lean so the
    bullets balance the spectrum. With an enabled `abstractive` config the bullets are
    generated and checked instead (the extractive summary is the fallback when the
    endpoint fails).
    """
    articles = majority_language([a for a in articles if (a.text or "").strip()])
    title = choose_title(articles)
    if not articles:
        return Summary(story_id, title, [])
    story = _prepare(articles)
    if abstractive is not None and abstractive.enabled:
        try:
            bullets = abstractive_bullets(articles, story, abstractive, max_bullets)
        except Exception:
            bullets = None
        if bullets:
            return Summary(story_id, title, bullets)
    bullets = []
    for index in _select(story, articles, max_bullets, max_words, outlet_lean):
        candidate = story.candidates[index]
        supporters = set(supporting_articles(candidate.text, story))
        supporters.add(candidate.article_index)
        bullets.append(
            Bullet(
                text=candidate.text,
                citations=[articles[i].id for i in sorted(supporters)],
                source_article=articles[candidate.article_index].id,
            )
        )
    return Summary(story_id, title, bullets)


@dataclass
class AbstractiveConfig:
    """An OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM...).

    Off unless `enabled`; `base_url` is the API root, e.g. "http://127.0.0.1:11434/v1".
    """

    base_url: str
    model: str
    api_key: str | None = None
    enabled: bool = False
    timeout: float = 60.0
    temperature: float = 0.2


_SYSTEM_PROMPT = (
    "You summarise news coverage neutrally. Write {n} short factual sentences, one per "
    "line, stating only facts that the articles below report. No opinions, no loaded "
    "words, no facts that are not in the articles."
)


def _prompt(articles: Sequence[Article], max_chars: int = 12000) -> str:
    parts = []
    budget = max_chars // max(len(articles), 1)
    for number, article in enumerate(articles, 1):
        parts.append(
            f"Article {number} ({article.outlet or 'unknown outlet'}): "
            f"{article.title}\n{(article.text or '')[:budget]}"
        )
    return "\n\n".join(parts)


def request_completion(config: AbstractiveConfig, system: str, user: str) -> str:
    """One chat completion from an OpenAI-compatible endpoint (`POST /chat/completions`)."""
    import httpx

    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    response = httpx.post(
        config.base_url.rstrip("/") + "/chat/completions",
        json={
            "model": config.model,
            "temperature": config.temperature,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        },
        headers=headers,
        timeout=config.timeout,
    )
    response.raise_for_status()
    return str(response.json()["choices"][0]["message"]["content"])


def abstractive_bullets(
    articles: Sequence[Article], story: _Story, config: AbstractiveConfig, max_bullets: int
) -> list[Bullet]:
    """Generated bullets, each kept only when some article supports it."""
    answer = request_completion(config, _SYSTEM_PROMPT.format(n=max_bullets), _prompt(articles))
    bullets = []
    for line in answer.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        for sentence in split_sentences(line):
            supporters = supporting_articles(
                sentence.text, story, cosine=GENERATED_COSINE, coverage=GENERATED_COVERAGE
            )
            if supporters:
                bullets.append(Bullet(sentence.text, [articles[i].id for i in supporters]))
    return bullets[:max_bullets]
