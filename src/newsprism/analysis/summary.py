"""Neutral, cited, extractive multi-source summaries of a story.

Every article is split into sentences and every sentence scored by

- cross-outlet support: how closely the other articles say the same thing (mean over
  the other articles of the best TF-IDF cosine with one of their sentences);
- centrality: cosine with the story's centroid;
- position: news puts the facts first (1 / (1 + index in its article));
- loaded language: judging sentences score lower (`loaded_language.loaded_score`).

Bullets are then picked greedily, MMR-style: each pick maximises score minus its
similarity to the bullets already picked, with a penalty for reusing an article or a
lean already quoted so the summary balances outlets. Each bullet cites every
article that supports it (see `supporting_articles`).

Optional abstractive mode (`AbstractiveConfig`): an OpenAI-compatible chat endpoint
writes the summary, and each generated sentence is kept only when at least one
article supports it, with the same test as the citations but a stricter bar.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from scipy import sparse

from newsprism.analysis.loaded_language import loaded_score
from newsprism.analysis.title import choose_title
from newsprism.enrich.sentences import split_sentences
from newsprism.models import Article, Bullet, Summary

# Weights of the sentence score; tuned for ROUGE on neus_train.jsonl (grid search,
# checked on neus_val.jsonl).
W_CROSS = 1.0
W_CENTROID = 1.2
W_POSITION = 0.6
W_LOADED = 0.5
W_LENGTH = 0.0  # times log(words): longer sentences carry more facts
W_QUOTE = 0.0  # penalty for sentences that are mostly a direct quote
W_BIGRAM = 0.0  # share of the sentence's word pairs found in the other articles
MMR_REDUNDANCY = 0.3  # weight of the similarity to already chosen bullets
REUSE_PENALTY = 0.08  # per bullet already taken from the same article / lean
REDUNDANT = 0.6  # cosine above which a sentence repeats a chosen bullet: skipped
MIN_WORDS, MAX_WORDS = 6, 60

# Citation test ("entailment-lite"): an article supports a bullet when one of its
# sentences has TF-IDF cosine >= CITE_COSINE with the bullet, or when the article's
# text contains >= CITE_COVERAGE of the bullet's content words (names, numbers and
# nouns alike). 0.35 / 0.7 set by hand on neus_train stories: below them unrelated
# sentences of the same story start to count as support.
CITE_COSINE = 0.35
CITE_COVERAGE = 0.7
# Abstractive sentences must clear a higher bar to be kept.
GENERATED_COSINE = 0.4
GENERATED_COVERAGE = 0.75

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "your",
        "him",
        "them",
        "us",
        "me",
        "my",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
        "so",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "such",
        "into",
        "over",
        "after",
        "before",
        "about",
        "against",
        "between",
        "during",
        "through",
        "up",
        "down",
        "out",
        "off",
        "just",
        "also",
        "very",
        "more",
        "most",
        "other",
        "only",
        "own",
        "same",
        "too",
        "s",
        "t",
        "said",
        "says",
        "say",
    ]
)


def _stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_tokens(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words of a text."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [_stem(w.split("'")[0]) for w in words if w not in _STOP and len(w) > 1]


@dataclass
class _Candidate:
    text: str
    article_index: int
    position: int
    tokens: list[str]


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


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    found = []
    for index, article in enumerate(articles):
        for position, sentence in enumerate(split_sentences(article.text or "")):
            words = sentence.text.split()
            if not MIN_WORDS <= len(words) <= MAX_WORDS:
                continue
            if sentence.text.rstrip().endswith(("?", ":")) or sentence.text[0].islower():
                continue
            tokens = content_tokens(sentence.text)
            if len(tokens) >= 3:
                found.append(_Candidate(sentence.text, index, position, tokens))
    return found


@dataclass
class _Story:
    candidates: list[_Candidate]
    vectors: Any  # candidate sentence vectors (sparse rows, L2-normalised)
    article_vectors: Any
    article_sentences: list[Any]  # per article: its sentence vectors (sparse)
    dense: np.ndarray  # candidate x candidate cosine
    article_tokens: list[set[str]]
    article_token_lists: list[list[str]]
    vocab: dict[str, int]
    idf: np.ndarray


def _prepare(articles: Sequence[Article]) -> _Story:
    candidates = _candidates(articles)
    all_sentences = [
        [content_tokens(s.text) for s in split_sentences(a.text or "")] for a in articles
    ]
    flat = [tokens for sentences in all_sentences for tokens in sentences if tokens]
    vocab, idf = _vocabulary(flat + [c.tokens for c in candidates] or [["empty"]])
    vectors = _tfidf([c.tokens for c in candidates], vocab, idf)
    article_tokens = [
        [t for sentence in sentences for t in sentence] for sentences in all_sentences
    ]
    article_vectors = _tfidf(article_tokens, vocab, idf)
    article_sentences = [
        _tfidf([s for s in sentences if s], vocab, idf) for sentences in all_sentences
    ]
    dense = (vectors @ vectors.T).toarray() if candidates else np.zeros((0, 0))
    return _Story(
        candidates,
        vectors,
        article_vectors,
        article_sentences,
        dense,
        [set(tokens) for tokens in article_tokens],
        article_tokens,
        vocab,
        idf,
    )


def _scores(story: _Story, n_articles: int) -> np.ndarray:
    if not story.candidates:
        return np.zeros(0, dtype=np.float32)
    centroid = np.asarray(story.article_vectors.mean(axis=0)).ravel()
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    centrality = np.asarray(story.vectors @ centroid).ravel()
    cross = np.zeros(len(story.candidates), dtype=np.float32)
    if n_articles > 1:
        own = np.array([c.article_index for c in story.candidates])
        stacked = sparse.vstack([m for m in story.article_sentences if m.shape[0]]).tocsr()
        owners = np.concatenate(
            [np.full(m.shape[0], i) for i, m in enumerate(story.article_sentences) if m.shape[0]]
        )
        similarity = (story.vectors @ stacked.T).toarray()
        for other in range(n_articles):
            columns = owners == other
            if not columns.any():
                continue
            best = similarity[:, columns].max(axis=1)
            cross += np.where(own != other, best, 0.0).astype(np.float32)
        cross /= n_articles - 1
    position = np.array([1.0 / (1.0 + c.position) for c in story.candidates])
    loaded = np.array([loaded_score(c.text) for c in story.candidates])
    length = np.array([math.log(len(c.text.split())) for c in story.candidates])
    quoted = np.array([_quoted_share(c.text) for c in story.candidates])
    bigrams = _bigram_support(story) if W_BIGRAM else np.zeros(len(story.candidates))
    return np.asarray(
        W_CROSS * cross
        + W_CENTROID * centrality
        + W_POSITION * position
        - W_LOADED * loaded
        + W_LENGTH * length
        - W_QUOTE * quoted
        + W_BIGRAM * bigrams
    )


def _bigram_support(story: _Story) -> np.ndarray:
    per_article = [set(pairwise(t)) for t in story.article_token_lists]
    values = []
    for candidate in story.candidates:
        pairs = set(pairwise(candidate.tokens))
        others = [p for i, p in enumerate(per_article) if i != candidate.article_index]
        if not pairs or not others:
            values.append(0.0)
            continue
        values.append(sum(len(pairs & o) for o in others) / (len(pairs) * len(others)))
    return np.array(values)


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


def _select(
    story: _Story,
    scores: np.ndarray,
    articles: Sequence[Article],
    max_bullets: int,
    max_words: int | None,
    outlet_lean: Callable[[Article], str | None] | None,
) -> list[int]:
    chosen: list[int] = []
    words = 0
    used_articles: dict[int, int] = {}
    used_leans: dict[str, int] = {}
    leans = [outlet_lean(a) if outlet_lean else None for a in articles]
    remaining = set(range(len(story.candidates)))
    while remaining and len(chosen) < max_bullets:
        if max_words is not None and words >= max_words:
            break
        best, best_value = -1, -math.inf
        for index in remaining:
            candidate = story.candidates[index]
            redundancy = max((float(story.dense[index, j]) for j in chosen), default=0.0)
            if redundancy >= REDUNDANT:
                continue
            lean = leans[candidate.article_index]
            penalty = REUSE_PENALTY * used_articles.get(candidate.article_index, 0)
            if lean is not None:
                penalty += REUSE_PENALTY * used_leans.get(lean, 0)
            value = float(scores[index]) - MMR_REDUNDANCY * redundancy - penalty
            if value > best_value:
                best, best_value = index, value
        if best < 0:
            break
        chosen.append(best)
        remaining.discard(best)
        candidate = story.candidates[best]
        words += len(candidate.text.split())
        used_articles[candidate.article_index] = used_articles.get(candidate.article_index, 0) + 1
        lean = leans[candidate.article_index]
        if lean is not None:
            used_leans[lean] = used_leans.get(lean, 0) + 1
    return chosen


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

    `max_words` stops adding bullets once that many words are reached; `outlet_lean`
    maps an article to its outlet's lean so the bullets balance the spectrum. With an
    enabled `abstractive` config the bullets are generated and checked instead (the
    extractive summary is the fallback when the endpoint fails).
    """
    articles = [a for a in articles if (a.text or "").strip()]
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
    scores = _scores(story, len(articles))
    chosen = _select(story, scores, articles, max_bullets, max_words, outlet_lean)
    # Bullets in reading order: by position in their article, then article order.
    chosen.sort(key=lambda i: (story.candidates[i].position, story.candidates[i].article_index))
    bullets = []
    for index in chosen:
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
