"""Language identification (py3langid, offline model shipped in the wheel)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Below this many letters the identifier guesses (a headline-sized snippet is enough
# for most languages; single words are not).
MIN_LETTERS = 20
# A normalised probability below this means the text mixes languages or is not
# language at all (code, lists of names); report nothing rather than a guess.
MIN_PROBABILITY = 0.5
# Identification is linear in length; 400 characters (a lead paragraph)
# decide it as well as the whole text does and keep ingest fast.
MAX_CHARS = 400

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when the text is too short or unclear."""
    sample = (text or "")[:MAX_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY:
        return None
    return str(code)
