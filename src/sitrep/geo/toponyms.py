"""Candidate toponyms in English text: capitalised runs (with Arabic name particles), no statistical NER.

A *run* is a maximal sequence of name words separated by single spaces: capitalised words
("Idlib", "Ma'arrat", "Deir-ez-Zor"), particle-led hyphenated words ("al-Bab", "an-Nu'man") and
lower-case particles between or before name words ("Ras al Ain", "al Khalsiyeh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.geo.lexicon import CompiledLexicon

_WORD = re.compile(r"[^\W\d_](?:[\w'’‘`ʿʾ-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_BREAK = set('.!?:;"“”()[]\n')


@dataclass(slots=True)
class Token:
    """A word of the text with absolute offsets."""

    text: str
    start: int
    end: int
    name: bool  # can be part of a name (capitalised or particle-led)
    particle: bool  # a lower-case name particle ("al", "bin")
    possessive: bool  # the word ended in 's (stripped from text/end)
    initial: bool  # first word of a sentence or clause


@dataclass(slots=True)
class Run:
    """A maximal sequence of name tokens."""

    tokens: list[Token]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _is_name_word(word: str, lex: CompiledLexicon) -> bool:
    """Capitalised, or a particle joined by a hyphen to a capitalised word ("al-Bab")."""
    if word[0].isupper():
        return True
    head, sep, rest = word.partition("-")
    return bool(sep) and head in lex.particles and rest[:1].isupper()


_BEFORE_INITIAL = " \t\r\u00a0'‘’\"“"  # what may stand between a sentence break and its first word


def _initial(text: str, pos: int, lower_bound: int) -> bool:
    """Whether position pos starts a sentence or clause (only punctuation/space before it)."""
    i = pos - 1
    while i >= lower_bound and text[i] in _BEFORE_INITIAL:
        i -= 1
    return i < lower_bound or text[i] in _SENTENCE_BREAK


def tokenize(text: str, start: int, end: int, lex: CompiledLexicon) -> list[Token]:
    """Words of text[start:end] with their offsets and name properties."""
    return [_token_at(text, m, lex, start) for m in _WORD.finditer(text, start, end)]


_WORD_PUNCT = "_'’‘`ʿʾ-"  # with letters and digits, the characters of ``_WORD``


@lru_cache(maxsize=4)
def _particle_before(particles: frozenset[str]) -> re.Pattern[str]:
    """A particle word followed by one space, at the end of the searched window (a particle is a
    plain lower-case word: its ``_WORD`` match is itself)."""
    alt = "|".join(sorted((re.escape(p) for p in particles if p.isalpha()), key=len, reverse=True)) or "(?!)"
    return re.compile(r"(?<![\w'’‘`ʿʾ-])(?:" + alt + r")(?= $)")


@lru_cache(maxsize=4)
def _particle_ends(particles: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The one-letter particles, and the last two letters of the others (a quick test before the search)."""
    return frozenset(p for p in particles if len(p) == 1), frozenset(p[-2:] for p in particles if len(p) > 1)


_UPPER_RUN = re.compile(r"[A-Z\x80-\U0010ffff](?<=[^\W\d_a-z])[\w'’‘`ʿʾ-]*")
r"""From a letter other than a-z to the end of its word. The scan skips quickly to A-Z or a non-ASCII
character (a plain range); the lookbehind then checks that it is such a letter (same matches as a
pattern starting with ``[^\W\d_a-z]``, which is much slower to scan for)."""


def _token_at(text: str, m: re.Match[str], lex: CompiledLexicon, lower_bound: int = 0) -> Token:
    """The token of the word m (a match of ``_WORD``) in text searched from ``lower_bound`` (an initial
    word has only punctuation or space between it and ``lower_bound``)."""
    word, s, e = m.group(), m.start(), m.end()
    possessive = False
    if _POSSESSIVE.search(word) and len(word) > 3:
        nxt = text[e:e + 12].lstrip().split(" ", 1)[0].lower().split("-", 1)[0]
        if nxt not in lex.particles:
            word, e, possessive = word[:-2], e - 2, True
    name = _is_name_word(word, lex)
    return Token(word, s, e, name, not name and word in lex.particles, possessive, _initial(text, s, lower_bound))


def _word_containing(text: str, pos: int) -> re.Match[str] | None:
    """The ``_WORD`` match of the stretch of word characters around text[pos]."""
    i = pos
    while i > 0 and _word_char(text[i - 1]):
        i -= 1
    return _WORD.search(text, i)


def name_tokens(text: str, lex: CompiledLexicon) -> list[Token]:
    """The tokens of the whole text that can matter to :func:`runs`, as :func:`tokenize` makes them.

    These are the name tokens, and the particles right before a name (one space apart). Other tokens
    only break runs, which the gap between the kept tokens around them does too. A name word always
    holds a letter that is not a-z (its capital), which one fast scan finds."""
    tokens: list[Token] = []
    particles = lex.particles
    one_letter, last_two = _particle_ends(particles)
    for hit in _UPPER_RUN.finditer(text):
        s = hit.start()
        prev = text[s - 1] if s else ""
        if prev != " " and (prev.isalnum() or prev in _WORD_PUNCT):
            m = _word_containing(text, s)  # the capital is inside a word ("al-Bab", "'Idlib", "McCain")
            if m is None:
                continue
            word, s, e = m.group(), m.start(), m.end()
            prev = text[s - 1] if s else ""
        else:  # the word starts at the capital and ends at its last letter or digit
            word = hit[0].rstrip("_'’‘`-")
            e = s + len(word)
        possessive = False
        if word[-1] == "s" and len(word) > 3 and word[-2] in "'’":
            nxt = text[e:e + 12].lstrip().split(" ", 1)[0].lower().split("-", 1)[0]
            if nxt not in particles:
                word, e, possessive = word[:-2], e - 2, True
        if not word[0].isupper() and not _is_name_word(word, lex):
            continue
        # _initial(text, s, 0), inline: i is the last position before the word not in _BEFORE_INITIAL, or -1
        i = s - 1
        if prev == " " and s >= 2 and text[s - 2] not in _BEFORE_INITIAL:  # one space after a word: maybe a particle
            i = s - 2
            if (text[s - 3:s - 1] in last_two or text[i] in one_letter) \
                    and (pm := _particle_before(particles).search(text, max(0, s - 8), s)):
                before = _token_at(text, pm, lex)  # "al" in "Ras al Ain" (a particle is one plain word)
                if before.particle and before.end == s - 1:
                    tokens.append(before)
        else:
            while i >= 0 and text[i] in _BEFORE_INITIAL:
                i -= 1
        tokens.append(Token(word, s, e, True, False, possessive, i < 0 or text[i] in _SENTENCE_BREAK))
    return tokens


def _word_char(ch: str) -> bool:
    """A character of the class that words are made of (letters, digits, _ and apostrophes/hyphens)."""
    return ch.isalnum() or ch in _WORD_PUNCT


def cuts_word(text: str, pos: int) -> bool:
    """Whether pos lies strictly inside a word of the text (so a scan bounded there sees another word)."""
    if pos <= 0 or pos >= len(text) or not (_word_char(text[pos - 1]) and _word_char(text[pos])):
        return False
    i = pos - 1
    while i > 0 and _word_char(text[i - 1]):
        i -= 1
    m = _WORD.search(text, i)
    return m is not None and m.start() < pos < m.end()


def first_initial(text: str, token: Token, lower_bound: int) -> Token:
    """The token as the first word of text[lower_bound:...] sees it (a copy if its ``initial`` differs)."""
    initial = _initial(text, token.start, lower_bound)
    if initial == token.initial:
        return token
    return Token(token.text, token.start, token.end, token.name, token.particle, token.possessive, initial)


def _close(cur: list[Token], out: list[Run]) -> None:
    """End the current run: drop its trailing particles, keep the rest."""
    while cur and cur[-1].particle:
        cur.pop()
    if cur:
        out.append(Run(cur))


def runs(text: str, tokens: list[Token], lex: CompiledLexicon, *,
         blocked: list[tuple[int, int]] = ()) -> list[Run]:
    """Group tokens into runs of name words; blocked spans (actors) break runs and are skipped."""
    leading = lex.leading_particles
    out: list[Run] = []
    cur: list[Token] = []
    joins_at = -2  # one before where the next token must start to join the current run (-2: it cannot)
    last = len(tokens) - 1
    lo, hi = (min(b[0] for b in blocked), max(b[1] for b in blocked)) if blocked else (0, 0)
    for i, tok in enumerate(tokens):  # tokens outside [lo, hi) meet no blocked span
        if tok.start < hi and lo < tok.end \
                and any(tok.start < b_end and b_start < tok.end for b_start, b_end in blocked):
            keep = False
        else:
            # joined: one space after the current run's last token, which is not a possessive
            joined = tok.start - 1 == joins_at and text[joins_at] == " "
            # keep: a name word, or a particle one space before a name that continues a run or may lead one
            keep = tok.name or (tok.particle and i < last and (nxt := tokens[i + 1]).name
                                and nxt.start == tok.end + 1 and text[tok.end] == " "
                                and (joined or tok.text in leading))
            if keep and (joined or not cur):  # the token extends the current run (or starts the first one)
                cur.append(tok)
                joins_at = -2 if tok.possessive else tok.end
                continue
        if cur:  # the current run ends (a new one starts with the token if it is kept)
            if cur[-1].particle:
                _close(cur, out)
            else:
                out.append(Run(cur))
        if keep:
            cur = [tok]
            joins_at = -2 if tok.possessive else tok.end
        elif cur:
            cur, joins_at = [], -2
    if cur:
        _close(cur, out)
    return out
