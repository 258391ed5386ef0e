"""Multi-source summaries on NeuS (neus_val.jsonl by default): ROUGE against editors.

    .venv/bin/python benchmarks/summaries.py [--split neus_val] [--limit N]

Each story has 3 articles (left/center/right, first paragraphs) and an editor-written
neutral summary. Every system's output is cut at the reference's length in words.
Systems: newsprism (`summarize_story` with `max_words` = reference length), lead (the
first sentences of the articles, round-robin across them), sumy LexRank and TextRank
over the same sentences (our splitter; sumy's NLTK tokenizers are not used, so no
NLTK data is needed). ROUGE-1/2/L F1 with rouge-score, stemming on.
Bar: newsprism >= best baseline + 1.0 ROUGE-1 and + 0.5 ROUGE-2 (points).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from newsprism.analysis.summary import summarize_story
from newsprism.enrich.sentences import split_sentences
from newsprism.models import Article

BAR_R1, BAR_R2 = 1.0, 0.5


def shared_data() -> Path:
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def cap_words(text: str, limit: int) -> str:
    return " ".join(text.split()[:limit])


class _Tokenizer:
    """sumy tokenizer interface over our splitter (no NLTK data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s.text for s in split_sentences(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w+(?:'\w+)?", sentence)


def sumy_summary(name: str, articles: list[Article], words: int) -> str:
    """sumy's top-k sentences (in document order, as sumy returns them), with the
    smallest k that reaches the word cap."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    text = "\n\n".join(a.text for a in articles)
    parser = PlaintextParser.from_string(text, _Tokenizer())
    summarizer_class = LexRankSummarizer if name == "lexrank" else TextRankSummarizer
    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    output = ""
    for count in range(1, len(parser.document.sentences) + 1):
        output = " ".join(str(s) for s in summarizer(parser.document, count))
        if len(output.split()) >= words:
            break
    return cap_words(output, words)


def lead_summary(articles: list[Article], words: int) -> str:
    per_article = [[s.text for s in split_sentences(a.text)] for a in articles]
    picked: list[str] = []
    for position in range(max((len(s) for s in per_article), default=0)):
        for sentences in per_article:
            if position < len(sentences):
                picked.append(sentences[position])
    return cap_words(" ".join(picked), words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="neus_val")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--only-ours", action="store_true")
    args = parser.parse_args()
    from rouge_score import rouge_scorer

    path = shared_data() / "summaries" / f"{args.split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        rows = rows[: args.limit]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems = ["newsprism"] if args.only_ours else ["newsprism", "lead", "lexrank", "textrank"]
    totals = {name: [0.0, 0.0, 0.0] for name in systems}
    for row in rows:
        reference = row["reference"]["text"]
        words = len(reference.split())
        articles = [
            Article(id=f"{row['id']}-{i}", title=a.get("title") or "", text=a["text"])
            for i, a in enumerate(row["articles"])
        ]
        for name in systems:
            if name == "newsprism":
                summary = summarize_story(row["id"], articles, max_bullets=50, max_words=words)
                output = cap_words(" ".join(b.text for b in summary.bullets), words)
            elif name == "lead":
                output = lead_summary(articles, words)
            else:
                output = sumy_summary(name, articles, words)
            result = scorer.score(reference, output)
            for k, key in enumerate(("rouge1", "rouge2", "rougeL")):
                totals[name][k] += result[key].fmeasure
    print(f"NeuS {args.split}: {len(rows)} stories, summaries capped at the reference length")
    means = {name: [100 * v / len(rows) for v in values] for name, values in totals.items()}
    for name, (r1, r2, rl) in means.items():
        print(f"  {name:10s} ROUGE-1 {r1:6.2f}  ROUGE-2 {r2:6.2f}  ROUGE-L {rl:6.2f}")
    if args.only_ours:
        return 0
    best_r1 = max(means[n][0] for n in systems if n != "newsprism")
    best_r2 = max(means[n][1] for n in systems if n != "newsprism")
    d1, d2 = means["newsprism"][0] - best_r1, means["newsprism"][1] - best_r2
    ok = d1 >= BAR_R1 and d2 >= BAR_R2
    print(
        f"newsprism vs best baseline: ROUGE-1 {d1:+.2f} (bar +{BAR_R1}), "
        f"ROUGE-2 {d2:+.2f} (bar +{BAR_R2}) -> {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
