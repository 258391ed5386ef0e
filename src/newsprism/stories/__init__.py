"""Stories and storylines: online clustering of articles as they arrive.

Entry points: `OnlineClusterer` (add / pin / split / restore), `Assignment`,
`MergeRecord`, storylines through `OnlineClusterer.linker`, and the metrics in
`newsprism.stories.bcubed`. Embeddings come from `newsprism.enrich.embeddings`.
"""

from newsprism.stories.online import Assignment, Changes, MergeRecord, OnlineClusterer
from newsprism.stories.storylines import Storyline, TimelineEntry

__all__ = [
    "Assignment",
    "Changes",
    "MergeRecord",
    "OnlineClusterer",
    "Storyline",
    "TimelineEntry",
]
