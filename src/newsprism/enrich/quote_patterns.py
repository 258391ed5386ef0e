"""Word lists and regular expressions of `quotes.py`, kept apart from its logic.

As trafilatura keeps its XPath expressions in one module, the patterns that find
quotes, cues and speakers live here: change what is recognised here, how it is used
in `quotes.py`.
"""

from __future__ import annotations

import re

CUE_VERB_WORDS = """
said says say saying told tells tell telling added adds adding stated states stating
explained explains explaining wrote writes writing asked asks asking argued argues arguing
insisted insists insisting noted notes noting claimed claims claiming alleged alleges
alleging denied denies denying confirmed confirms confirming acknowledged acknowledges
admitted admits warned warns warning declared declares announced announces continued
continues recalled recalls recalling replied replies responded responds answered answers
countered counters tweeted tweets posted joked quipped shouted yelled suggested suggests
predicted predicts stressed stresses emphasized emphasised observed remarked conceded
complained complains charged charges accused accuses accusing concluded testified
reported reports agreed agrees insist maintained maintains contended contends asserted
asserts disputed disputes rejected rejects dismissed dismisses vowed vows pledged
promised promises revealed reveals disclosed cautioned conceded boasted lamented
mused pleaded wondered whispered thundered fumed retorted reiterated reiterates
exclaimed confessed echoed interjected explains recalled predicted opined murmured
pressed affirms affirmed demanded demands snapped barked chimed mocked marveled scoffed
sneered laughed screamed chanted begins announce interrupted cried
read reads recounted recounts surmised elaborated elaborates gloated questioned
recommended recommends emailed texted recited recites urged urges concludes
proclaimed proclaims acknowledged quipped grumbled griped scoffed sighed
write conclude note argue add insist explain warn claim
"""

CUE_VERBS = frozenset(CUE_VERB_WORDS.split())

# Verbs that take a recipient before the content: "told Reuters", "assured voters".
RECIPIENT_CUES = frozenset({"told", "tells", "tell", "telling", "assured", "warned", "reminded"})

# Cues whose following noun phrase is the listener (`telling CNBC: "..."`).
LISTENER_CUES = RECIPIENT_CUES | {"asked", "asks", "asking"}

# Multi-word cues, longest first.
PHRASE_CUES = (
    "pointed out",
    "shot back",
    "wrote back",
    "chimed in",
    "put it",
    "went on",
    "said in a statement",
    "said in an interview",
    "was quoted as saying",
    "is quoted as saying",
    "wrote on Twitter",
    "wrote in a statement",
    "said on Twitter",
)

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p"}

PERSON_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "gen",
        "gen.",
        "president",
        "senator",
        "representative",
        "governor",
        "mayor",
        "judge",
        "justice",
        "prof",
        "prof.",
        "professor",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "rev",
        "rev.",
        "lt.",
        "col.",
        "adm.",
        "sgt.",
        "capt.",
        "admiral",
        "general",
    ]
)

ANON_HEADS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "person",
        "people",
        "aide",
        "aides",
        "diplomat",
        "diplomats",
        "insider",
        "insiders",
        "staffer",
        "staffers",
        "employee",
        "employees",
        "executive",
        "executives",
        "officer",
        "officers",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "lawmaker",
        "lawmakers",
        "member",
        "members",
        "investigator",
        "investigators",
        "resident",
        "residents",
        "witness",
        "witnesses",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "observer",
        "observers",
    ]
)

ROLE_NOUNS = frozenset(
    [
        "spokeswoman",
        "spokesman",
        "spokesperson",
        "spokespeople",
        "minister",
        "secretary",
        "president",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "ceo",
        "founder",
        "governor",
        "mayor",
        "senator",
        "representative",
        "lawyer",
        "attorney",
        "adviser",
        "advisor",
        "aide",
        "official",
        "ambassador",
        "commander",
        "general",
        "prosecutor",
        "judge",
        "head",
        "leader",
        "manager",
        "analyst",
        "economist",
        "professor",
        "researcher",
        "strategist",
        "consultant",
        "editor",
        "reporter",
        "correspondent",
        "candidate",
        "nominee",
        "campaign",
        "chairperson",
        "deputy",
        "envoy",
        "negotiator",
        "officer",
        "owner",
        "partner",
        "speaker",
        "whip",
    ]
)

ORG_NOUNS = frozenset(
    [
        "ministry",
        "group",
        "company",
        "firm",
        "government",
        "agency",
        "department",
        "office",
        "committee",
        "commission",
        "council",
        "campaign",
        "party",
        "union",
        "organization",
        "organisation",
        "association",
        "embassy",
        "bank",
        "court",
        "police",
        "army",
        "military",
        "board",
        "foundation",
        "institute",
        "network",
    ]
)

DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "several",
        "some",
        "many",
        "other",
        "another",
        "both",
        "senior",
        "former",
        "top",
        "two-dozen",
        "dozens",
    ]
)

# Words after which a speaker phrase certainly stops ("said Okafor on Tuesday").
SPEAKER_STOP = re.compile(
    r"\s+(?:on|in|at|during|when|after|before|while|as|last|this|earlier|later|"
    r"yesterday|today|tonight|recently|told|to|of|about|that|who|which|because|if|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$",
    re.DOTALL,
)

ADVERBS = (
    r"(?:(?:also|later|then|previously|once|again|recently|repeatedly|often|"
    r"earlier|already|has|have|had|would|will|had|has\s+long|flatly|firmly|strongly|"
    r"publicly|privately|separately|reportedly|quickly|simply|further|on\s+\w+day)\s+)*"
)

SENTENCE_ADVERBS = (
    "and",
    "but",
    "so",
    "then",
    "as",
    "while",
    "later",
    "now",
    "still",
    "again",
    "also",
    "meanwhile",
    "instead",
    "finally",
    "yet",
    "however",
    "here",
    "there",
    "reluctantly",
    "earlier",
    "separately",
    "indeed",
    "moreover",
    "afterward",
    "afterwards",
    "today",
    "yesterday",
    "tonight",
    "previously",
    "last",
    "when",
    "where",
    "if",
)

OPEN_DOUBLE = "“„«"

CLOSE_DOUBLE = "”»"

QUOTE_TOKEN = re.compile(r"''|``|[\"“”„«»]")

SINGLE_QUOTE = re.compile(r"(?<![\w’'])[‘'](?=\w)([^‘’'\n]*?(?:\w[’']\w[^‘’'\n]*?)*)[’'](?![\w])")

WORD = re.compile(r"[\w][\w.'’\-]*")

CAP_NAME = re.compile(
    r"\b(?:[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)"
    r"(?:\s+(?:[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)?|[A-Z]\.|de|van|von|bin|al-\w+|"
    r"Mc[A-Z][a-z]+))+"
)

# A character of a speaker phrase: no sentence punctuation or quote marks, except
# the periods of initials and titles ("U.S. Ambassador", "Mr. Okafor") and periods
# inside a word or before a comma or bracket ("D.C.-based", "R-Pa.,", "(D-Nev.)").
SPK = (
    r"(?:[^.;!?\"“”\n]|\.(?=[,)\w])|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\."
    r"|(?<=\bSen)\.|(?<=\bRep)\.|(?<=\bGov)\.|(?<=\bGen)\.|(?<=\bJr)\.|(?<=\bSt)\."
    r"|(?<=\bRev)\.|(?<=\bFt)\.|(?<=\bMt)\.|(?<=\bLt)\.|(?<=\bCol)\.|(?<=\bSgt)\."
    r"|(?<=\bProf)\.|(?<=\bSr)\.|(?<=\bCapt)\.|(?<=\bAdm)\.)"
)

SPK_NC = SPK.replace("^.", "^,.")  # the same without commas

CUE_ALT = "|".join(
    [re.escape(c).replace(r"\ ", r"\s+") for c in PHRASE_CUES]
    + sorted(CUE_VERBS, key=len, reverse=True)
)

CUE_RE = rf"(?i:{CUE_ALT})"

# Reported beliefs and intentions (`X believes that ...`): statements of their holder
# too, read only as indirect attributions (a quote after them is not their words).
BELIEF_VERBS = sorted(
    [
        *("believes", "believed", "thinks", "thought", "hopes", "hoped", "fears", "feared"),
        *("expects", "expected", "worries", "worried", "knows", "knew", "estimates"),
        "estimated",
        # Plans and intentions (`X plans to ...`): PolNeAR marks them as its holder's.
        *("plans", "planned", "intends", "intended", "proposes"),
    ],
    key=len,
    reverse=True,
)

INDIRECT_CUE_RE = rf"(?i:{CUE_ALT}|{'|'.join(BELIEF_VERBS)})"

# After a quote: `, said X` / `, X said`.
# Leading characters between a closing mark and the attribution: spaces, a comma, a
# dash, or the closing mark of a quote inside the quote (`...,''' said X`).
AFTER_LEAD = r"^[\s,—–'’”-]*"

AFTER_CUE_FIRST = re.compile(rf"{AFTER_LEAD}(?P<cue>{CUE_RE})\b\s+(?P<spk>{SPK}+)")

AFTER_SPEAKER_FIRST = re.compile(
    rf"{AFTER_LEAD}(?P<spk>{SPK}{{1,120}}?)\s+{ADVERBS}(?P<cue>{CUE_RE})\b"
)

# After a quote that leaves its sentence open: `, X <verb>` for any verb in -ed/-s
# (`"...," the statement read` is covered by the cue list), or `, <verb>ed X`.
AFTER_ANY_VERB = re.compile(
    rf"{AFTER_LEAD}(?P<spk>{SPK}{{1,80}}?)\s+{ADVERBS}(?P<cue>[a-z]{{3,}}(?:ed|s))\b"
    rf"(?=\s*[.,;!?]|\s+(?:on|in|at|to|during|after|before|with|about|of|from|as|back)\b"
    rf"|\s+\w+day\b)"
)

AFTER_ANY_VERB_FIRST = re.compile(
    rf"{AFTER_LEAD}(?P<cue>[a-z]{{3,}}ed)\s+(?P<spk>(?:the\s+|an?\s+)?[A-Z]{SPK}{{0,100}})"
)

# `"...," according to CNN.`
AFTER_ACCORDING = re.compile(
    rf"{AFTER_LEAD}(?P<cue>according\s+to)\s+(?P<spk>{SPK}{{2,100}}?)\s*(?:[.;]|$)"
)

# Before a quote: `X said: "` / `X said that "` / `said X: "`.
BEFORE = re.compile(
    rf"(?:^|[.;!?]\s+|,\s+|\b(?:and|but|while|as)\s+)"
    rf"(?P<spk>{SPK_NC}{{1,100}}?(?:,\s+{SPK_NC}{{3,100}}?,)?)\s+"
    rf"{ADVERBS}(?P<cue>{CUE_RE})(?:\s+(?:to\s+)?(?P<obj>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|"
    rf"reporters|him|her|them|us|me|(?:the|an?|his|her|their)(?:\s+[\w-]+){{1,3}}))?"
    rf"(?:\s+\w+day)?(?:\s+[a-z]+ly)?\s*(?:[:,]|\s+that)?\s*$"
)

BEFORE_CUE_FIRST = re.compile(
    rf"(?:^|[.;!?]\s+|,\s+)(?P<cue>{CUE_RE})\s+(?P<spk>{SPK}{{2,100}}?)\s*[:,]\s*$"
)

# `Philip Bump: "..."` (a name and a colon) and `X said in a statement. "..."`.
NAME_COLON = re.compile(
    r"(?:^|[.;!?—–-]\s+|\n)(?P<spk>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*)\s*:\s*$"
)

BEFORE_DOT = re.compile(
    rf"(?:^|[.;!?]\s+)(?P<spk>{SPK}{{1,100}}?)\s+{ADVERBS}(?P<cue>{CUE_RE})"
    rf"(?:\s+(?:in\s+a\s+statement|on\s+\w+day|in\s+an\s+interview))?\s*\.\s*$"
)

# `X compared himself to Y, saying, "..."`: the speaker is the sentence's subject.
PARTICIPLE_CUE = re.compile(
    r"(?:,\s*|\band\s+(?:then\s+)?)(?P<cue>said|added|wrote|told\s+\w+|saying|adding|writing|telling\s+\w+|noting|arguing|explaining|asking|"
    r"declaring|insisting|warning|tweeting)\s*[:,]?\s*$"
)

SUBJECT = re.compile(  # used with .match(window, pos): no "^", which would pin pos 0
    r"(?P<spk>(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w.’'-]*"
    r"(?:,\s+[^,]{3,90},)?|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\s+[a-z]"
)

ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<spk>[^,.;\"“”]{2,100}?)\s*(?=[,.;]|$)")

HEAD_STOP = re.compile(
    r"\s+(?:on|at|during|when|after|before|while|last|this|earlier|later|yesterday|today|"
    r"tonight|recently|in\s+(?:a|an|his|her|their|the)\b|told|to|about|that|because|if|as|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$",
    re.DOTALL,
)

CLAUSE_STOP = re.compile(
    r",\s+(?:[a-z]+ing|"
    r"citing|adding|noting|according|saying|referring|explaining|arguing|as|when|"
    r"while|after|before|because|but|and|in\s+a|in\s+an|on\s+\w+day|suggesting|though|"
    r"although|seeming|speaking|during|at\s+a|at\s+the)\b.*$",
    re.DOTALL,
)

PREPOSITIONS = frozenset(
    [
        "of",
        "to",
        "about",
        "on",
        "in",
        "for",
        "at",
        "with",
        "from",
        "by",
        "into",
        "over",
        "as",
        "than",
    ]
)

OBJECT_PRONOUNS = frozenset(["it", "him", "her", "them", "us", "me", "this", "that"])

POSSESSIVES = frozenset(["his", "her", "their", "its", "our", "my", "your"])

DEMONSTRATIVES = frozenset(["this", "that", "these", "those"])

AUXILIARIES = frozenset(
    [
        *("is", "was", "are", "were", "has", "had", "have", "will", "would", "can"),
        *("could", "should", "may", "might", "must", "did", "does", "do", "said", "says"),
    ]
)

# Words that open a clause without being its subject ("When asked, ...", "In 2014, ...").
NOT_SUBJECTS = frozenset(
    [
        *SENTENCE_ADVERBS,
        *PREPOSITIONS,
        "asked",
        "speaking",
        "addressing",
        "responding",
        "despite",
        "although",
        "though",
        "because",
        "since",
        "until",
        "unlike",
        "like",
        "with",
        "here",
        "here’s",
        "here's",
        "it",
        "this",
        "that",
        "there",
        "what",
    ]
)

CLAUSE_BREAK = re.compile(
    r",\s+(?:(?:to|of|in|for|from|with)\s+(?:which|whom)\s+|(?:and|but|so|then|when|as|while)\s+)?"
)

VERB_AFTER_SUBJECT = re.compile(
    rf"\s+{ADVERBS}(?:[a-z]+ly\s+)?(?P<cue>[a-z][\w’'-]*(?:\s+(?:back|out|up|in|on))?)"
)

NP_WORD = re.compile(r"[\w’'.&-]+")

VERB_LIKE = frozenset(
    [
        *("is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "can"),
        *("may", "might", "did", "does", "do", "seemed", "seems", "appeared", "appears"),
        *("went", "goes", "continued", "got", "gets", "took", "takes", "made", "makes"),
        *("began", "tried", "kept", "issued", "released", "posted", "sent", "put", "puts"),
    ]
)

# Words that make a run of capitalised words an organisation or a place, not a person.
PLACE_OR_ORG = ORG_NOUNS | frozenset(
    [
        *("house", "senate", "congress", "state", "states", "city", "county", "university"),
        *("college", "school", "times", "post", "news", "journal", "nations", "street"),
        *("republicans", "democrats", "center", "centre", "institution", "fund", "club"),
    ]
)

# `X said (that) ...`, after an optional opening adverbial (`On Tuesday, X told ...`)
# and with an optional appositive (`X, a lawyer who ..., said ...`).
INDIRECT_SUBJECT_FIRST = re.compile(
    r"^(?:(?:On|In|At|During|After|Before|Last|Earlier|Later|But|And|However|Meanwhile|"
    r"Still|Yet|Also|Separately|Now|Then)\b[^,;:\"“”]{0,50},\s+)?"
    rf"(?P<spk>[^,;:\"“”]{{1,90}}?(?:,\s+(?:an?|the|who|one)\b[^,]{{1,150}},|"
    # `The state's campaign chairman, Phil Lovas,` / `Dianne Feinstein, Democrat of Ohio,`
    rf",\s+[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){{0,5}},)?)\s+"
    rf"{ADVERBS}(?P<cue>{INDIRECT_CUE_RE})\b(?P<rest>.*)$",
    re.DOTALL,
)

# `After the hearing, police said, he went home.`: the attribution inside the sentence.
INDIRECT_INSERTED = re.compile(
    r"^(?P<pre>[^\"“”]{3,}?),\s+(?P<spk>[^,;:\"“”]{2,60}?)\s+"
    r"(?P<cue>said|says|added|noted|argued|wrote|insisted|explained|contended|warned|"
    r"acknowledged|maintained|reported|suggested)\s*,\s+(?P<content>[^\"“”]{12,})$",
    re.DOTALL,
)

INDIRECT_SUBJECT_LAST = re.compile(
    rf"^(?P<content>.{{12,}}?),\s+(?:(?P<cue1>{CUE_RE})\s+(?P<spk1>[^,;\"“”]{{2,90}}?"
    # `..., said Matt Latimer, a speechwriter who worked in the Bush White House.`
    rf"(?:,\s+(?:an?|the|one|[A-Z])[^;\"“”]{{1,200}}?)?)|"
    rf"(?P<spk2>[^,;\"“”]{{2,90}}?)\s+{ADVERBS}(?P<cue2>{CUE_RE}))"
    # A when or where may follow (`..., X said on Sunday.`), never a `that` clause.
    rf"(?:\s+(?:on|in|at|last|this|earlier|during|late|to)\b(?:(?!\bthat\b)[^,;\"“”]){{0,60}})?"
    rf"[.!?]?[\"”’]?$",
    re.DOTALL,
)

ACCORDING_FIRST = re.compile(
    r"^[Aa]ccording\s+to\s+(?P<spk>[^,]{2,90}),\s+(?P<content>.+)$", re.DOTALL
)

ACCORDING_LAST = re.compile(
    r"^(?P<content>.{12,}?),?\s+according\s+to\s+(?P<spk>[^,]{2,90}?)"
    r"[.!?]?$",
    re.DOTALL,
)

RECIPIENT = re.compile(
    r"\s+(?:[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*|reporters|journalists|him|her|them|us|"
    r"me|the\s+\w+(?:\s+\w+)?|an?\s+\w+|(?:a|the)\s+news\s+conference|"
    r"(?:a\s+)?radio\s+station)(?:\s+on\s+\w+day|\s+in\s+an\s+interview)?"
)

LISTENER_THEN_THAT = re.compile(r"(?:\s+[\w’'.-]+){0,6}?\s+that\b")

# A when or where before `that` (`said in the early morning hours that ...`, `announced
# Tuesday that ...`): the statement starts after `that`.
CONTENT_LEAD_THAT = re.compile(
    r"\s*(?:(?:in|on|at|during|last|this|earlier|late|early)\s+|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[^,.;:\"“”]{0,50}?\s+that\s+"
)
# Where a statement found after its cue ends: a clause of its own (`, which ...`,
# `, but ...`, ` -- `) or a second speech verb of the same subject (`... and said ...`).
# A `but` without its comma stays inside (`she was elated but still feared ...`), as
# does `and` with any other verb (polnear_train: content F1 0.6183 with either cut,
# 0.6198 without).
STATEMENT_END = re.compile(
    r",\s+(?:but|while|whereas|although|though)\b|,\s+(?:which|saying|adding|noting|"
    r"arguing|insisting|calling|citing|when)\b|\s+[—–]\s+|\s+--\s+|;\s+|"
    r"\s+and\s+(?:also\s+)?(?:says|said|adds|added)\b"
)

CONTENT_LEAD = re.compile(
    r"(?:\s*(?:on|last|this|earlier)\s+\w+(?:\s+(?:morning|afternoon|evening|night))?|"
    r"\s*(?:yesterday|today|tonight|in\s+a\s+statement|in\s+an\s+interview)|\s*,)*"
    r"\s*(?:that\s+)?"
)

# After a cue: a short tail that closes the sentence (`told CNN on Sunday.`), so the
# cue belongs to the quote before it, not to a statement or quote after it.
CLOSES_SENTENCE = re.compile(r"(?!\s+that\b)(?:\s+[\w’'.-]+){0,6}?\s*[.!?]")

SUBJECT_VERB = re.compile(
    rf"^(?P<spk>(?:[A-Z][\w.’'-]*\s+){{0,4}}[A-Z][\w.’'-]*|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\s+"
    rf"{ADVERBS}(?P<cue>{CUE_RE})\b"
)

# A paragraph that only names who said the quote above it: "- Sanders.",
# "—Michelle Marks, Philadelphia."
DASH_LINE = re.compile(
    r"[-—–―]\s*(?P<spk>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})(?:,[^\n]{0,80})?\.?"
)

# A name after a dash on the quote's own line: `"..." ― Carla Sanchez.` (readers'
# comments, epigraphs); nothing else may follow it before the next quote or line end.
DASH_AFTER = re.compile(
    r"^\s*[—―–]\s*(?P<spk>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})(?:,[^\n“”\"]{0,80})?\.?\s*$"
)

# `In a new Fox News poll, Trump leads ...`: a sentence opened by a poll, survey or
# study it reports (PolNeAR marks `in` as the cue and the poll as the source).
IN_SOURCE = re.compile(
    r"In\s+(?P<spk>[^,;:\"“”]{0,60}?\b(?:poll|polls|survey|surveys|study|studies|census|"
    r"tally|count|analysis|report|data)\b[^,;:\"“”]{0,50}?),\s+(?P<content>\S.*)",
    re.DOTALL,
)

# A paragraph that opens with a name and a colon: a transcript line (`PENCE: Well, ...`)
# or a headline (`Sanders: Clinton needs to ...`). Up to four capitalised words; the
# statement is the rest of the paragraph.
COLON_LINE = re.compile(
    r"[\"“]?(?P<spk>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3})(?P<cue>:)\s+(?P<content>\S.*)",
    re.DOTALL,
)
COLON_LINE_SKIP = frozenset(
    [
        "update",
        "updated",
        "watch",
        "read",
        "related",
        "photo",
        "photos",
        "video",
        "source",
        "note",
        "editor",
        "correction",
        "q",
        "a",
        "by",
        "see",
        "also",
        "more",
        "listen",
        "subscribe",
        "follow",
        "image",
        "caption",
        "credit",
        "transcript",
        "full",
        "live",
        "breaking",
        "exclusive",
        "opinion",
        "analysis",
    ]
)

# After a quote and its attribution, the speaker's next statement in the same sentence:
# `"...," he said, adding that ...` / `, saying ...` / `, arguing that ...`.
PARTICIPLE_TAIL = re.compile(
    r"[^.!?\n“”\"]{0,80}?,\s+(?P<cue>adding|saying|arguing|noting|explaining|insisting|"
    r"claiming|warning|stressing|calling\s+for|suggesting|acknowledging|referring\s+to|"
    r"pointing\s+(?:out|to)|recalling|citing|describing|urging|accusing|praising|"
    r"blaming|criticizing|defending)\b\s*(?:that\b\s*)?"
)

TITLE_SMALL = frozenset(["a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "at"])

# --- what a speaker never is ---------------------------------------------------------
# Dates, times, section names, the reader, places: capitalised words that the speaker
# patterns can pick up ("..., Nov. 12", "Tuesday said", "World", "you said").
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
TIME_WORDS = frozenset(
    [
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
        "noon",
        "midnight",
        "week",
        "weekend",
        "month",
        "year",
        "earlier",
        "later",
        "gmt",
        "utc",
        "est",
        "edt",
        "pst",
        "pdt",
        "bst",
        "cet",
        "am",
        "pm",
        "a.m",
        "p.m",
    ]
)
SECTION_NAMES = frozenset(
    [
        "world",
        "politics",
        "business",
        "opinion",
        "sport",
        "sports",
        "tech",
        "technology",
        "health",
        "science",
        "entertainment",
        "culture",
        "news",
        "latest",
        "home",
        "lifestyle",
        "travel",
        "markets",
        "economy",
        "asia",
        "europe",
        "africa",
        "americas",
        "us",
        "uk",
        "video",
        "live",
        "analysis",
        "comment",
        "comments",
        "editorial",
    ]
)
READER_WORDS = frozenset(["you", "your", "reader", "readers", "yourself", "subscribers"])
# Nationality and regional adjectives: "Chinese officials" is a typed anonymous source,
# "Chinese" alone is no speaker, and neither names a person.
PLACE_ADJECTIVES = frozenset(
    [
        "american",
        "british",
        "chinese",
        "russian",
        "ukrainian",
        "iranian",
        "israeli",
        "palestinian",
        "french",
        "german",
        "italian",
        "spanish",
        "japanese",
        "korean",
        "indian",
        "pakistani",
        "turkish",
        "syrian",
        "iraqi",
        "afghan",
        "saudi",
        "egyptian",
        "european",
        "african",
        "asian",
        "western",
        "eastern",
        "northern",
        "southern",
        "foreign",
        "domestic",
        "canadian",
        "mexican",
        "brazilian",
        "australian",
        "dutch",
        "belgian",
        "polish",
        "swedish",
        "norwegian",
        "danish",
        "finnish",
        "swiss",
        "austrian",
        "greek",
        "hungarian",
        "czech",
        "romanian",
        "serbian",
        "belarusian",
        "georgian",
        "armenian",
        "azerbaijani",
        "kazakh",
        "taiwanese",
        "vietnamese",
        "thai",
        "indonesian",
        "malaysian",
        "filipino",
        "nigerian",
        "kenyan",
        "ethiopian",
        "south-african",
        "emirati",
        "qatari",
        "lebanese",
        "jordanian",
        "yemeni",
        "libyan",
        "sudanese",
        "venezuelan",
        "cuban",
        "colombian",
        "argentine",
        "chilean",
        "peruvian",
    ]
)
COUNTRIES = frozenset(
    [
        "china",
        "russia",
        "ukraine",
        "iran",
        "israel",
        "usa",
        "us",
        "u.s",
        "america",
        "britain",
        "uk",
        "u.k",
        "france",
        "germany",
        "italy",
        "spain",
        "japan",
        "korea",
        "india",
        "pakistan",
        "turkey",
        "syria",
        "iraq",
        "afghanistan",
        "egypt",
        "canada",
        "mexico",
        "brazil",
        "australia",
        "belarus",
        "georgia",
        "armenia",
        "taiwan",
        "vietnam",
        "nigeria",
        "kenya",
        "venezuela",
        "cuba",
        "lebanon",
        "yemen",
        "libya",
        "sudan",
        "qatar",
    ]
)
NON_SPEAKER = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,4}(?:[/-]\d{1,2}){1,2}|\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{4})$",
    re.IGNORECASE,
)

# A cue verb in the words closing a quote's sentence (`"...," Nov. 12 Tuesday said.`).
CUE_FOLLOWS = re.compile(rf"\b{CUE_RE}\b")
CUE_FOLLOWS_STOP = re.compile(r"[.!?\n“\"]")

# --- a cue anywhere in a sentence (`Lashing out, Trump said the ...`) -----------------
# Verbs that report what someone said, thinks or wants without a `that` of their own
# (`called the show "the news show of record"`, `urged voters to ...`); read only by the
# cue-anywhere fallback, whose speaker must still look like one.
REPORTING_VERBS = sorted(
    [
        "saying",
        "adding",
        "arguing",
        "insisting",
        "noting",
        "warning",
        "claiming",
        "calling",
        "called",
        "calls",
        "asked",
        "urged",
        "urges",
        "urging",
        "criticized",
        "criticised",
        "criticizes",
        "praised",
        "praises",
        "described",
        "describes",
        "blamed",
        "blames",
        "endorsed",
        "endorses",
        "showed",
        "shows",
        "show",
        "found",
        "finds",
        "indicated",
        "indicates",
        "believe",
        "think",
        "thinks",
        "feel",
        "feels",
        "felt",
        "hope",
        "want",
        "wants",
        "wanted",
        "expect",
        "predicted",
        "suggested",
        "suggests",
        "proposed",
        "questioned",
        "vowed",
        "promised",
        "pledged",
        "announced",
        "announces",
        "declared",
        "declares",
        "tweeted",
        "wrote",
        "writes",
        "posted",
        "mentioned",
        "acknowledged",
        "admitted",
        "conceded",
        "complained",
        "boasted",
        "joked",
        "recalled",
        "emphasized",
        "emphasised",
        "estimated",
    ],
    key=len,
    reverse=True,
)
# Words marked as attribution cues in at least 30% of their (>= 6) occurrences in
# polnear_train (at an F1 near 0.6 a cue right a third of the time still helps), verbs
# only (nouns, adverbs and `seems`/`expected`, which have no speaker, left out); read
# by the cue-anywhere fallback like `REPORTING_VERBS`.
TRAIN_CUE_WORDS = """
accused accuses accusing acknowledged acknowledging added adding adds admit admits
admitted admitting advocated affirm agreed agrees alleging announced announcing
answered answering apologized applauded argued argues arguing asked asking asks
assailed asserted asserting assured attacked attributed backed backing balked bashing
believes bemoaned blame blamed blaming blasted blasting blasts boasted boasts brushed
called calling calls cautioned challenged championed chanted characterized charged
cited cites citing claim claimed claiming claims commented complain complained conceded
concluded concludes condemned condemning confirmed congratulated considered considers
criticized criticizing debated declared declaring declined decried deemed defended
demanded demanding denied denies denounced denouncing derided describe described
describes describing detailing disavowed disclosed discussed discussing dismissed
dismissing disputed documented dubbed echoed echoing emailed embraced emphasize
emphasized emphasizing encouraged endorse endorsed endorses endorsing estimated
estimates expect expecting explained explaining explains expressed expressing favored
feared finds forecast framed highlighted highlighting highlights hints hoped hopes
hoping implied implying indicated indicates informed insist insisted insisting insists
interjected invoked joked knocked labeled lambasted lamented likened mentioned mentions
mock mocked mocking note noted notes noticed noting observed offered offering opposed
opposes outlined outlining pleaded pleased pledges pointed pointing portrayed posted
praised praises praising predicted predicting pressed proclaimed projected promised
promises promising proposed proposing protesting questioned questioning quoted railed
reacted reads rebuffed recall recalled recalling recognized recommended recounted
referenced referencing referred referring refers refuse refused refuses refusing
reiterated rejected rejecting remarked remarking remembered reminded reminding repeat
repeated repeating replied reply reported respond responded responds retweeted revealed
reveals ripped said say saying says seeks sees shared shouted showed shows sided
signaled signed slammed slamming slams sounded spoke stated stating stressed suggested
suggesting suggests supported supporting suspected talked talking talks telling tells
testified thanked thinks threatened threatening told touted touting tweeted tweeting
urged urging voiced vowed vowing vows warn warned warning welcomed wondered wondering
worried worries writes wrote yelled
"""
REPORTING_VERBS = sorted({*REPORTING_VERBS, *TRAIN_CUE_WORDS.split()}, key=lambda w: (-len(w), w))
# Words and phrases the cue-anywhere fallback looks for (a set lookup per word: one
# regular expression with ~500 alternatives cost more than the rest of quote finding).
_THIRD_PERSON_CUES = frozenset([*CUE_VERBS, *BELIEF_VERBS, *REPORTING_VERBS])


def _base_form(word: str) -> str | None:
    """`suggests` -> `suggest`, `denies` -> `deny`, `stresses` -> `stress`."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


# The plural present of the -s cues (`experts suggest`, `Democrats oppose`), read only
# after a plural subject (`_speaker_before`); nouns and phrasal uses left out.
PLURAL_CUES = frozenset(
    b for w in _THIRD_PERSON_CUES if (b := _base_form(w)) and b not in _THIRD_PERSON_CUES
) - frozenset(
    [
        "begin",
        "continue",
        "talk",
        "find",
        "state",
        "refer",
        "report",
        "plan",
        "call",
        "answer",
        "counter",
        "recite",
        "elaborate",
    ]
)
PLURAL_SUBJECTS = frozenset(["they", "we", "i", "you"])
# A quantity that can be the subject of a plural verb (`about half of voters say`,
# `42% say`, `more than 4 in 10 said`).
QUANTITY_SUBJECT = re.compile(
    r"^(?:about\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+|fewer\s+than\s+|"
    r"less\s+than\s+|at\s+least\s+|only\s+|just\s+)?(?:\d[\d,.]*\s*(?:%|percent)?|half|"
    r"most|many|some|few|all|none|both|several|one|two|three|four|five|six|seven|eight|"
    r"nine|a\s+majority|majorities|a\s+third|"
    r"two-thirds|three-quarters|a\s+quarter)\b[^,;:]{0,50}$",
    re.IGNORECASE,
)
ANYWHERE_WORDS = _THIRD_PERSON_CUES | PLURAL_CUES
ANYWHERE_PHRASES = re.compile(
    r"(?<=\s)(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in PHRASE_CUES) + r")\b"
)
WORD_AFTER_SPACE = re.compile(r"(?<=\s)[a-z][a-z’'-]*")
# Adverbs and auxiliaries between a speaker and its cue (`Trump has also said`).
SPEAKER_TAIL = re.compile(
    r"(?:\s+(?:also|later|then|previously|once|again|recently|repeatedly|often|earlier|"
    r"already|has|have|had|would|will|did|does|do|flatly|firmly|strongly|publicly|privately|"
    r"separately|reportedly|quickly|simply|further|long|never|not|on\s+\w+day))*\s*$",
    re.IGNORECASE,
)
# Where the clause holding the speaker starts: punctuation or a conjunction.
CLAUSE_OPENER = re.compile(
    r"[,;:(—–]\s*|\b(?:and|but|when|while|because|as|after|since|though|although|where|which|"
    r"if|than|so|before|until|once)\s+",
    re.IGNORECASE,
)
# `Scot Ross, executive director of One Wisconsin Now, said`: a name and its appositive.
NAME_APPOSITIVE = re.compile(
    r"(?:^|[;:(—–]\s*|,\s*|\b(?:and|but|when|while|because|after|since|though|although)\s+)"
    r"(?P<name>[A-Z][^,;:()—–]{1,60}),\s+(?P<app>(?:an?|the|[a-z]|\d|[A-Z][\w.’'-]*\s+[a-z])"
    r"[^;:()—–]{1,150}?),\s*$"
)

# `McConnell ... and said this week that ...`: a verb conjoined to the subject's first.
CONJOINED_VERB = re.compile(r"\b(?:and|but)(?:\s+(?:also|then|later|has|had))?$")
# What closes one statement before the next speaker (`..., and more than 4 in 10 said`).
STATEMENT_JOINER = re.compile(r"[,;]?\s*(?:\b(?:and|but|while|whereas)\s*)?$")

# Where a reported statement ends inside its sentence: a contrast, a relative clause on
# the last noun, a second participle, a dash or a semicolon (`..., while emphasizing`).
CONTENT_STOP = re.compile(
    r",\s+(?:but|while|whereas|although|though)\b|,\s+(?:which|saying|adding|noting|"
    r"arguing|insisting|calling|citing)\b|\s+[—–]\s+|\s+--\s+|;\s+"
)

# A cue after these is passive (`was not disclosed`, `is accused`): its subject is no speaker.
PASSIVE_AUXILIARIES = frozenset(["is", "was", "are", "were", "be", "been", "being", "not"])
# Before an -ing cue these make it progressive (`Trump is demanding`), not passive.
PROGRESSIVE_AUXILIARIES = frozenset(["is", "was", "are", "were"])
# A capitalised word after a space: a cue verb of a title-case headline (`Shows`).
HEADLINE_VERB = re.compile(r"(?<=\s)[A-Z][a-z’'-]+")

# Cues the cue-anywhere fallback leaves alone: on polnear_train about one in five of the
# statements it found with them were attributions (`the three states`). Cues found at
# 40-50% stay: at an F1 near 0.6, any cue right more than a third of the time helps.
ANYWHERE_SKIP = frozenset(["states", "state", "continues"])
# Cues that take an object only after a preposition or `that` (`spoke about the plan`,
# `states that ...`); elsewhere they are nouns (`three states`) or report no words
# (`spoke for 30 minutes`). On polnear_train, 17% of `states` and 27% of `spoke`
# statements found without this were attributions.
NEEDS_COMPLEMENT = {
    "states": re.compile(r"\s*(?:that\b|:)"),
    "state": re.compile(r"\s*(?:that\b|:)"),
    "spoke": re.compile(r"\s+(?:about|of|out\s+(?:against|about|for))\b"),
    "speaks": re.compile(r"\s+(?:about|of|out\s+(?:against|about|for))\b"),
}

# What may follow a cue that closes its statement (`, he said Wednesday on MSNBC.`): a
# when or where of a few words, no `that` and no new clause.
SHORT_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|last|this|during|late|early|earlier|to|yesterday|today|tonight|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b[^,;.!?]{0,60})?\s*[.!?]?[\"”’']*\s*$"
)

# Comma-enclosed words after a name that do not describe it (`Sanders, meanwhile,`,
# `The Journal, citing documents,`, `Trump, who spoke in Ohio and ... ,`).
PARENTHETICAL = re.compile(
    r"(?:\w+ing\b|[a-z]+ed\b|meanwhile|however|too|also|though|in\s+(?:turn|contrast)|"
    r"for\s+(?:his|her|their|its)"
    r"\s+part|(?:who|which)\s+(?:\S+\s+){6,})",
    re.IGNORECASE,
)

# A speaker phrase ending so negates its cue (`did not say`, `has never said`).
NEGATED_ENDINGS = frozenset(["not", "never", "did", "does", "do", "didn’t", "didn't"])

# `according to Y` anywhere in a sentence; Y runs to the next comma, dash or the end.
ACCORDING_ANYWHERE = re.compile(
    r"(?:^|[,(—–-]\s*|(?<=\w)\s+)(?P<cue>[Aa]ccording\s+to)\s+(?P<spk>[^,;()—–]{2,160}?)"
    r"\s*(?:(?P<sep>[,;)—–]|\s-\s)\s*|[.!?]?[\"”’']*$)"
)
# After an inserted `, according to Y,` these start a new clause, not the statement.
CONTINUATION_JOINER = re.compile(r"(?:but|and|even|while|though|although|which)\b", re.I)
