"""Runs the stages against a database: ingest -> extract -> enrich -> stories -> analysis.

The stage packages compute; this package is where their results meet the store.
`ingest.py` reads and extracts documents and commits them in chunks; `process.py`
enriches and clusters what is not yet enriched; `analyse.py` recomputes dirty
stories; `poll.py` polls the configured feeds; `corrections.py` applies a user's
moves and splits; `demo.py` builds the sample database.

Every step commits in small transactions and records what is left to do in the
database itself (articles not yet enriched, stories marked dirty), so a crash at any
point leaves a consistent database and the next run completes the work.
"""

from newsprism.pipeline.analyse import analyse_dirty_stories
from newsprism.pipeline.ingest import IngestReport, ingest_inputs
from newsprism.pipeline.process import ProcessResult, process_pending

__all__ = [
    "IngestReport",
    "ProcessResult",
    "analyse_dirty_stories",
    "ingest_inputs",
    "process_pending",
]
