"""A small lexicon of loaded, opinion and judging language, and a score per sentence.

Reporting ("the ministry said the shipment arrived on Monday") scores 0; judging
("a shocking, disgraceful betrayal") scores high. Used to prefer reporting sentences
in summaries and neutral headlines as story titles. Our own word list, built from
the kinds of words media-bias guides flag: sensational verbs, value judgements,
intensifiers, labels, and the writer addressing the reader.
"""

from __future__ import annotations

import re

_LOADED = """
slam slams slammed blast blasts blasted rip rips ripped torch torched shred shreds
shredded destroy destroys destroyed demolish demolished eviscerate eviscerated annihilate
bash bashes bashed lambast lambasted trash trashed smear smears smeared mock mocks
mocked scold scolded rant rants ranted meltdown meltdowns tirade tirades freak freaks
shocking shocked stunning stunned outrageous outrage outraged furious fury disgraceful
disgrace disgusting appalling horrific horrifying horrible terrible awful atrocious
absurd ridiculous ludicrous laughable pathetic shameful shameless insane crazy
idiotic stupid dumb moronic bizarre hysterical hysteria unhinged deranged delusional
radical radicals extremist extremists extreme fanatic fanatics zealot zealots thug thugs
regime puppet propaganda cronies crony elites elitist corrupt corruption crook crooked
disastrous disaster catastrophic catastrophe chaos chaotic debacle fiasco carnage
brutal brutally vicious savage scandal scandalous explosive bombshell blistering
scathing damning devastating humiliating humiliated humiliation embarrassing
embarrassment reckless dangerous sinister nefarious evil vile heinous despicable
hypocrite hypocrites hypocrisy hypocritical liar liars lies lying dishonest
incompetent incompetence failed failing failure weak weakness spineless cowardly
coward cowards betrayal betray betrayed traitor traitors treason treasonous
so-called woke snowflake snowflakes leftist leftists far-left far-right right-wing
left-wing alt-right libtard socialist socialists fascist fascists nazi nazis racist
racists bigot bigots bigoted xenophobic
amazing incredible fantastic brilliant heroic hero heroes historic landmark
unprecedented massive huge enormous staggering whopping skyrocket skyrocketing
soar soaring plunge plunging plummet plummeting crushing crushed landslide
finally shamelessly blatantly blatant clearly obviously undeniably outright
apparently supposedly allegedly reportedly so-called hardly merely
slap slapped cave caves caved cower cowers doubles
"""
LOADED_WORDS = frozenset(_LOADED.split())
# Words of the writer speaking for themselves or to the reader.
_FIRST_PERSON = frozenset(["i", "me", "my", "we", "us", "our", "you", "your"])
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def loaded_score(sentence: str) -> float:
    """Share of loaded words outside quotation marks, plus penalties for the writer's
    own voice, exclamation marks and rhetorical questions; 0 for plain reporting."""
    outside = _QUOTED.sub(" ", sentence)
    words = [w.lower() for w in _WORD.findall(outside)]
    if not words:
        return 0.0
    loaded = sum(1 for w in words if w in LOADED_WORDS)
    personal = sum(1 for w in words if w in _FIRST_PERSON)
    score = (loaded + 0.5 * personal) / len(words)
    if "!" in outside:
        score += 0.1
    if outside.rstrip().endswith("?"):
        score += 0.1
    return min(score * 4.0, 1.0)


def loaded_terms(sentence: str) -> list[str]:
    """The loaded words a sentence uses (outside quotes), for display."""
    outside = _QUOTED.sub(" ", sentence)
    return [w for w in _WORD.findall(outside) if w.lower() in LOADED_WORDS]
