#!/usr/bin/env python3
"""`make bench`: every benchmark of issue 7 in one run, a table on stdout and
build/bench/results.json (+ results.md, the table the README quotes).

  1. the lab (bench/lab, mamori_lab) on SQLite and on PostgreSQL;
  2. the API under load: wrk on loopback, 1 and 64 connections, for five
     routes, asked as a browser asks (Accept-Encoding: gzip) and as a bare
     script asks (no Accept-Encoding); beside it nginx serving the same bytes
     as static files (the HTTP ceiling; gzip_static for the gzipped bytes)
     and the same queries straight through the store (the data ceiling,
     mamori_store_bench);
  3. start-up time and resident memory of `mamori serve` on the lab;
  4. the other benchmark programs (xlsx vs openpyxl, auto-answer, audit log),
     each writing rows of the shared contract
     {"group","name","value","unit","target","compare","note"}.
Targets are judged here, once: a miss says by how much.

Usage: bench/run.py --build build [--scale 1.0] [--pg-scale S] [--engines sqlite,postgresql]
                    [--seconds 8] [--only load,startup,programs]
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The targets on this 2-core machine.
P50_MS = 5.0
P99_MS = 25.0
NGINX_SHARE = 0.30
START_MS = 500.0
RSS_MB = 150.0


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "commit": commit,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


# ---------------------------------------------------------------- the lab


def build_lab(build, engine, scale, workdir, pg_url=None):
    """Builds (or reuses) the lab; returns (lab.json dict, data args)."""
    lab_bin = os.path.join(build, "bench", "mamori_lab")
    if engine == "sqlite":
        data = os.path.join(workdir, "lab-sqlite-%s" % scale)
        args = ["--data", data]
        key = os.path.join(data, "secret.key")
    else:
        data = os.path.join(workdir, "lab-pg")
        os.makedirs(data, exist_ok=True)
        key = os.path.join(data, "secret.key")
        args = ["--db", pg_url, "--key-file", key]
    lab_json = os.path.join(data, "lab.json")
    if engine == "sqlite" and os.path.exists(lab_json):
        log("lab: reusing", data)
        with open(lab_json) as f:
            return json.load(f), args
    if engine == "sqlite" and os.path.exists(data):
        shutil.rmtree(data)
    os.makedirs(data, exist_ok=True)
    log("lab: building on %s at scale %s (minutes at 1.0)" % (engine, scale))
    subprocess.run([lab_bin] + args + ["--scale", str(scale), "--out", lab_json], check=True)
    with open(lab_json) as f:
        return json.load(f), args


# ---------------------------------------------------------------- servers


class Mamori:
    def __init__(self, build, data_args, threads=2):
        self.port = free_port()
        self.cmd = [os.path.join(build, "mamori"), "serve"] + data_args + [
            "--listen", "127.0.0.1:%d" % self.port, "--threads", str(threads)]
        self.proc = None

    def start(self):
        """Starts and waits for /healthz; returns milliseconds to first answer."""
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("mamori serve exited: " + self.proc.stderr.read().decode())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.05) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        return (time.monotonic() - t0) * 1000
            except OSError:
                pass
            if time.monotonic() - t0 > 30:
                raise RuntimeError("mamori serve did not answer /healthz in 30 s")
            time.sleep(0.002)

    def rss_mb(self, field="VmRSS"):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Nginx:
    """Debian's nginx on loopback serving files from `root`."""

    def __init__(self, workdir):
        self.dir = tempfile.mkdtemp(prefix="nginx-", dir=workdir)
        self.root = os.path.join(self.dir, "www")
        os.makedirs(self.root)
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        self.proc = None

    def start(self):
        conf = os.path.join(self.dir, "nginx.conf")
        d = self.dir
        with open(conf, "w") as f:
            f.write("""
worker_processes 2;
daemon off;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %(d)s/body; proxy_temp_path %(d)s/proxy; fastcgi_temp_path %(d)s/fcgi;
  uwsgi_temp_path %(d)s/uwsgi; scgi_temp_path %(d)s/scgi;
  types { }
  default_type application/json;
  gzip_static on;
  server { listen 127.0.0.1:%(port)d; root %(root)s; }
}
""" % {"d": d, "port": self.port, "root": self.root})
        self.proc = subprocess.Popen(["nginx", "-c", conf, "-p", d], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("nginx did not start: " + open(os.path.join(d, "error.log")).read())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# ---------------------------------------------------------------- wrk

WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)


# How each route is asked for: as every browser asks, and as a script that
# sends no Accept-Encoding (curl without --compressed, urllib).
ENCODINGS = [("gzip", {"Accept-Encoding": "gzip, deflate, br, zstd"}), ("identity", {})]


def wrk(url, connections, seconds, token=None, headers=None):
    threads = min(2, connections)
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency", "--timeout", "10s"]
    if token:
        cmd += ["-H", "Authorization: Bearer " + token]
    for name, value in (headers or {}).items():
        cmd += ["-H", "%s: %s" % (name, value)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    lat = {p: float(v) * scale[u] for p, v, u in WRK_LATENCY.findall(out)}
    rps = float(WRK_RPS.search(out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError("%s answered %s requests with an error status" % (url, non_2xx.group(1)))
    # Timeouts (over 10 s) are not in wrk's percentiles: say so beside them.
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"p50_ms": lat["50"], "p99_ms": lat["99"], "rps": rps,
            "errors": socket_errors.group(1) if socket_errors else ""}


def fetch(url, token, headers=None):
    """The body as sent (urllib does not inflate), and its Content-Encoding."""
    req = urllib.request.Request(url, headers=dict({"Authorization": "Bearer " + token}, **(headers or {})))
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read(), r.headers.get("Content-Encoding", "")


def routes(target):
    org = target["org_id"]
    base = "/api/v1/orgs/" + org
    return [
        ("sheets", "the sheet list", base + "/sheets"),
        ("sheet", "one sheet with its items", base + "/sheets/" + target["sheet_id"]),
        ("soa", "one SoA with its rows", base + "/soas/" + target["soa_id"]),
        ("risk_dashboard", "the risk dashboard", base + "/risks/dashboard"),
        ("catalog_search", "catalog search", "/api/v1/catalogs/ismap-2024/search?q=%E6%9A%97%E5%8F%B7"),
    ]


def load_rows(engine, label, encoding, size, conns, seconds, m, n, s):
    """p50, p99 and throughput of one route at one concurrency, beside nginx
    (same bytes) and the store (same queries, `s`)."""
    rows = []
    name = "%s: %s, %s (%d B), %d conn" % (engine, label, encoding, size, conns)
    note = "wrk %ds, %d threads; nginx: same %d bytes as a static file" % (seconds, min(2, conns), size)
    if m["errors"]:
        note += "; mamori socket errors: " + m["errors"]
    at64 = conns == 64
    rows.append({"group": "api", "name": name + " p50", "value": m["p50_ms"], "unit": "ms", "encoding": encoding,
                 "target": {"op": "<=", "value": P50_MS} if at64 else None,
                 "compare": {"name": "nginx p50", "value": n["p50_ms"], "unit": "ms",
                             "ratio": n["p50_ms"] / m["p50_ms"] if m["p50_ms"] else None},
                 "note": note})
    rows.append({"group": "api", "name": name + " p99", "value": m["p99_ms"], "unit": "ms", "encoding": encoding,
                 "target": {"op": "<=", "value": P99_MS} if at64 else None,
                 "compare": {"name": "nginx p99", "value": n["p99_ms"], "unit": "ms",
                             "ratio": n["p99_ms"] / m["p99_ms"] if m["p99_ms"] else None},
                 "note": note})
    data_ceiling = s["per_second_1"] if conns == 1 else s["per_second_2"]
    rows.append({"group": "api", "name": name + " throughput", "value": m["rps"], "unit": "req/s", "encoding": encoding,
                 "target": None,
                 "compare": {"name": "nginx", "value": n["rps"], "unit": "req/s",
                             "ratio": m["rps"] / n["rps"], "target_ratio": NGINX_SHARE if at64 else None,
                             "higher_is_better": True},
                 "data_ceiling": {"name": "store queries, %d thread(s)" % (1 if conns == 1 else 2),
                                  "value": data_ceiling, "unit": "req/s",
                                  "ratio": m["rps"] / data_ceiling if data_ceiling else None,
                                  "p50_ms": s["p50_us"] / 1000},
                 "note": note})
    return rows


def load_bench(build, engine, lab, data_args, seconds, workdir):
    rows = []
    target = lab["targets"][0]
    token = target["token"]
    store_json = os.path.join(workdir, "store-%s.json" % engine)
    log("store: the routes' queries straight through the store (%s)" % engine)
    db_args = [a for i, a in enumerate(data_args) if a != "--key-file" and (i == 0 or data_args[i - 1] != "--key-file")]
    subprocess.run([os.path.join(build, "bench", "mamori_store_bench"), "--lab", lab["_file"], "--seconds", "3",
                    "--out", store_json] + db_args, check=True, stdout=sys.stderr)
    with open(store_json) as f:
        store = {q["route"]: q for q in json.load(f)["queries"]}

    server = Mamori(build, data_args)
    nginx = Nginx(workdir)
    server.start()
    nginx.start()
    try:
        for key, label, path in routes(target):
            os.chmod(nginx.root, 0o755)
            for encoding, headers in ENCODINGS:
                body, sent_as = fetch("http://127.0.0.1:%d%s" % (server.port, path), token, headers)
                if sent_as != ("gzip" if encoding == "gzip" else ""):
                    raise RuntimeError("%s asked with %s came back as %r" % (path, headers or "no Accept-Encoding", sent_as))
                # nginx's gzip_static sends key.json.gz to a client that takes
                # gzip: the very bytes mamori sent it.
                static = key + ".json"
                with open(os.path.join(nginx.root, static + (".gz" if encoding == "gzip" else "")), "wb") as f:
                    f.write(body)
                for name in os.listdir(nginx.root):
                    os.chmod(os.path.join(nginx.root, name), 0o644)
                for conns in (1, 64):
                    log("wrk: %s, %s, %s, %d connection(s)" % (engine, key, encoding, conns))
                    m = wrk("http://127.0.0.1:%d%s" % (server.port, path), conns, seconds, token, headers)
                    n = wrk("http://127.0.0.1:%d/%s" % (nginx.port, static), conns, seconds, None, headers)
                    rows.extend(load_rows(engine, label, encoding, len(body), conns, seconds, m, n, store[key]))
        rss_after = server.rss_mb("VmHWM")
    finally:
        server.stop()
        nginx.stop()
    rows.append({"group": "memory", "name": "%s: peak resident memory after the load runs" % engine, "value": rss_after,
                 "unit": "MB", "target": {"op": "<=", "value": RSS_MB}, "compare": None,
                 "note": "VmHWM of mamori serve (2 threads)"})
    return rows


def startup_bench(build, engine, data_args):
    times, rss = [], []
    for _ in range(5):
        server = Mamori(build, data_args)
        try:
            times.append(server.start())
            time.sleep(0.2)
            rss.append(server.rss_mb())
        finally:
            server.stop()
    return [
        {"group": "startup", "name": "%s: start to first /healthz answer (median of 5)" % engine,
         "value": statistics.median(times), "unit": "ms", "target": {"op": "<=", "value": START_MS}, "compare": None,
         "note": "runs: " + ", ".join("%.0f" % t for t in times)},
        {"group": "memory", "name": "%s: resident memory after start (median of 5)" % engine,
         "value": statistics.median(rss), "unit": "MB", "target": {"op": "<=", "value": RSS_MB}, "compare": None,
         "note": "VmRSS"},
    ]


# ---------------------------------------------------------------- the other programs


def run_programs(build, workdir, lab_data_args, pg_url):
    """The benchmark programs that write the row contract themselves."""
    rows = []
    programs = [
        ("xlsx", [os.path.join(build, "bench", "mamori_xlsx_bench")]),
        ("auto_answer", [os.path.join(build, "bench", "mamori_auto_answer_bench")]),
        ("audit", [os.path.join(build, "bench", "mamori_audit_bench"), "--mamori", os.path.join(build, "mamori")]
         + (["--pg-url", pg_url] if pg_url else [])),
    ]
    for name, cmd in programs:
        if not os.path.exists(cmd[0]):
            raise RuntimeError("missing benchmark program " + cmd[0])
        out = os.path.join(workdir, name + ".json")
        log("program:", " ".join(cmd))
        subprocess.run(cmd + ["--out", out], check=True, stdout=sys.stderr)
        with open(out) as f:
            rows += json.load(f)["rows"]
    return rows


def google_benchmarks(build, outdir):
    for name in ("catalog", "matcher", "proposal"):
        exe = os.path.join(build, "bench", "mamori_%s_bench" % name)
        subprocess.run([exe, "--benchmark_out=%s" % os.path.join(outdir, name + ".json"),
                        "--benchmark_out_format=json"], check=True, stdout=sys.stderr)


# ---------------------------------------------------------------- judging and the table


def judge(row):
    """met (True/False/None) and how much a miss is."""
    verdicts, misses = [], []
    t = row.get("target")
    if t:
        v, goal = row["value"], t["value"]
        ok = v <= goal if t["op"] == "<=" else v >= goal
        verdicts.append(ok)
        if not ok:
            misses.append("%.3g %s vs %s %.3g: %.1f× the target" % (v, row["unit"], t["op"], goal, v / goal if t["op"] == "<=" else goal / v))
    c = row.get("compare") or {}
    if c.get("target_ratio"):
        ok = c["ratio"] >= c["target_ratio"]
        verdicts.append(ok)
        if not ok:
            misses.append("%.2f× %s vs ≥ %.2f×: short by %.1f×" % (c["ratio"], c["name"], c["target_ratio"], c["target_ratio"] / c["ratio"]))
    row["met"] = None if not verdicts else all(verdicts)
    row["miss"] = "; ".join(misses)
    return row


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return "%.3g" % v if abs(v) < 100 else "%.0f" % v
    return str(v)


def table(rows, info):
    lines = ["Machine: %(cpu)s, %(cores)s cores, %(memory_gb)s GB, Linux %(kernel)s; commit %(commit)s, %(date)s" % info, "",
             "| group | measurement | mamori | beside it | ratio | target | verdict |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        c = r.get("compare") or {}
        beside = "%s %s %s" % (c.get("name", ""), fmt(c.get("value")), c.get("unit", "")) if c else ""
        dc = r.get("data_ceiling")
        if dc:
            beside += "; %s %s %s (%.2f×)" % (dc["name"], fmt(dc["value"]), dc["unit"], dc["ratio"] or 0)
        ratio = fmt(c.get("ratio")) + "×" if c.get("ratio") else ""
        t = r.get("target")
        target = ("%s %s %s" % (t["op"], fmt(t["value"]), r["unit"])) if t else ""
        if c.get("target_ratio"):
            target += (" " if target else "") + "≥ %s× %s" % (fmt(c["target_ratio"]), c.get("name", ""))
        verdict = {True: "met", False: "MISSED: " + r.get("miss", ""), None: ""}[r.get("met")]
        if r["group"] == "failure":
            verdict = "FAILED: " + r["note"]
        lines.append("| %s | %s | %s %s | %s | %s | %s | %s |" % (
            r["group"], r["name"], fmt(r["value"]), r["unit"], beside.strip(), ratio, target, verdict))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--scale", default="1.0")
    ap.add_argument("--pg-scale", default=None, help="the PostgreSQL lab's scale (default: --scale)")
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--only", default="load,startup,programs,google")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    outdir = os.path.join(build, "bench")
    workdir = os.path.join(outdir, "work")
    os.makedirs(workdir, exist_ok=True)
    only = set(args.only.split(","))
    info = machine()
    rows, labs, failures = [], {}, []

    pg_dir = os.path.join(workdir, "pg")
    pg_url = None
    engines = args.engines.split(",")
    try:
        if "postgresql" in engines:
            env = dict(os.environ, PG_CLUSTER_DURABLE="1")
            subprocess.run([os.path.join(ROOT, "tests", "support", "pg-cluster"), "start", pg_dir], check=True, env=env,
                           stdout=sys.stderr)
            with open(os.path.join(pg_dir, "url")) as f:
                pg_url = f.read().strip()
        def stage(name, work):
            # A failing stage is reported as such and the others still run.
            try:
                rows.extend(work() or [])
            except Exception as e:  # noqa: BLE001 (any failure is a finding)
                log("FAILED: %s: %s" % (name, e))
                failures.append({"group": "failure", "name": name, "value": None, "unit": "", "target": None,
                                 "compare": None, "note": str(e)})

        for engine in engines:
            if not ({"load", "startup"} & only):
                break
            scale = args.scale if engine == "sqlite" else (args.pg_scale or args.scale)
            lab, data_args = build_lab(build, engine, scale, workdir, pg_url)
            lab["_file"] = os.path.join(workdir, "lab-sqlite-%s" % scale if engine == "sqlite" else "lab-pg", "lab.json")
            labs[engine] = {k: v for k, v in lab.items() if k not in ("targets", "_file")}
            log("lab %s: %s" % (engine, json.dumps(labs[engine].get("counts"))))
            if "startup" in only:
                stage(engine + " startup", lambda: startup_bench(build, engine, data_args))
            if "load" in only:
                stage(engine + " load", lambda: load_bench(build, engine, lab, data_args, args.seconds, workdir))
        if "programs" in only:
            stage("programs", lambda: run_programs(build, workdir, None, pg_url))
        if "google" in only:
            stage("google benchmarks", lambda: google_benchmarks(build, outdir))
    finally:
        if pg_url:
            subprocess.run([os.path.join(ROOT, "tests", "support", "pg-cluster"), "stop", pg_dir], stdout=sys.stderr)

    rows = [judge(r) for r in rows] + failures
    text = table(rows, info)
    print(text)
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"machine": info, "labs": labs, "rows": rows}, f, ensure_ascii=False, indent=2)
    missed = [r for r in rows if r.get("met") is False]
    print("\n%d measurements, %d with a target: %d met, %d missed (see results.json)" % (
        len(rows), sum(1 for r in rows if r.get("met") is not None), sum(1 for r in rows if r.get("met")), len(missed)))
    if failures:
        print("%d stage(s) FAILED: %s" % (len(failures), ", ".join(f["name"] for f in failures)))
        sys.exit(1)


if __name__ == "__main__":
    main()
