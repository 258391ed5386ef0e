from __future__ import annotations

from newsprism.extract.language import detect_language


def test_detects_common_languages():
    assert detect_language("The council voted on Tuesday to repair the old harbour bridge.") == "en"
    assert detect_language("Le conseil municipal a voté mardi la réparation du vieux pont.") == "fr"
    assert (
        detect_language("Der Stadtrat hat am Dienstag die Reparatur der alten Brücke beschlossen.")
        == "de"
    )
    assert (
        detect_language("El ayuntamiento aprobó el martes la reparación del viejo puente.") == "es"
    )


def test_too_short_or_empty_gives_none():
    assert detect_language("") is None
    assert detect_language("OK") is None
    assert detect_language("12345 67890 !!!") is None
