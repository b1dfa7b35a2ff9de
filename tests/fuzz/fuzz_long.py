"""Long, coverage-guided fuzzing of ingest and extraction with atheris (libFuzzer), outside pytest.

    python tests/fuzz/fuzz_long.py readers -- -max_total_time=600 -timeout=30
    python tests/fuzz/fuzz_long.py engine  -- -max_total_time=600 -timeout=60 -rss_limit_mb=4096

``readers``: the input bytes become a .txt, .html or .jsonl file (the first byte chooses) read by
``read_inputs``; every item must be an Article (non-empty, within the length limit) or an InputError
naming the file. ``engine``: the input becomes a document's text (UTF-8, errors replaced), processed
by the guarded Engine; a ProcessingError or an invalid offset is a crash. libFuzzer's ``-timeout``
turns a hang (one input slower than that) into a reported crash; ``-runs=N`` bounds the cases.
Crash inputs are written by libFuzzer as ``crash-*`` / ``timeout-*`` files in the current directory.
Unless given, a dictionary of the test vocabulary and a seed corpus (the example articles) are made
under ``build/fuzz/TARGET`` (env SITREP_FUZZ_DIR); the corpus grows there from run to run.
atheris is optional (pip install atheris==3.0.0); without it, run the Hypothesis properties long:
``SITREP_FUZZ_PROFILE=fuzz-long SITREP_FUZZ_EXAMPLES=20000 pytest tests/fuzz``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

EXTENSIONS = (".txt", ".html", ".jsonl")


def _readers_target():
    """TestOneInput for the readers."""
    from sitrep.errors import InputError
    from sitrep.ingest import read_inputs
    from sitrep.model import Article

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-fuzz-"))

    def one(data: bytes) -> None:
        if not data:
            return
        path = tmp / f"doc{EXTENSIONS[data[0] % len(EXTENSIONS)]}"
        path.write_bytes(data[1:])
        items = list(read_inputs([path]))
        if not items:
            raise AssertionError("no article and no error")
        for item in items:
            if isinstance(item, InputError):
                if item.path != str(path):
                    raise AssertionError(f"error without the file name: {item}")
            elif not (isinstance(item, Article) and item.text.strip() and len(item.text) <= 500_000):
                raise AssertionError(f"bad article: {item!r}")

    return one


def _engine_target():
    """TestOneInput for the guarded Engine."""
    from fuzz_support import offset_problems

    from sitrep.errors import InputError
    from sitrep.model import Article
    from sitrep.pipeline import Engine, process_guarded

    engine = Engine()

    def one(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        result = process_guarded(engine, Article("fuzz", text, path="fuzz.txt"), time_budget=None)
        if isinstance(result, InputError):
            raise AssertionError(f"extraction crashed: {result}")
        problems = offset_problems(result)
        if problems:
            raise AssertionError(f"invalid offsets: {problems[:3]}")

    return one


def _prepare(target: str, args: list[str]) -> list[str]:
    """libFuzzer arguments: a dictionary of the test vocabulary and a seed corpus unless given."""
    from fuzz_support import VOCABULARY

    work = Path(os.environ.get("SITREP_FUZZ_DIR", "build/fuzz")) / target
    work.mkdir(parents=True, exist_ok=True)
    if not any(a.startswith("-dict=") for a in args):
        words = sorted({w for w in VOCABULARY if w.strip()} | {"<html>", "<p>", "</p>", '{"id": "a", "text": "', '"}'})
        (work / "sitrep.dict").write_text(
            "".join('"' + w.encode("utf-8").decode("latin-1").encode("unicode_escape").decode("ascii")
                    .replace('"', "\\x22") + '"\n' for w in words),
            encoding="ascii",
        )
        args.append(f"-dict={work / 'sitrep.dict'}")
    if not any(not a.startswith("-") for a in args[1:]):
        corpus = work / "corpus"
        corpus.mkdir(exist_ok=True)
        examples = Path(__file__).resolve().parents[2] / "examples" / "articles"
        for n, f in enumerate(sorted(examples.glob("*"))):
            prefix = bytes([EXTENSIONS.index(f.suffix) if f.suffix in EXTENSIONS else 0]) if target == "readers" else b""
            (corpus / f"seed-{n}").write_bytes(prefix + f.read_bytes())
        args.append(str(corpus))
    return args


def main() -> None:
    """Pick the target, instrument sitrep's own modules and run libFuzzer."""
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed (pip install atheris==3.0.0); see this file's docstring")
    if len(sys.argv) < 2 or sys.argv[1] not in ("readers", "engine"):
        sys.exit(__doc__)
    target = sys.argv[1]
    args = _prepare(target, [sys.argv[0], *[a for a in sys.argv[2:] if a != "--"]])
    with atheris.instrument_imports(include=["sitrep"]):
        one = _readers_target() if target == "readers" else _engine_target()
    os.environ.setdefault("SITREP_FUZZ", target)
    atheris.Setup(args, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
