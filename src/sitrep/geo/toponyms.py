"""Candidate toponyms in English text: capitalised runs (with Arabic name particles), no statistical NER.

A *run* is a maximal sequence of name words separated by single spaces: capitalised words
("Idlib", "Ma'arrat", "Deir-ez-Zor"), particle-led hyphenated words ("al-Bab", "an-Nu'man") and
lower-case particles between or before name words ("Ras al Ain", "al Khalsiyeh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def _initial(text: str, pos: int, lower_bound: int) -> bool:
    """Whether position pos starts a sentence or clause (only punctuation/space before it)."""
    i = pos - 1
    while i >= lower_bound and text[i] in " \t\r\u00a0'‘’\"“":
        i -= 1
    return i < lower_bound or text[i] in _SENTENCE_BREAK


def tokenize(text: str, start: int, end: int, lex: CompiledLexicon) -> list[Token]:
    """Words of text[start:end] with their offsets and name properties."""
    tokens = []
    for m in _WORD.finditer(text, start, end):
        word, s, e = m.group(), m.start(), m.end()
        possessive = False
        if _POSSESSIVE.search(word) and len(word) > 3:
            nxt = text[e:e + 12].lstrip().split(" ", 1)[0].lower().split("-", 1)[0]
            if nxt not in lex.particles:
                word, e, possessive = word[:-2], e - 2, True
        name = _is_name_word(word, lex)
        particle = not name and word in lex.particles
        tokens.append(Token(word, s, e, name, particle, possessive, _initial(text, s, start)))
    return tokens


def runs(text: str, tokens: list[Token], lex: CompiledLexicon, *,
         blocked: list[tuple[int, int]] = ()) -> list[Run]:
    """Group tokens into runs of name words; blocked spans (actors) break runs and are skipped."""
    leading = lex.leading_particles
    out: list[Run] = []
    cur: list[Token] = []

    def close() -> None:
        while cur and cur[-1].particle:
            cur.pop()
        if cur:
            out.append(Run(list(cur)))
        cur.clear()

    for i, tok in enumerate(tokens):
        if any(tok.start < b_end and b_start < tok.end for b_start, b_end in blocked):
            close()
            continue
        joined = bool(cur) and not cur[-1].possessive and text[cur[-1].end:tok.start] == " "
        if tok.name:
            if not joined:
                close()
            cur.append(tok)
        elif tok.particle:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.name and text[tok.end:nxt.start] == " " \
                    and (joined or tok.text in leading):
                if not joined:
                    close()
                cur.append(tok)
            else:
                close()
        else:
            close()
    close()
    return out
