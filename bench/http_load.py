"""Load from wrk against a gunicorn server on loopback, for the page benchmarks:
wrk in its own process (its CPU reported), the server's CPU summed over its workers."""

from __future__ import annotations

import contextlib
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent


# As a browser asks (English, gzip). "Connection: close": a new connection per
# page, as many distinct readers make; with 50 kept-alive connections, gunicorn
# workers keep whichever they accepted first, and one worker may hold most
# of them while the other idles.
LUA = """
local paths = {%s}
local n = #paths
local headers = {["Accept-Language"] = "en", ["Accept-Encoding"] = "gzip", ["Connection"] = "close"}
request = function()
  return wrk.format("GET", paths[math.random(1, n)], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%%.2f p95=%%.2f p99=%%.2f max=%%.2f requests=%%d errors=%%d non2xx=%%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def run_wrk(base: str, paths: list[str], duration: int, connections: int, workdir: Path,
            server: int | None = None) -> dict:
    """wrk in its own process; also the CPU it used (its share of the 2 cores)
    and the server's (gunicorn ``server`` and its workers), over the run."""
    server_pids = worker_pids(server) if server else []
    script = workdir / f"paths-{len(paths)}-{time.monotonic_ns()}.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = sum(cpu_seconds(pid) for pid in server_pids)
    started = time.monotonic()
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
                             "-s", str(script), base], capture_output=True, text=True,
                            timeout=duration + 60)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((row for row in result.stdout.splitlines() if row.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {result.stdout}\n{result.stderr}")
    values = dict(item.split("=") for item in line.split()[1:])
    rps = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    wrk_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return {k: float(v) for k, v in values.items()} | {
        "rps": float(rps.group(1)) if rps else 0.0,
        "wrk_cpu_pct": 100 * wrk_cpu / elapsed,
        "server_cpu_pct": 100 * (sum(cpu_seconds(pid) for pid in server_pids) - server_cpu) / elapsed}


def worker_pids(master: int) -> list[int]:
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def start_server(env: dict, port: int, args, log: Path) -> subprocess.Popen:
    """gunicorn as the README's production setup runs it: gevent workers (one
    per core), which also serve the Socket.IO of the live pages."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    worker = (["-k", "gthread", "--threads", str(args.threads)] if args.worker_class == "gthread"
              else ["-k", args.worker_class] + (["--worker-connections", "1000"]
                                                if args.worker_class == "gevent" else []))
    process = subprocess.Popen(
        [gunicorn, "-w", str(args.workers), *worker, "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    from tests.support import wait_for_port

    wait_for_port(port, process, timeout=60)
    return process


@contextlib.contextmanager
def serving(env: dict, args, instance: Path):
    from tests.support import free_port

    port = free_port()
    server = start_server(env, port, args, instance / "gunicorn.log")
    try:
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
