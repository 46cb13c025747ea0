"""The system benchmark: steppe against Oxigraph's own server, Virtuoso 7 and nginx, in one run.

Run through `bench/run` (it installs the baselines and builds steppe). For each size it
generates a graph (`steppe generate`), loads it into a fresh store of each system, serves it
from each in turn (one server at a time, so none steals the others' cores), checks that every
system gives the same number of results for every query of the scholarly mix, then measures
them with wrk; then pages against nginx serving the same bytes; then SP²Bench. It prints one
table and writes bench/RESULTS.md and bench/pages.png.
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BASE = "http://localhost:7878/"
SYNTHETIC_GRAPH = BASE + "graph/source/synthetic"
PREFIXES = ("PREFIX schema: <http://schema.org/> PREFIX steppe: <https://w3id.org/steppe/ns#> "
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd, **kwargs):
    """Runs a command; returns seconds taken and its peak memory (KB, from GNU time)."""
    started = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + cmd, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)
    rss = [int(l.split()[1]) for l in out.stderr.splitlines() if l.startswith("MAXRSS")]
    return time.monotonic() - started, rss[-1] if rss else 0


def disk(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def http(url, data=None, accept="application/sparql-results+json", timeout=60.0, headers=None):
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if headers is not None:
            headers.update(response.headers)
        return response.status, response.read()


class Server:
    """A server process of one system, with the endpoint path its SPARQL answers at."""

    def __init__(self, name, cmd, port, sparql_path, work, ready_path=None, env=None):
        self.name, self.port, self.sparql_path = name, port, sparql_path
        self.log = open(os.path.join(work, f"{name}.log"), "ab")
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT,
                                        env=env, start_new_session=True)
        url = f"http://127.0.0.1:{port}{ready_path or sparql_path + '?query=ASK%7B%7D'}"
        for _ in range(600):
            if self.process.poll() is not None:
                raise RuntimeError(f"{name} exited: see {self.log.name}")
            try:
                http(url, timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"{name} did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self):
        try:
            with open(f"/proc/{self.process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def wait_idle(self, limit=60):
        """Waits until the server uses under 5% of a core over a second, at most `limit`
        seconds: queries whose client gave up (wrk stops at its duration) may still be running,
        and would slow whatever is measured next."""
        last = self.cpu_seconds()
        for _ in range(limit):
            time.sleep(1)
            now = self.cpu_seconds()
            if now - last < 0.05:
                return
            last = now

    def peak_rss_kb(self):
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.log.close()


# --- the systems -------------------------------------------------------------------------

class Steppe:
    name = "steppe"

    def __init__(self, binary, work, timeout):
        self.binary, self.work, self.timeout = binary, work, timeout

    def load(self, files, store):
        shutil.rmtree(store, ignore_errors=True)
        return timed([self.binary, "load", "--store", store] + files)

    def serve(self, store, limited=True):
        port = free_port()
        started = time.monotonic()
        server = Server(self.name, [self.binary, "serve", "--store", store, "--no-demo",
                                    "--no-dumps", "--bind", f"127.0.0.1:{port}",
                                    "--max-concurrent-queries", "64",
                                    "--query-timeout", str(self.timeout)],
                        port, "/sparql", self.work, ready_path="/health")
        # pages answer their lists from the lists index once it is read: measure, as a
        # deployment runs, with it in (until then they run their queries)
        for _ in range(6000):
            _, body = http(server.url + "/health")
            if b'"lists":"ready"' in body:
                break
            time.sleep(0.2)
        server.lists_ready_s = time.monotonic() - started
        log(f"  steppe    lists index ready {server.lists_ready_s:.1f} s after start")
        return server


class Oxigraph:
    name = "oxigraph"

    def __init__(self, binary, work, timeout):
        self.binary, self.work, self.timeout = binary, work, timeout

    def load(self, files, store):
        shutil.rmtree(store, ignore_errors=True)
        seconds, rss = 0.0, 0
        for f in files:
            s, r = timed([self.binary, "load", "--location", store, "--file", f])
            seconds, rss = seconds + s, max(rss, r)
        return seconds, rss

    def serve(self, store, limited=False):
        # `--timeout-s` starts a thread per query that outlives it: at thousands of queries a
        # second the server runs out of memory (EAGAIN, then a panic), so the query mix runs
        # without it and only SP²Bench (a query at a time) with it
        port = free_port()
        limit = ["--timeout-s", str(self.timeout)] if limited else []
        return Server(self.name, [self.binary, "serve-read-only", "--location", store,
                                  "--bind", f"127.0.0.1:{port}", "--union-default-graph"] + limit,
                      port, "/query", self.work)


class Virtuoso:
    name = "virtuoso"

    def __init__(self, work, timeout):
        self.work, self.timeout = work, timeout
        self.sql_port, self.http_port = free_port(), free_port()

    def _ini(self, store):
        os.makedirs(store, exist_ok=True)
        ini = os.path.join(store, "virtuoso.ini")
        with open(ini, "w") as f:
            f.write(f"""[Database]
DatabaseFile = {store}/virtuoso.db
ErrorLogFile = {store}/virtuoso.log
LockFile = {store}/virtuoso.lck
TransactionFile = {store}/virtuoso.trx
xa_persistent_file = {store}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {store}/virtuoso-temp.db
TransactionFile = {store}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 680000
MaxDirtyBuffers = 500000
MaxCheckpointRemap = 2000
CheckpointInterval = 0
DirsAllowed = ., {self.work}, /usr/share/virtuoso-opensource-7/vad
MaxQueryMem = 2G
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 64
ServerThreads = 64
MaxKeepAlives = 64
KeepAliveTimeout = 60
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = {self.timeout}
MaxQueryCostEstimationTime = 0
MaxSortedTopRows = 100000000
""")
        return ini

    def _start(self, store):
        ini = self._ini(store)
        return Server(self.name, ["virtuoso-t", "+foreground", "+configfile", ini], self.http_port,
                      "/sparql", self.work)

    def isql(self, sql):
        subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={sql}"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def load(self, files, store):
        shutil.rmtree(store, ignore_errors=True)
        server = self._start(store)
        try:
            started = time.monotonic()
            for f in files:
                folder, name = os.path.split(os.path.abspath(f))
                graph = SYNTHETIC_GRAPH if ".nq" in name else "http://localhost:7878/graph/sp2b"
                self.isql(f"ld_dir('{folder}', '{name}', '{graph}')")
            self.isql("rdf_loader_run()")
            self.isql("checkpoint")
            seconds = time.monotonic() - started
            return seconds, server.peak_rss_kb()
        finally:
            server.stop()

    def serve(self, store, limited=True):
        return self._start(store)


# --- SPARQL: counts and latency ----------------------------------------------------------

def count(server, query, timeout):
    """The number of results of a query (rows, or 1 for a true ASK), and the seconds taken.
    Raises on an error, and on a partial answer (Virtuoso's "anytime" results at its limit)."""
    ask = re.search(r"^\s*ASK\b", query, re.IGNORECASE | re.MULTILINE) is not None
    started = time.monotonic()
    headers = {}
    status, body = http(server.url + server.sparql_path,
                        data=urllib.parse.urlencode({"query": query}).encode(),
                        accept="application/sparql-results+json" if ask else
                        "text/tab-separated-values, application/sparql-results+json;q=0.9",
                        timeout=timeout, headers=headers)
    seconds = time.monotonic() - started
    if headers.get("X-SQL-State") or headers.get("x-sql-state"):
        raise RuntimeError(f"partial answer ({headers.get('X-SQL-State')})")
    text = body.decode("utf-8", "replace")
    if text.lstrip().startswith("{"):
        answer = json.loads(text)
        return (int(answer["boolean"]) if "boolean" in answer
                else len(answer["results"]["bindings"])), seconds
    lines = text.count("\n")
    if text and not text.endswith("\n"):
        lines += 1
    return max(0, lines - 1), seconds


def wrk(url, lua, env, connections, duration, timeout):
    """One wrk run: p50 and p99 (ms), requests, failures and requests per second."""
    threads = 1 if connections < 2 else 2
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
                          f"--timeout={timeout}s", "-s", lua, url], capture_output=True,
                         text=True, env={**os.environ, **env}, cwd=REPO)
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT")), None)
    if out.returncode != 0 or line is None or "nan" in line:
        log(f"  wrk failed on {url} ({env}): {out.stderr.strip()[:200]} {line}")
        return {"p50_ms": float(timeout * 1000), "p99_ms": float(timeout * 1000), "requests": 0.0,
                "errors": 1.0, "non2xx": 0.0, "seconds": float(duration), "rps": 0.0, "failed": 1.0}
    v = {k: float(x) for k, x in (kv.split("=") for kv in line.split()[1:])}
    v["rps"] = v["requests"] / max(v["seconds"], 1e-9)
    v["failed"] = v["errors"] + v["non2xx"]
    return v


def scholarly_mix(graph_file, rng_seed=1, per_kind=20):
    """Parameters sampled from the generated graph, and the queries of the mix by kind."""
    dois, orcids, authors, orgs, topics, papers = [], [], {}, {}, set(), []
    S = "<http://schema.org/"
    with open(graph_file, encoding="utf-8") as f:
        for line in f:
            s, p, rest = line.split(" ", 2)
            if p == S + "value>":
                value = rest.rsplit(" ", 2)[0]
                if s.endswith('#doi>'):
                    dois.append(value)
                elif s.endswith('#orcid>'):
                    orcids.append(value.strip('"'))
            elif p == S + "author>" and "#" not in s:
                o = rest.split(" ", 1)[0]
                authors[o] = authors.get(o, 0) + 1
                papers.append(s)
            elif p == "<https://w3id.org/steppe/ns#affiliationAtPublication>":
                o = rest.split(" ", 1)[0]
                orgs[o] = orgs.get(o, 0) + 1
            elif p == S + "about>":
                topics.add(rest.split(" ", 1)[0])
    rng = random.Random(rng_seed)
    papers = sorted(set(papers))
    # people and institutions with many papers: the heavy end of the pages and lists
    prolific = sorted(authors, key=lambda a: (-authors[a], a))[:200]
    large = sorted(orgs, key=lambda o: (-orgs[o], o))[:50]
    pick = lambda items: [rng.choice(items) for _ in range(per_kind)]
    topics = sorted(topics)
    kinds = {
        "doi": [f'SELECT ?paper ?title WHERE {{ ?id schema:propertyID "doi" ; schema:value {d} . '
                f'?paper schema:identifier ?id ; schema:name ?title }}' for d in pick(dois)],
        "orcid": [f'SELECT ?person ?name WHERE {{ ?person schema:sameAs <https://orcid.org/{o}> ; '
                  f'schema:name ?name }}' for o in pick(orcids)],
        "entity": [f"SELECT ?p ?o WHERE {{ {p} ?p ?o FILTER(?p IN (schema:name, schema:datePublished, "
                   f"schema:author, schema:isPartOf, schema:citation, schema:abstract, schema:sameAs)) }}"
                   for p in pick(papers)],
        "author-papers": [f"SELECT ?paper ?title ?date (COUNT(?co) AS ?coauthors) WHERE {{ "
                          f"?paper schema:author {a} ; schema:name ?title ; schema:datePublished ?date . "
                          f"OPTIONAL {{ ?paper schema:author ?co FILTER(?co != {a}) }} }} "
                          f"GROUP BY ?paper ?title ?date ORDER BY DESC(?date) ?paper" for a in pick(prolific)],
        "org-years": [f"SELECT ?year (COUNT(DISTINCT ?paper) AS ?n) WHERE {{ ?paper steppe:authorship ?a . "
                      f"?a steppe:affiliationAtPublication {o} . ?paper schema:datePublished ?date "
                      f"BIND(YEAR(?date) AS ?year) }} GROUP BY ?year ORDER BY ?year" for o in pick(large)],
        "topic-pairs": [f"SELECT ?other (COUNT(?p) AS ?n) WHERE {{ ?p schema:about {t} , ?other "
                        f"FILTER(?other != {t}) }} GROUP BY ?other ORDER BY DESC(?n) ?other LIMIT 10"
                        for t in pick(topics)],
        "cited-by": [f"SELECT ?paper (COUNT(?citing) AS ?n) WHERE {{ ?paper schema:author {a} . "
                     f"?citing schema:citation ?paper }} GROUP BY ?paper ORDER BY DESC(?n) ?paper LIMIT 10"
                     for a in pick(prolific)],
        "two-hops": [f"SELECT (COUNT(DISTINCT ?far) AS ?n) WHERE {{ ?p1 schema:author {a} , ?near . "
                     f"?p2 schema:author ?near , ?far }}" for a in pick(prolific)],
        "countries": ["SELECT ?country (COUNT(DISTINCT ?paper) AS ?n) WHERE { ?paper steppe:authorship ?a . "
                      "?a steppe:affiliationAtPublication ?org . ?org schema:location ?place . "
                      "?place schema:address ?address . ?address schema:addressCountry ?country } "
                      "GROUP BY ?country ORDER BY DESC(?n) ?country"],
    }
    pages = {"paper": papers[len(papers) // 2], "person": prolific[0], "institution": large[0]}
    return {k: [PREFIXES + q for q in v] for k, v in kinds.items()}, pages, authors, orgs


def measure_mix(server, mix, work, duration, timeout, reference):
    """Counts checked against `reference` (steppe's), then wrk at 1 and 16 connections."""
    results = {}
    for kind, queries in mix.items():
        wrong, counts = 0, []
        for i, q in enumerate(queries):
            try:
                n, _ = count(server, q, timeout)
            except Exception as e:  # a timeout or an error counts as a wrong answer
                log(f"  {server.name} {kind} #{i}: {e}")
                n = None
            counts.append(n)
            if reference is not None and reference[kind][i] != n:
                wrong += 1
        mix_file = os.path.join(work, f"mix-{kind}.txt")
        with open(mix_file, "w") as f:
            for q in queries:
                f.write(urllib.parse.urlencode({"query": q}) + "\n")
        entry = {"counts": counts, "wrong": wrong}
        for c in (1, 16):
            server.wait_idle()
            env = {"MIX": mix_file, "ENDPOINT": server.sparql_path}
            wrk(server.url, "bench/mix.lua", env, c, 2, timeout)  # warm-up
            entry[c] = wrk(server.url, "bench/mix.lua", env, c, duration, timeout)
        log(f"  {server.name:9} {kind:14} p50 {entry[1]['p50_ms']:8.2f} ms  "
            f"c16 {entry[16]['rps']:8.0f} q/s  wrong {wrong}")
        results[kind] = entry
    return results


# --- pages ---------------------------------------------------------------------------------

def nginx(work, root):
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
pid {work}/nginx.pid;
worker_processes auto;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    return Server("nginx", ["nginx", "-c", conf, "-p", work], port, "", work, ready_path="/")


def measure_pages(steppe_server, pages, work, duration, authors, orgs):
    root = os.path.join(work, "static")
    shutil.rmtree(root, ignore_errors=True)
    paths = {}
    for kind, iri in pages.items():
        path = "/" + iri.strip("<>")[len(BASE):]
        paths[kind] = path
        _, body = http(steppe_server.url + path, accept="text/html")
        os.makedirs(os.path.dirname(root + path), exist_ok=True)
        with open(root + path, "wb") as f:
            f.write(body)
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write("ok")
    results = {}
    for kind, path in paths.items():
        env = {"PAGE": path}
        steppe_server.wait_idle()
        wrk(steppe_server.url, "bench/pages.lua", env, 64, 2, 10)
        results[kind] = {"steppe": wrk(steppe_server.url, "bench/pages.lua", env, 64, duration, 10),
                         "bytes": os.path.getsize(root + path), "path": path}
    server = nginx(work, root)
    try:
        for kind, path in paths.items():
            env = {"PAGE": path}
            wrk(server.url, "bench/pages.lua", env, 64, 2, 10)
            results[kind]["nginx"] = wrk(server.url, "bench/pages.lua", env, 64, duration, 10)
    finally:
        server.stop()
    # uncached: the first request of each of the 50 most prolific authors and largest
    # institutions after the server started (no page of them was rendered before), and of the
    # 50 largest institutions with hundreds of papers (100 to 999; the largest have thousands
    # in big graphs, and the people have fewer than a thousand anyway)
    by_size = sorted(orgs, key=lambda o: -orgs[o])
    hundreds = [o for o in by_size[51:] if 100 <= orgs[o] < 1000][:50]
    for kind, key, entities in (
            ("person", "uncached", sorted(authors, key=lambda a: -authors[a])[1:51]),
            ("institution", "uncached", by_size[1:51]),
            ("institution", "hundreds", hundreds)):
        if not entities:
            continue
        times = []
        for iri in entities:
            started = time.monotonic()
            http(steppe_server.url + "/" + iri.strip("<>")[len(BASE):], accept="text/html")
            times.append((time.monotonic() - started) * 1000)
        results[kind][f"{key}_p50_ms"] = statistics.median(times)
        counts = authors if kind == "person" else orgs
        results[kind][f"{key}_papers"] = int(statistics.median(counts[e] for e in entities))
    return results


# --- SP²Bench ------------------------------------------------------------------------------

# Q4's size is not published (more than a million rows): any complete answer counts.
SP2B_COUNTS = {"q1": 1, "q2": 32770, "q3a": 52676, "q3b": 379, "q3c": 0, "q5a": 35241,
               "q5b": 35241, "q6": 62795, "q7": 292, "q8": 400, "q9": 4, "q10": 572, "q11": 10,
               "q12a": 1, "q12b": 1, "q12c": 0}


# SP²Bench queries whose warm-up run takes less than this are run FAST_QUERY_RUNS times
FAST_QUERY_S = 0.05
FAST_QUERY_RUNS = 21


def sp2bench(systems, folder, work, timeout, runs):
    document = os.path.join(folder, "sp2b-1M.n3.gz")
    plain = os.path.join(work, "sp2b-1M.ttl")
    if not os.path.exists(plain):
        import gzip
        with gzip.open(document, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
    names = sorted(os.listdir(os.path.join(folder, "queries")),
                   key=lambda n: (int("".join(c for c in n if c.isdigit())), n))
    queries = {n.split(".")[0]: open(os.path.join(folder, "queries", n)).read() for n in names}
    results = {}
    for system in systems:
        store = os.path.join(work, f"sp2b-{system.name}")
        load_s, _ = system.load([plain], store)
        server = system.serve(store, limited=True)
        results[system.name] = {"load_s": load_s, "queries": {}}
        try:
            for name, query in queries.items():
                times, n, error = [], None, None
                repeat = runs
                try:  # a warm-up run, measured only when it is slow
                    n, seconds = count(server, query, timeout + 5)
                    if seconds > 5:
                        times.append(seconds)
                    elif seconds < FAST_QUERY_S:
                        # a millisecond query varies by more than its own time from run to
                        # run here: its median needs more runs to compare
                        repeat = max(runs, FAST_QUERY_RUNS)
                except Exception as e:
                    error = str(e)[:80]
                for _ in range(0 if times or error else repeat):
                    try:
                        n, seconds = count(server, query, timeout + 5)
                        times.append(seconds)
                    except Exception as e:
                        error = str(e)[:80]
                        break
                    if seconds > 5:
                        break
                expected = SP2B_COUNTS.get(name)
                right = (error is None and (expected is None or n == expected)
                         and times and times[-1] < timeout)
                median = statistics.median(times) if times else None
                results[system.name]["queries"][name] = {
                    "seconds": median if right else None, "count": n, "error": error}
                log(f"  sp2b {system.name:9} {name:5} "
                    f"{'%.3f s' % median if median is not None else 'failed':>10} count {n}")
        finally:
            server.stop()
        shutil.rmtree(store, ignore_errors=True)
    return results, list(queries)


# --- the run -------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steppe", required=True)
    parser.add_argument("--oxigraph", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--papers", default="10000,100000")
    parser.add_argument("--sp2bench", help="the SP²Bench folder (sp2b-1M.n3.gz, queries/)")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--timeout", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    parser.add_argument("--systems", default="steppe,oxigraph,virtuoso",
                        help="which systems to run (steppe first; a run beyond the disk's room for "
                             "all three: --systems steppe)")
    parser.add_argument("--command", default="bench/run")
    args = parser.parse_args()
    if args.sp2bench:  # the results name the folder's role, not where it is on this machine
        args.command = args.command.replace(args.sp2bench, "DIR")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    every = [Steppe(args.steppe, work, args.timeout), Oxigraph(args.oxigraph, work, args.timeout),
             Virtuoso(work, args.timeout)]
    chosen = [name.strip() for name in args.systems.split(",") if name.strip()]
    systems = [system for system in every if system.name in chosen]
    if not systems or systems[0].name != "steppe":
        parser.error("--systems must include steppe (the reference counts and pages are its)")
    sizes = [int(n) for n in args.papers.split(",") if n.strip()]
    import report
    # the commit the binaries are built from: the tree may change while the suite runs
    run = {"sizes": {}, "started": datetime.datetime.now(datetime.timezone.utc).isoformat(),
           "commit": report.commit()}
    for papers in sizes:
        log(f"== {papers} papers")
        graph = os.path.join(work, f"graph-{papers}.nq")
        if not os.path.exists(graph):
            subprocess.run([args.steppe, "generate", "--papers", str(papers), "--seed", "1", "-o",
                            graph], check=True, stderr=subprocess.DEVNULL)
        quads = sum(1 for _ in open(graph, "rb"))
        mix, pages, authors, orgs = scholarly_mix(graph)
        size = {"quads": quads, "systems": {}}
        reference = None
        # a load is the median of `runs` loads into a new store (one load on these shared
        # cores can be a third slower than the next, and their speed drifts within an hour):
        # the systems' loads take turns, so that each meets the machine as the others do; the
        # last one's store is served
        stores = {system.name: os.path.join(work, f"store-{system.name}") for system in systems}
        all_loads = {system.name: [] for system in systems}
        for _ in range(max(1, args.runs)):
            for system in systems:
                loads = all_loads[system.name]
                loads.append(system.load([graph], stores[system.name]))
                log(f"  {system.name:9} load {loads[-1][0]:8.1f} s  "
                    f"{quads / loads[-1][0]:10.0f} quads/s")
        for system in systems:
            store, loads = stores[system.name], all_loads[system.name]
            load_s = statistics.median(s for s, _ in loads)
            load_rss = max(r for _, r in loads)
            server = system.serve(store)
            try:
                entry = {"load_s": load_s, "load_runs_s": [s for s, _ in loads],
                         "load_rss_kb": load_rss, "disk": disk(store)}
                entry["mix"] = measure_mix(server, mix, work, args.duration, args.timeout, reference)
                if reference is None:
                    reference = {k: v["counts"] for k, v in entry["mix"].items()}
                if system.name == "steppe":
                    entry["lists_ready_s"] = server.lists_ready_s
                    entry["pages"] = measure_pages(server, pages, work, args.duration, authors, orgs)
                entry["serve_rss_kb"] = server.peak_rss_kb()
            finally:
                server.stop()
            # what the store settled to: steppe's server compacts the loader's files
            entry["disk_served"] = disk(store)
            size["systems"][system.name] = entry
            shutil.rmtree(store, ignore_errors=True)
        run["sizes"][papers] = size
    if args.sp2bench and len(systems) < 2:
        log("SP²Bench needs a baseline beside steppe: skipped")
    elif args.sp2bench:
        log("== SP²Bench")
        run["sp2bench"], run["sp2bench_queries"] = sp2bench(systems, args.sp2bench, work,
                                                            args.timeout, args.runs)
        run["sp2bench_fast"] = {"seconds": FAST_QUERY_S, "runs": FAST_QUERY_RUNS}
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(run, f, indent=1, default=str)
    # kept beside the results, so that the plot shows every size measured (RESULTS-*.json too)
    with open(os.path.splitext(args.results)[0] + ".json", "w") as f:
        json.dump(run, f, indent=1, default=str)
    text = report.render(run, args)
    print(text)
    # the reading written under the figures (after the marker) stays across runs
    kept = ""
    if os.path.exists(args.results):
        previous = open(args.results, encoding="utf-8").read()
        if report.MARKER in previous:
            kept = previous[previous.index(report.MARKER):]
    with open(args.results, "w") as f:
        f.write(text + ("\n" + kept if kept else ""))
    if run["sizes"]:
        report.plot(report.measured(run, os.path.dirname(os.path.abspath(args.results))),
                    os.path.join(HERE, "pages.png"))


if __name__ == "__main__":
    main()
