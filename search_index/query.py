"""The search API's value types, the analysis of the typed text, and highlights."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape
from whoosh import highlight

from search_index.schema import TOKEN_PATTERN, FrenchTermFilter, french_analyzer, stem_word

SORTS = ("relevance", "distance")

# The guide search's defaults and bounds, written once: the search page, the
# JSON API (schemas.DirectorySearchArgs), the searcher and the pages that hand
# a reader over to the guide all read them here.
#: Radius of a search near a place when none is chosen.
DEFAULT_RADIUS_KM = 10.0
#: Radius when another page lists "who can help near you" (the assistant's
#: hand-off, an article's offices): a little wider, since it shows only a few.
NEARBY_RADIUS_KM = 15.0
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


@dataclass
class DirectoryQuery:
    text: str = ""
    themes: tuple[str, ...] = ()
    age: int | None = None
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = DEFAULT_RADIUS_KM
    open_at: datetime | None = None
    sort: str = "relevance"  # or "distance" (needs ``near``)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    types: tuple[str, ...] | None = None  # "structure", "person", "service"
    #: The reader's commune(s): entries serving one are found beyond the
    #: radius (a Mouscron service serving Tourcoing, from Tourcoing).
    served: tuple[str, ...] = ()
    now: datetime | None = None  # for freshness; defaults to the current time


@dataclass
class DirectoryHit:
    type: str
    id: int
    name: str
    structure: str | None
    structure_id: int | None
    kind: str
    themes: list[str]
    channels: list[str]
    commune_insee: str
    commune_name: str
    lat: float
    lon: float
    distance_km: float | None
    url: str
    highlights: dict[str, str]
    score: float


@dataclass
class DirectoryPage:
    total: int
    hits: list[DirectoryHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


# ---------------------------------------------------------------- text

#: Fuzzy matches score this fraction of an exact match (and always rank
#: below entries matching the same number of words exactly).
FUZZY_WEIGHT = 0.3
#: Words shorter than this are never matched fuzzily ("cv" is not "ca").
FUZZY_MIN_LENGTH = 4


@dataclass(frozen=True)
class QueryWord:
    word: str  # folded, as typed
    stem: str

    @property
    def max_edits(self) -> int:
        """Edits forgiven: none for short words or numbers, one up to seven
        letters ("logemnt"), two beyond ("apprentisage" needs one)."""
        if len(self.word) < FUZZY_MIN_LENGTH or any(c.isdigit() for c in self.word):
            return 0
        return 1 if len(self.word) <= 7 else 2


_words_filter = FrenchTermFilter(stem=False)


def query_words(text: str) -> list[QueryWord]:
    """The words of the typed text that count, each once, in order."""
    out, seen = [], set()
    for token in TOKEN_PATTERN.findall(text or ""):
        word = _words_filter.term(token)
        if word is None or word in seen:
            continue
        seen.add(word)
        out.append(QueryWord(word, stem_word(word)))
    return out


# ---------------------------------------------------------------- highlights

class MarkFormatter(highlight.Formatter):
    """``<mark>`` around matched words; everything else escaped, so a name
    containing markup is shown as text."""

    between = " … "

    def _text(self, text):
        return str(escape(text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


_formatter = MarkFormatter()
_analyzer = french_analyzer()
_whole = highlight.WholeFragmenter()
#: Whole sentences around the matched words: a snippet never starts mid-sentence.
_sentences = highlight.SentenceFragmenter(maxchars=220)
#: Between a document's prose and the words it is also found by (its themes in
#: every language, its address): those are searched but never shown.
KEYWORDS_MARK = "\u2063"
#: A snippet without matched words: the start of the prose, this long at most.
LEAD_CHARS = 160


def prose(text: str) -> str:
    """The part of a stored text meant to be read (before the keywords)."""
    return text.split(KEYWORDS_MARK, 1)[0].strip()


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence(s) of ``text``, cut at a word within ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end > limit // 2:
        return cut[:end + 1]
    return cut.rsplit(" ", 1)[0] + " …"


def highlights(stored: dict, terms: frozenset[str]) -> dict[str, str]:
    """HTML fragments of the name and the text with the matched words marked;
    without a match in the text, its first sentence."""
    out = {}
    name = stored.get("name") or ""
    if terms:
        fragment = highlight.highlight(name, terms, _analyzer, _whole, _formatter, top=1)
        if fragment:
            out["name"] = str(Markup(fragment))
    text = prose(stored.get("text") or "")
    fragment = (highlight.highlight(text, terms, _analyzer, _sentences, _formatter, top=1)
                if terms and text else "")
    if fragment:
        out["text"] = str(Markup(fragment))
    elif text:
        out["text"] = str(escape(lead(text)))
    return out
