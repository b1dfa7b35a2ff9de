"""A generator of any number of distinct news articles for throughput and memory benchmarks.

Conflict articles recombine sentences of the material at hand, read at run time and never copied
into the repository: our own examples (``examples/articles``) and, when ``../shared/corpus`` is
present, the seed articles' ``.txt`` and the notes of the ACLED exports. A conflict article has a
first line (a short sentence), then 3-10 paragraphs of 1-4 sentences, each drawn from a source picked
with ``SOURCE_WEIGHTS`` (seed sentences carry the background, quotes and figures of real reporting,
notes are dense one-event descriptions). Non-conflict articles are built the same way from
``neutral.py`` (our own templates; a sentence with a cue word at rate ``CUE_WORD_RATE``).
Every article is distinct (a content hash is checked); the stream is deterministic for a seed and
is generated lazily, so a 100,000-article run holds only the sentence pools.

    python bench/corpus.py --articles 1000 --conflict-share 0.25 -o /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import neutral

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
SOURCE_WEIGHTS = {"seeds": 0.5, "notes": 0.4, "examples": 0.1}
"""Share of a conflict article's sentences drawn from each source (renormalised over those present)."""
CUE_WORD_RATE = 0.03
"""Share of a non-conflict article's sentences that use a conflict cue word (sport, accidents)."""
OUTLETS = ("The Daily Ledger", "Horizon News", "Capital Times", "Frontline Wire", "Morning Post", "Regional Herald")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"])")
_NOTE_BOILERPLATE = re.compile(r"\s*\[(?:size|women targeted)[^\]]*\]\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Pools:
    """Sentences to recombine, by source."""

    seeds: list[str] = field(default_factory=list)  # sentences of the seed articles
    notes: list[str] = field(default_factory=list)  # ACLED notes (one event each)
    examples: list[str] = field(default_factory=list)  # sentences of our examples
    firsts: list[str] = field(default_factory=list)  # short sentences usable as a first line

    def conflict(self) -> list[str]:
        return self.seeds + self.notes + self.examples

    def describe(self) -> str:
        return f"{len(self.seeds)} seed sentences, {len(self.notes)} ACLED notes, {len(self.examples)} example sentences"


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (paragraph breaks always end one); good enough for recombination."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = " ".join(para.split())
        if para:
            out.extend(s.strip() for s in _SENTENCE_END.split(para) if len(s.strip()) > 2)
    return out


def load_pools(*, shared: Path = SHARED, examples: Path = ROOT / "examples" / "articles") -> Pools:
    """Read the sources present on this machine."""
    pools = Pools()
    for path in sorted(examples.glob("*")):
        pools.examples.extend(_example_sentences(path))
    if (shared / "seeds").is_dir():
        for path in sorted((shared / "seeds").glob("*.txt")):
            sentences = split_sentences(path.read_text(encoding="utf-8"))
            pools.seeds.extend(sentences)
    for csv_path in sorted(shared.glob("acled-*/events.csv")):
        with csv_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                note = _NOTE_BOILERPLATE.sub("", (row.get("notes") or "").strip())
                if note:
                    pools.notes.append(note)
    pools.firsts = [s for s in pools.conflict() if 25 <= len(s) <= 120]
    if not pools.conflict():
        raise SystemExit("no source sentences found (examples/articles missing?)")
    return pools


def _example_sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [s for line in text.splitlines() if line.strip() for s in split_sentences(json.loads(line).get("text", ""))]
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<(?:p|br|h\d|li|div)[^>]*>", "\n", text, flags=re.I)
        text = re.sub(r"<[^>]+>", " ", text)
    return split_sentences(text)


class Generator:
    """Deterministic stream of distinct articles: ``(doc_id, text, published, outlet, is_conflict)``."""

    def __init__(self, pools: Pools, *, seed: int = 7, conflict_share: float = 0.25) -> None:
        self.pools = pools
        self.rng = random.Random(seed)
        self.conflict_share = conflict_share
        self.conflict_pool = pools.conflict()
        present = [(getattr(pools, k), w) for k, w in SOURCE_WEIGHTS.items() if getattr(pools, k)]
        self._sources = [p for p, _ in present]
        self._weights = [w for _, w in present]
        self._seen: set[bytes] = set()

    def __iter__(self) -> Iterator[dict]:
        i = 0
        while True:
            conflict = self.rng.random() < self.conflict_share
            text = self._conflict() if conflict else self._neutral()
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
            if digest in self._seen:
                continue
            self._seen.add(digest)
            i += 1
            published = date(2019, 1, 1) + timedelta(days=self.rng.randrange(6 * 365))
            yield {"id": f"gen-{i:06d}", "text": text, "published": published.isoformat(),
                   "outlet": self.rng.choice(OUTLETS), "conflict": conflict}  # fmt: skip

    def take(self, n: int) -> Iterator[dict]:
        for i, art in enumerate(self):
            if i >= n:
                return
            yield art

    def _paragraphs(self, pick, first: str) -> str:
        paras = [first]
        for _ in range(self.rng.randint(3, 10)):
            paras.append(" ".join(pick() for _ in range(self.rng.randint(1, 4))))
        return "\n\n".join(paras)

    def _conflict(self) -> str:
        rng = self.rng
        first = rng.choice(self.pools.firsts) if self.pools.firsts else rng.choice(self.conflict_pool)

        def pick() -> str:
            source = rng.choices(self._sources, weights=self._weights)[0]
            return rng.choice(source)

        return self._paragraphs(pick, first.rstrip("."))

    def _neutral(self) -> str:
        rng = self.rng

        def pick() -> str:
            pool = neutral.CUE_WORD_SENTENCES if rng.random() < CUE_WORD_RATE else neutral.SENTENCES
            return self._fill(rng.choice(pool))

        return self._paragraphs(pick, self._fill(rng.choice(neutral.HEADLINES)))

    def _fill(self, template: str) -> str:
        r = self.rng
        a, b = r.sample(neutral.TOWNS, 2)
        t1, t2 = r.sample(neutral.TEAMS, 2)
        c1, c2 = r.sample(neutral.COMPANIES, 2)
        return template.format(
            town=a, town2=b, team=t1, team2=t2, company=c1, company2=c2, name=r.choice(neutral.NAMES),
            weekday=r.choice(neutral.WEEKDAYS), month=r.choice(neutral.MONTHS), n=r.randint(2, 60),
            n2=r.randint(1, 40), big=f"{r.randint(2, 90) * 1000:,}", pct=f"{r.randint(1, 150) / 10:.1f}",
        )  # fmt: skip


def articles(n: int, *, seed: int = 7, conflict_share: float = 0.25, pools: Pools | None = None) -> Iterator[dict]:
    """``n`` generated articles (dicts in sitrep's JSONL input shape plus ``conflict``)."""
    yield from Generator(pools or load_pools(), seed=seed, conflict_share=conflict_share).take(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--conflict-share", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    args = ap.parse_args()
    pools = load_pools()
    with args.output.open("w", encoding="utf-8") as fh:
        for art in articles(args.articles, seed=args.seed, conflict_share=args.conflict_share, pools=pools):
            art.pop("conflict")
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    print(f"{args.articles} articles → {args.output} ({pools.describe()})", file=sys.stderr)


if __name__ == "__main__":
    main()
