"""The NER pipeline, its reading limit, and enrichment in worker processes."""

from __future__ import annotations

from types import SimpleNamespace

from newsprism.enrich import batch, nlp
from newsprism.enrich.entities import entities_from_doc, merge_variants
from newsprism.enrich.quotes import find_quotes
from newsprism.models import Entity

TEXTS = [
    "Maria Okafor, a spokeswoman for the Foreign Ministry, said on Tuesday that Northfield "
    'Machine Tool Group shipped lathes worth $4.5 million.\n\n"We have the invoices," '
    "Okafor said.\n",
    "Tomas Berg, the chief executive of Northfield, denied the accusation in Berlin.\n",
    '"These allegations are baseless," said Berg.\n',
]


def test_ner_text_stops_after_a_sentence(monkeypatch):
    monkeypatch.setattr(nlp, "NER_MAX_CHARS", 60)
    text = "First sentence of the article is here. Second sentence goes on and on and on."
    assert nlp.ner_text(text) == "First sentence of the article is here."
    monkeypatch.setattr(nlp, "NER_MAX_CHARS", None)
    assert nlp.ner_text(text) == text


def test_workers_give_what_one_process_gives():
    assert batch.enrich_texts(TEXTS, n_process=2) == batch.enrich_texts(TEXTS, n_process=1)
    entities, quotes = batch.enrich_texts(TEXTS[:1])[0]
    assert "Maria Okafor" in [e.name for e in entities]
    assert [q.speaker for q in quotes if q.direct] == ["Maria Okafor"]


def test_stream_gives_in_order_what_one_process_gives():
    texts = TEXTS * 12  # more than one batch per worker
    serial = list(batch.enrich_stream(texts, n_process=1))
    assert list(batch.enrich_stream(iter(texts), n_process=2)) == serial
    assert serial[:3] == batch.enrich_texts(TEXTS)


def test_stream_closed_early_stops_its_workers():
    import multiprocessing

    stream = batch.enrich_stream(TEXTS * 12, n_process=2)
    assert next(stream) == batch.enrich_texts(TEXTS[:1])[0]
    stream.close()
    assert multiprocessing.active_children() == []


def test_job_runs_while_the_caller_works():
    job = batch.EnrichJob(TEXTS, n_process=2)
    assert [len(e) > 0 for e, _ in job.get()] == [True, True, True]


def _fake_doc(text, ents):
    spans = []
    for name, label in ents:
        start = text.index(name)
        spans.append(SimpleNamespace(text=name, label_=label, start_char=start))
    return SimpleNamespace(text=text, ents=spans)


def test_mentions_after_the_ner_limit_still_count():
    text = (
        "Maria Okafor met Tomas Berg in Berlin. "
        + "Nothing else happened. " * 3
        + "Later Okafor flew back to Berlin."
    )
    doc = _fake_doc(
        text[:40], [("Maria Okafor", "PERSON"), ("Tomas Berg", "PERSON"), ("Berlin", "GPE")]
    )
    counts = {(e.name, e.mentions) for e in entities_from_doc(doc, text)}
    assert ("Maria Okafor", 2) in counts and ("Berlin", 2) in counts and ("Tomas Berg", 1) in counts


def test_speakers_after_the_ner_limit_come_from_capitalisation():
    text = (
        "The talks opened on Monday. " * 3
        + '"We will not sign," said Hugo Lindqvist, a diplomat.\n'
    )
    doc = _fake_doc(text[:28], [])
    (quote,) = find_quotes(text, doc)
    assert quote.speaker == "Hugo Lindqvist"


def test_variant_index_keeps_the_first_fullest_name():
    merged = merge_variants(
        [
            Entity("Northfield Machine Tool Group", "ORG", 1),
            Entity("NMTG", "ORG", 2),
            Entity("Berg", "PERSON", 1),
            Entity("Tomas Berg", "PERSON", 1),
            Entity("Tomas Berg-Olsen", "PERSON", 1),
        ]
    )
    counts = {(e.name, e.label): e.mentions for e in merged}
    assert counts[("Northfield Machine Tool Group", "ORG")] == 3
    assert counts[("Tomas Berg", "PERSON")] == 2
