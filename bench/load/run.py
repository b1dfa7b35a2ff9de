"""Load test of the API on loopback: N concurrent clients for D seconds against `sitrep serve` (a benchmark,
not a unit test). Bounded: at most 600 s and 2000 clients; the server listens on 127.0.0.1 only.

    python bench/load/make_db.py --db sqlite:///build/load/load.db          # once: 100,000 incidents
    python bench/load/run.py --db sqlite:///build/load/load.db --clients 200 --duration 60 --think 1,3
    python bench/load/run.py --db postgresql://sitrep:sitrep@127.0.0.1:5432/sitrep_load --clients 200 ...

Each client is one keep-alive HTTP/1.1 connection (raw asyncio streams, so that the load generator
costs the machine little) that repeats requests drawn from a fixed mix of what API users and the web
app ask (filtered listings, incident and document pages, map pages of 1000 incidents, timelines,
facets, actor searches, other listings, static files), waiting ``--think`` seconds (uniform between
the two bounds) between them; ``--think 0`` is a closed loop (each client sends as soon as its
answer arrives: a saturation test). Errors are any status but 200, a broken connection or no answer
within 10 s. Prints a table and writes ``--json FILE`` with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

MAX_DURATION = 600
MAX_CLIENTS = 2000
REQUEST_TIMEOUT = 10.0
COUNTRIES = ["Syria", "Yemen", "Somalia", "Nigeria", "Ukraine", "Sudan", "Myanmar", "Mali", "Burkina Faso", "DR Congo"]
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]
GRADES = ["single source", "corroborated", "contested"]
ACTOR_WORDS = ["rebel", "military", "police", "militia", "protesters", "civilians", "unidentified"]


def _month(rng: random.Random) -> tuple[str, str]:
    """A random month of 2022-2024 as (first day, last day)."""
    y, m = rng.choice([2022, 2023, 2024]), rng.randint(1, 12)
    return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"


def _listing(rng: random.Random) -> str:
    """A filtered incident listing, as an API user or the web app's list asks it."""
    p: dict[str, str | int] = {}
    if rng.random() < 0.7:
        p["country"] = rng.choice(COUNTRIES)
    if rng.random() < 0.4:
        p["event_type"] = rng.choice(TYPES)
    if rng.random() < 0.4:
        p["from"], p["to"] = _month(rng)
    if rng.random() < 0.15:
        p["grade"] = rng.choice(GRADES)
    p["limit"] = rng.choice([50, 100, 100, 200])
    p["offset"] = rng.choice([0, 0, 0, 100, 200])
    return "/api/incidents?" + urlencode(p)


SIZE = {"incidents": 100_000, "documents": 30_000}
"""How many incidents and documents the database holds (make_db.py numbers them): read from /api/facets."""

MIX: list[tuple[str, int, object]] = [
    ("listing", 30, _listing),
    ("incident", 20, lambda r: f"/api/incidents/SR-{r.randrange(SIZE['incidents']):07d}"),
    ("document", 12, lambda r: f"/api/documents/doc-{r.randrange(SIZE['documents']):06d}"),
    ("map", 8, lambda r: "/api/incidents?" + urlencode({"format": "geojson", "limit": 1000,
                                                       "country": r.choice(COUNTRIES),
                                                       "from": f"{r.choice([2022, 2023, 2024])}-01-01",
                                                       "to": f"{r.choice([2022, 2023, 2024])}-12-31"})),
    ("timeline", 6, lambda r: "/api/timeline?" + urlencode({"country": r.choice(COUNTRIES)})),
    ("facets", 4, lambda r: "/api/facets"),
    ("actor", 5, lambda r: "/api/incidents?" + urlencode({"actor": r.choice(ACTOR_WORDS), "limit": 50,
                                                         "country": r.choice(COUNTRIES)})),
    ("other", 10, lambda r: r.choice([f"/api/documents?limit=50&offset={r.randrange(0, 2000, 50)}",
                                      "/api/contradictions?limit=50", "/api/framing?actor=military&limit=50",
                                      "/api/aggregates?quantity=displaced&limit=50"])),
    ("static", 5, lambda r: r.choice(["/", "/static/app.js", "/static/style.css"])),
]


class Stats:
    """Latencies and outcomes per request kind."""

    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []
        self.bytes = 0
        self.hits = 0

    def ok(self, kind: str, seconds: float, size: int) -> None:
        self.latency[kind].append(seconds)
        self.bytes += size

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 20:
            self.samples.append(f"{kind}: {what}")


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, target: str,
                   keep: list | None = None) -> tuple[int, int]:
    """One GET on a keep-alive connection; (status, body bytes); the body is appended to ``keep`` if given."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode("latin-1"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if headers.get("x-sitrep-cache") == "hit":
        status = -status  # served from the server's response cache (counted apart, still a success)
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
        if keep is not None:
            keep.append(body)
        return status, len(body)
    size = 0
    while True:  # chunked
        n = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(n + 2)
        size += n
        if n == 0:
            return status, size


async def _client(n: int, base: tuple[str, int], deadline: float, think: tuple[float, float], stats: Stats,
                  seed: int) -> None:
    """One client: connect, then requests from the mix until the deadline (reconnecting after errors)."""
    rng = random.Random(seed * 7919 + n)
    kinds = [k for k, w, _ in MIX for _ in range(w)]
    makers = {k: f for k, _, f in MIX}
    host = f"{base[0]}:{base[1]}"
    await asyncio.sleep(rng.uniform(0, max(think[1], 0.5)))  # no thundering herd at t=0
    reader = writer = None
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        target = makers[kind](rng)
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(*base), REQUEST_TIMEOUT)
            t0 = time.perf_counter()
            status, size = await asyncio.wait_for(_request(reader, writer, host, target), REQUEST_TIMEOUT)
            elapsed = time.perf_counter() - t0
            if status < 0:
                stats.hits += 1
                status = -status
            if status == 200:
                stats.ok(kind, elapsed, size)
            else:
                stats.error(kind, f"HTTP {status} {target}")
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            stats.error(kind, f"{type(e).__name__}: {e} {target}")
            if writer is not None:
                writer.close()
            reader = writer = None
        if think[1] > 0:
            await asyncio.sleep(rng.uniform(*think))
    if writer is not None:
        writer.close()


def _pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the workers), MB, from /proc."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (the workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / tick


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _start_server(args: argparse.Namespace) -> subprocess.Popen:
    """`sitrep serve` on 127.0.0.1 (its own process group, so that its workers stop with it)."""
    cmd = [sys.executable, "-m", "sitrep.cli", "serve", "--db", args.db, "--host", "127.0.0.1", "--port",
           str(args.port), "--workers", str(args.workers), "--cache-mb", str(args.cache_mb), "--no-access-log"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


async def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Until the server answers /api/facets (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            r, w = await asyncio.open_connection("127.0.0.1", port)
            body: list[bytes] = []
            status, _ = await asyncio.wait_for(_request(r, w, f"127.0.0.1:{port}", "/api/facets", body), 30)
            w.close()
            if abs(status) == 200:
                counts = json.loads(body[0])["counts"]
                SIZE.update(incidents=counts["incidents"], documents=counts["documents"])
                return
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            pass
        await asyncio.sleep(0.5)
    raise SystemExit("the server did not become ready")


async def _run(args: argparse.Namespace) -> dict:
    """Start the server, load it, stop it; the figures."""
    proc = _start_server(args)
    try:
        await _wait_ready(args.port, proc)
        stats = Stats()
        t0 = time.monotonic()
        deadline = t0 + args.duration
        rss_samples = []

        async def sample() -> None:
            while time.monotonic() < deadline:
                rss_samples.append(_rss_mb(proc.pid))
                await asyncio.sleep(2)

        cpu0, server0, busy0 = os.times(), _cpu_s(proc.pid), _machine_busy_s()
        await asyncio.gather(sample(), *(_client(n, ("127.0.0.1", args.port), deadline, args.think, stats, args.seed)
                                         for n in range(args.clients)))
        wall = time.monotonic() - t0
        cpu1, server1, busy1 = os.times(), _cpu_s(proc.pid), _machine_busy_s()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    every = [x for v in stats.latency.values() for x in v]
    n_err = sum(stats.errors.values())
    return {
        "db": args.db.split("@")[-1], "clients": args.clients, "duration_s": round(wall, 1),
        "think_s": list(args.think), "workers": args.workers, "cache_mb": args.cache_mb,
        "requests": len(every) + n_err, "errors": n_err, "error_samples": stats.samples,
        "throughput_rps": round((len(every) + n_err) / wall, 1), "mb_received": round(stats.bytes / 1e6, 1),
        "cache_hit_share": round(stats.hits / max(1, len(every) + n_err), 3),
        "p50_ms": round(_pct(every, 0.50), 1), "p90_ms": round(_pct(every, 0.90), 1),
        "p95_ms": round(_pct(every, 0.95), 1), "p99_ms": round(_pct(every, 0.99), 1),
        "max_ms": round(1000 * max(every), 1) if every else None,
        "mean_ms": round(1000 * statistics.fmean(every), 1) if every else None,
        "server_rss_mb_max": round(max(rss_samples), 1) if rss_samples else None,
        "loadgen_cpu_s": round((cpu1.user + cpu1.system) - (cpu0.user + cpu0.system), 1),
        "server_cpu_s": round(server1 - server0, 1),
        "server_cpu_ms_per_request": round(1000 * (server1 - server0) / max(1, len(every) + n_err), 2),
        "cores": os.cpu_count(),
        # CPU the rest of the machine used meanwhile (other programs compete with the server for the cores)
        "other_cpu_s": round(max(0.0, (busy1 - busy0) - (server1 - server0)
                                 - ((cpu1.user + cpu1.system) - (cpu0.user + cpu0.system))), 1),
        "by_kind": {k: {"n": len(v), "errors": stats.errors.get(k, 0), "p50_ms": round(_pct(v, 0.5), 1),
                        "p95_ms": round(_pct(v, 0.95), 1), "p99_ms": round(_pct(v, 0.99), 1)}
                    for k, v in sorted(stats.latency.items())},
    }


def _think(text: str) -> tuple[float, float]:
    """'1,3' → (1.0, 3.0); '0' → (0, 0)."""
    parts = [float(x) for x in text.split(",")]
    lo, hi = (parts[0], parts[-1])
    if lo < 0 or hi < lo:
        raise argparse.ArgumentTypeError("think must be MIN,MAX with 0 <= MIN <= MAX")
    return lo, hi


def main() -> None:
    """Parse the options, run, print and save the figures; exit 1 on errors or a p95 over the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="database built by make_db.py")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--think", type=_think, default=(1.0, 3.0), help="seconds between a client's requests: MIN,MAX")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--cache-mb", type=int, default=64)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target-p95-ms", type=float, default=200.0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not 0 < args.duration <= MAX_DURATION or not 0 < args.clients <= MAX_CLIENTS:
        raise SystemExit(f"duration must be in (0, {MAX_DURATION}] s and clients in (0, {MAX_CLIENTS}]")
    result = asyncio.run(_run(args))
    print(json.dumps({k: v for k, v in result.items() if k != "by_kind"}, indent=1))
    print(f"{'kind':10} {'n':>7} {'err':>5} {'p50':>8} {'p95':>8} {'p99':>8}")
    for kind, v in result["by_kind"].items():
        print(f"{kind:10} {v['n']:7d} {v['errors']:5d} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f} {v['p99_ms']:8.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if result["errors"] or result["p95_ms"] > args.target_p95_ms:
        sys.exit(1)


if __name__ == "__main__":
    main()
