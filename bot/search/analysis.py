"""Danish text analysis for search: the forms a slot's words and a query's words meet in.

Both sides go through the same steps:

- **folding**: lower case, accents dropped, æ/ø/å as a/o/a; each word is also known in its
  *collapsed* spelling, where aa/ae/oe became a/a/o – so `Køge`, `koege` and `koge` meet,
  and `Aarhus` meets `århus`, while a word that merely has o+e in it (`broen`) still
  matches itself as typed;
- **stemming**: Snowball's Danish stemmer (`plejehjemmene` → `plejehjem`, `kommunernes` →
  `kommun`), plus three rules Snowball leaves out: a short root ending in its vowel takes
  the endings directly (`byen`, `byerne` → `by`; `broen` → `bro`), `-er`/`-re` after a
  consonant alternate (`center`, `centre` → `cent`; `teater`, `teatre`), and a final s may
  be the word's own (`stems`: `indsats`, `indsatsen`);
- **stop words**: Snowball's Danish list, dropped from queries and slots; a query of only
  stop words keeps them (and then finds nothing rather than everything);
- **typos**: `near` – words that differ by one edit (a transposition counts as one), for
  words of at least TYPO_MIN letters;
- **compounds**: `pieces` splits an unknown compound into known words, longest first.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]
from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_QUERY = 200  # characters of a query read
MAX_WORDS = 10  # words of a query searched for
TYPO_MIN = 6  # shorter words are never corrected: too many neighbours
PIECE_MIN = 4  # the shortest part of a compound looked for on its own
COMPOUND_MAX = 40  # letters of the longest word split into parts (Danish's run to about 30)

_WORD = re.compile(r"\w+", re.UNICODE)
_SINGLE = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_TWO_LETTER = re.compile("aa|ae|oe")
_VOWELS = "aeiouy"
# A root of consonants and one vowel, then an inflection ending: by-en, bro-erne, ø-er.
_SHORT_ROOT = re.compile(
    rf"^([^{_VOWELS}]*[{_VOWELS}])(?:e|es|en|ens|et|ets|er|ers|erne|ernes|ene|enes)$"
)
# Two consonants and a final r, as Snowball leaves `centre` (`centr`) beside `center` (`cent`).
_CLUSTER_R = re.compile(rf"(?<=[^{_VOWELS}][^{_VOWELS}])r$")

# Snowball's Danish stop words (snowballstem.org/algorithms/danish/stop.txt).
_STOP = """og i jeg det at en den til er som på de med han af for ikke der var mig sig men et
har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end
dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle
hos blive mange ad bliver hendes været thi jer sådan"""

_local = threading.local()  # a PyStemmer stemmer is for one thread at a time


def fold(word: str) -> str:
    """Lower case, accents dropped, æ/ø/å as a/o/a."""
    word = unicodedata.normalize("NFC", word).casefold().translate(_SINGLE)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def collapse(folded: str) -> str:
    """The spelling with aa/ae/oe as a/a/o: how `Aarhus` and `koege` meet `århus` and `køge`."""
    if "aa" not in folded and "ae" not in folded and "oe" not in folded:
        return folded
    return _TWO_LETTER.sub(lambda m: m.group(0)[0], folded)


def spellings(folded: str) -> tuple[str, ...]:
    other = collapse(folded)
    return (folded,) if other == folded else (folded, other)


STOP_WORDS = frozenset(s for w in _STOP.split() for s in spellings(fold(w)))


def _snowball(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("danish")
    return str(stemmer.stemWord(word))


@lru_cache(maxsize=65536)
def stem(folded: str) -> str:
    short = _SHORT_ROOT.match(folded)
    if short:
        return short.group(1)
    return _CLUSTER_R.sub("", _snowball(folded))


def stems(folded: str) -> tuple[str, ...]:
    """The word's stem, and the same with or without a final s: Snowball takes a final s
    for a genitive also where it belongs to the word (`indsats` → `indsat`, while
    `indsatsen` → `indsats`; `plads`, `pladsen`), so both are the word's stem."""
    root = stem(folded)
    if len(root) < PIECE_MIN:
        return (root,)
    return (root, root[:-1]) if root.endswith("s") else (root, root + "s")


def words(text: str) -> list[str]:
    """Folded words of a slot's text, stop words left out."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def terms(query: str) -> list[str]:
    """A query's folded words, once each, without stop words unless it has nothing else."""
    found = list(dict.fromkeys(fold(w) for w in _WORD.findall(query[:MAX_QUERY])))
    kept = [w for w in found if w not in STOP_WORDS] or found
    return kept[:MAX_WORDS]


def near(word: str, candidates: Iterable[str]) -> list[str]:
    """Candidates one edit (insert, delete, replace, swap two neighbours) from `word`."""
    if len(word) < TYPO_MIN:
        return []
    found = process.extract(word, candidates, scorer=_distance, score_cutoff=1, limit=None)
    return [str(candidate) for candidate, distance, _ in found if distance == 1]


def _distance(a: Sequence[Hashable], b: Sequence[Hashable], *, score_cutoff: float | None) -> float:
    return OSA.distance(a, b, score_cutoff=None if score_cutoff is None else int(score_cutoff))


def pieces(word: str, known: Callable[[str], bool]) -> list[str]:
    """The known words a compound is made of, longest first from the left (`jobcenterchef`
    → `jobcenter`, `chef` if both are known); a linking s or e between parts is skipped.
    Parts shorter than PIECE_MIN are not looked for; an unknown stretch is stepped over; a
    word longer than COMPOUND_MAX is not split."""
    found: list[str] = []
    if len(word) > COMPOUND_MAX:
        return found
    at = 0
    while len(word) - at >= PIECE_MIN:
        for end in range(len(word), at + PIECE_MIN - 1, -1):
            if known(word[at:end]):
                found.append(word[at:end])
                at = end
                if at < len(word) and word[at] in "se" and len(word) - at > PIECE_MIN:
                    at += 1
                break
        else:
            at += 1
    return found
