"""A faster drop-in for ``finditer`` over a big regex alternation (the trigger lexicon's one regex).

Python's ``re`` tries every alternative of an alternation at every position of the text: with ~300
cue patterns that is ~15 µs per character. ``PrefixIndexedPattern`` gives the SAME matches
(same positions, same winning alternative, same ``lastgroup``) by trying at each position only the
alternatives that can start there:

- each top-level alternative is parsed (``re._parser``) into the set of literal strings, at most
  ``k`` characters long, that any text it matches must start with (zero-width assertions are
  transparent, anything not enumerable ends the prefix: a necessary condition, never a sufficient one);
- one small prefilter regex (``(?=trie of those prefixes)``, with the alternatives' common leading
  look-behind when they share one) finds the positions where some alternative may start;
- at such a position the alternatives indexed under the next ``k`` characters are tried in their
  original order, as one cached sub-regex, with ``match(text, pos, endpos)``.

An alternative that may match the empty string or whose prefix cannot be enumerated makes the
whole pattern fall back to the original regex (``accelerated`` is then False).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from re import _casefix, _constants as C, _parser  # noqa: PLC2701 - the stdlib's own regex parser

import _sre

MAX_PREFIXES = 4096
"""Above this many prefixes for one alternative, a shorter prefix length is used."""
MAX_WINDOW_CACHE = 200_000

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
_LOOKBEHIND_SOURCE = re.compile(r"^\(\?P<\w+>(\(\?<[!=](?:\\.|[^()\\])*\))")


class _TooMany(Exception):
    """More prefixes than MAX_PREFIXES."""


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|(b|c)|[|]`` → ``a``, ``(b|c)``, ``[|]``)."""
    parts, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _class_end(pattern: str, i: int) -> int:
    """Index just after the character class opened at ``pattern[i] == '['``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _concat(left: set, right: set, k: int) -> set:
    """Prefix sets of a sequence: open strings of ``left`` continue with each string of ``right``."""
    out = set()
    for s, is_open in left:
        if not is_open or len(s) >= k:
            out.add((s[:k], False))
            continue
        for t, t_open in right:
            u = s + t
            out.add((u[:k], False) if len(u) >= k else (u, t_open))
    if len(out) > MAX_PREFIXES:
        raise _TooMany
    return out


def _chars(av, flags: int) -> set | None:
    """The characters a class matches, or None when it is too broad to enumerate."""
    out = set()
    for op, arg in av:
        if op is C.LITERAL:
            out.add(chr(arg))
        elif op is C.RANGE and arg[1] - arg[0] < 64:
            out.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return out


def _item(op, av, flags: int, k: int) -> set:
    """Prefix set of one parsed item: ``{(string, open)}``; open = the item ended, go on."""
    if op is C.LITERAL:
        return {(chr(av), True)}
    if op is C.IN:
        chars = _chars(av, flags)
        return {("", False)} if chars is None else {(c, True) for c in chars}
    if op in _ZERO_WIDTH:
        return {("", True)}
    if op is C.BRANCH:
        out = set()
        for seq in av[1]:
            out |= _sequence(seq, flags, k)
        return out
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(sub, (flags | add) & ~remove, k)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av, flags, k)
    if op in _REPEATS:
        return _repeat(av, flags, k)
    return {("", False)}


def _repeat(av, flags: int, k: int) -> set:
    lo, hi, sub = av
    one = _sequence(sub, flags, k)
    cur = {("", True)}
    for _ in range(min(lo, k + 1)):
        cur = _concat(cur, one, k)
    total = set(cur)
    extra = (hi - lo) if hi != C.MAXREPEAT else k + 1
    for _ in range(min(extra, k + 1)):
        cur = _concat(cur, one, k)
        total |= cur
        if not any(o and len(s) < k for s, o in cur):
            break
    return total


def _sequence(items, flags: int, k: int) -> set:
    out = {("", True)}
    for op, av in items:
        out = _concat(out, _item(op, av, flags, k), k)
        if not any(o and len(s) < k for s, o in out):
            break
    return out


def literal_prefixes(source: str, flags: int, *, k: int = 3) -> set[str]:
    """Strings (≤ k chars) one of which starts any match of ``source``; {""} when unknown."""
    parsed = _parser.parse(source, flags)
    for kk in range(k, 0, -1):
        try:
            found = _sequence(parsed.data, flags, kk)
        except _TooMany:
            continue
        return {s for s, _ in found}
    return {""}


def _ascii_variants(ch: str, ignorecase: bool) -> set[str]:
    """Lower-case ASCII characters that can match ``ch`` (the key side of the index)."""
    if not ignorecase:
        return {ch.lower()} if ch.isascii() else set()
    lo = _sre.unicode_tolower(ord(ch))
    codes = (lo, *_casefix._EXTRA_CASES.get(lo, ()))
    return {chr(c).lower() for c in codes if c < 128}


def _keys(prefix: str, ignorecase: bool) -> set[str]:
    """ASCII lower-case spellings of a prefix (usually exactly one)."""
    keys = {""}
    for ch in prefix:
        keys = {k + v for k in keys for v in _ascii_variants(ch, ignorecase)}
        if not keys:
            return set()
    return keys


def _trie_regex(strings: set[str]) -> str:
    """A regex source matching any of ``strings`` as a prefix, written as a trie."""
    minimal = sorted(s for s in strings if not any(s != t and s.startswith(t) for t in strings))
    trie: dict = {}
    for s in minimal:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
    return _trie_source(trie)


def _trie_source(node: dict) -> str:
    parts = [re.escape(ch) + (_trie_source(child) if child else "") for ch, child in sorted(node.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _common_lookbehind(alternatives: list[str], flags: int) -> str:
    """The look-behind every alternative starts with (``(?P<g>(?<![\\w-])...``), or ""."""
    sources = set()
    for alt in alternatives:
        m = _LOOKBEHIND_SOURCE.match(alt)
        if m is None:
            return ""
        sources.add(m.group(1))
    if len(sources) != 1:
        return ""
    source = sources.pop()
    want = repr(_parser.parse(source, flags).data[0])
    for alt in alternatives:
        first = _parser.parse(alt, flags).data[0]
        if first[0] is not C.SUBPATTERN or not first[1][3].data or repr(first[1][3].data[0]) != want:
            return ""
    return source


class PrefixIndexedPattern:
    """``finditer`` with the same results as ``regex.finditer``; other attributes are the regex's own."""

    def __init__(self, regex: re.Pattern, *, k: int = 3) -> None:
        self.regex = regex
        self.k = k
        self.flags = regex.flags
        self.alternatives = split_alternatives(regex.pattern)
        self._subs: dict[tuple[int, ...], re.Pattern] = {}
        self._windows: dict[str, re.Pattern | None] = {}
        self.accelerated = self._build()

    def __getattr__(self, name: str):
        return getattr(self.regex, name)

    def _build(self) -> bool:
        """Index the alternatives by prefix; False when the pattern cannot be accelerated."""
        ignorecase = bool(self.flags & re.IGNORECASE)
        self.index: dict[str, list[int]] = {}
        prefixes: set[str] = set()
        for i, alt in enumerate(self.alternatives):
            try:
                lo, _hi = _parser.parse(alt, self.flags).getwidth()
                if lo == 0:
                    return False
                found = literal_prefixes(alt, self.flags, k=self.k)
            except re.error:
                return False
            if "" in found:
                return False
            prefixes |= found
            for p in found:
                for key in _keys(p, ignorecase):
                    self.index.setdefault(key, []).append(i)
        if len(self.alternatives) < 2:
            return False
        behind = _common_lookbehind(self.alternatives, self.flags)
        self.prefilter = re.compile(f"{behind}(?={_trie_regex(prefixes)})", self.flags)
        return True

    def _sub(self, indices: tuple[int, ...]) -> re.Pattern:
        sub = self._subs.get(indices)
        if sub is None:
            sub = re.compile("|".join(self.alternatives[i] for i in indices), self.flags)
            self._subs[indices] = sub
        return sub

    def _for_window(self, window: str) -> re.Pattern | None:
        """The sub-regex of the alternatives that may start with ``window`` (ASCII, lower-cased)."""
        hit = self._windows.get(window, False)
        if hit is not False:
            return hit
        found: set[int] = set()
        for n in range(1, len(window) + 1):
            found.update(self.index.get(window[:n], ()))
        sub = self._sub(tuple(sorted(found))) if found else None
        if len(self._windows) > MAX_WINDOW_CACHE:
            self._windows.clear()
        self._windows[window] = sub
        return sub

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """Matches in order, leftmost first, non-overlapping: exactly ``regex.finditer(text, pos, endpos)``."""
        if not self.accelerated:
            yield from self.regex.finditer(text, pos, len(text) if endpos is None else endpos)
            return
        end = len(text) if endpos is None else min(endpos, len(text))
        k, after = self.k, pos
        for cand in self.prefilter.finditer(text, pos, end):
            p = cand.start()
            if p < after:
                continue
            window = text[p : min(p + k, end)]
            sub = self._for_window(window.lower()) if window.isascii() else self.regex
            if sub is None:
                continue
            m = sub.match(text, p, end)
            if m is not None:
                after = m.end()
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match: exactly ``regex.search(text, pos, endpos)`` (the first match of ``finditer``)."""
        if not self.accelerated:
            return self.regex.search(text, pos, len(text) if endpos is None else endpos)
        end = len(text) if endpos is None else min(endpos, len(text))
        k = self.k
        for cand in self.prefilter.finditer(text, pos, end):
            p = cand.start()
            window = text[p : min(p + k, end)]
            sub = self._for_window(window.lower()) if window.isascii() else self.regex
            if sub is None:
                continue
            m = sub.match(text, p, end)
            if m is not None:
                return m
        return None

    def findall_spans(self, text: str) -> list[tuple[int, int, str | None]]:
        """(start, end, lastgroup) of every match: handy for equivalence checks."""
        return [(m.start(), m.end(), m.lastgroup) for m in self.finditer(text)]


# ------------------------------------------------------------------ searches answered per document

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _TextView:
    """What every ``IndexedSearch`` needs of one text: its lower-case form and its non-ASCII positions."""

    __slots__ = ("text", "low", "non_ascii")

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        self.low: str | None = low
        self.non_ascii: tuple[int, ...] = ()
        if not text.isascii():
            self.non_ascii = tuple(m.start() for m in _NON_ASCII.finditer(text))
            if folds_to_ascii(text):
                self.low = None  # "İ" lower-cases to two characters; K, ſ, ı match ASCII letters


_ASCII_FOLDING = frozenset("\u0130\u0131\u017f\u212a")
"""The non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter (İ ı ſ K)."""


def folds_to_ascii(text: str) -> bool:
    """Whether ``text`` holds one of the non-ASCII letters that ``re.IGNORECASE`` matches with an ASCII
    one (İ ı ſ K). Where it does not, a case-insensitive regex matches ASCII letters exactly where the
    lower-cased text has them."""
    return not text.isascii() and not _ASCII_FOLDING.isdisjoint(text)
_VIEW: list[_TextView | None] = [None]
SHORT_TEXT = 256
"""Texts shorter than this are searched directly (a window cut out of a document, a label)."""
MAX_KEYS = 64
"""A regex with more prefix spellings than this is searched directly (listing them would cost more)."""
INDEX_AFTER = 4
"""A text is indexed for a regex at its 4th search (a regex asked about once or twice searches directly)."""


def _view(text: str) -> _TextView:
    view = _VIEW[0]
    if view is None or view.text is not text:
        view = _VIEW[0] = _TextView(text)
    return view


class IndexedSearch:
    """``regex.search(text, pos, endpos)`` for many windows of one text, with the same result.

    The first time a text is seen, the positions where a match may start are listed once: the
    occurrences (in the lower-cased text) of the ASCII spellings of the regex's literal prefixes
    (``literal_prefixes``, a necessary condition), plus, when some prefix has a non-ASCII character,
    every position within ``k`` characters before a non-ASCII character of the text. (A text with one
    of the four non-ASCII letters that ``re.IGNORECASE`` matches with ASCII ones is searched directly.) A search then tries ``regex.match`` at
    the listed positions of its window only, in order: the first match is the one ``search`` finds,
    because no match can start anywhere else. Regexes whose prefixes cannot be enumerated, and texts
    whose lower-case form changes length, use ``regex.search`` itself. Given a ``PrefixIndexedPattern``,
    only the alternatives that may start at a position are tried there (its own rule)."""

    def __init__(self, regex: re.Pattern | PrefixIndexedPattern, *, k: int = 3, max_keys: int = MAX_KEYS) -> None:
        self.windowed = regex if isinstance(regex, PrefixIndexedPattern) and regex.accelerated else None
        regex = regex.regex if isinstance(regex, PrefixIndexedPattern) else regex
        self.regex = regex
        self.k = k
        try:
            lo, _hi = _parser.parse(regex.pattern, regex.flags).getwidth()
            prefixes = literal_prefixes(regex.pattern, regex.flags, k=k)
        except re.error:
            lo, prefixes = 0, {""}
        ignorecase = bool(regex.flags & re.IGNORECASE)
        keys: set[str] = set()
        for p in prefixes:
            keys |= _keys(p, ignorecase)
        self.keys = tuple(sorted(k for k in keys if k))
        self.non_ascii_prefix = any(not p.isascii() for p in prefixes)
        self.accelerated = lo > 0 and "" not in prefixes and 0 < len(self.keys) <= max_keys
        self._state: tuple[str | None, list[int] | None, int] = (None, None, 0)

    def __getattr__(self, name: str):
        return getattr(self.regex, name)

    def starts(self, text: str) -> list[int] | None:
        """Sorted positions of ``text`` where a match may start; None (search directly) for the first
        ``INDEX_AFTER`` searches of a text, and for texts or regexes that cannot be indexed."""
        state = self._state  # (text, starts, searches): one tuple, replaced whole (safe across threads)
        if state[0] is not text:
            state = (text, None, 0)
        _text, starts, seen = state
        if starts is None and self.accelerated:
            seen += 1
            if seen == INDEX_AFTER:
                starts = self._index(text)
            state = (text, starts, seen)
        self._state = state
        return starts

    def _index(self, text: str) -> list[int] | None:
        view = _view(text)
        if view.low is None:
            return None
        low, found = view.low, set()
        for key in self.keys:
            i = low.find(key)
            while i >= 0:
                found.add(i)
                i = low.find(key, i + 1)
        if self.non_ascii_prefix:
            for q in view.non_ascii:
                found.update(range(max(0, q - self.k + 1), q + 1))
        return sorted(found)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """Exactly ``regex.search(text, pos, endpos)``."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if len(text) < SHORT_TEXT and text is not self._state[0]:
            return self.regex.search(text, pos, end)  # a slice: not worth an index (and keeps the text's)
        starts = self.starts(text)
        if starts is None:
            return self.regex.search(text, pos, end)
        if self.windowed is not None:
            return self._search_windowed(text, starts, pos, end)
        match = self.regex.match
        for i in range(bisect_left(starts, pos), len(starts)):
            p = starts[i]
            if p >= end:
                return None
            m = match(text, p, end)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """Exactly ``regex.finditer(text, pos, endpos)`` for a regex that never matches the empty string."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if not self.accelerated:
            yield from self.regex.finditer(text, pos, end)
            return
        m = self.search(text, pos, end)
        while m is not None:
            yield m
            m = self.search(text, m.end(), end)

    def _search_windowed(self, text: str, starts: list[int], pos: int, end: int) -> re.Match | None:
        windowed = self.windowed
        k = windowed.k
        for i in range(bisect_left(starts, pos), len(starts)):
            p = starts[i]
            if p >= end:
                return None
            window = text[p : min(p + k, end)]
            sub = windowed._for_window(window.lower()) if window.isascii() else self.regex
            if sub is None:
                continue
            m = sub.match(text, p, end)
            if m is not None:
                return m
        return None
