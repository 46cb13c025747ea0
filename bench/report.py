"""Renders a run of bench/suite.py as bench/RESULTS.md, and plots page latency against size."""
import datetime
import math
import os
import platform
import subprocess

SYSTEMS = ("steppe", "oxigraph", "virtuoso")
# What follows this line in RESULTS.md is written by people and kept when the figures change.
MARKER = "<!-- reading: kept across runs -->"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = 0
    with open("/proc/meminfo") as f:
        memory = int(next(l.split()[1] for l in f if l.startswith("MemTotal"))) // 1024 // 1024
    return f"{os.cpu_count()} cores ({model}), {memory} GiB, {platform.system()} {platform.release()}"


def commit():
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        out = subprocess.run(["git", "-C", here, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", here, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return out + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def versions():
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return {"virtuoso": first_line(["dpkg-query", "-W", "-f", "${Version}",
                                    "virtuoso-opensource-7-bin"]),
            "nginx": first_line(["nginx", "-v"]), "wrk": first_line(["wrk", "-v"])}


def entry(e, connections):
    """A wrk result of a mix entry (keys are numbers in a run, strings once read from JSON)."""
    return e[str(connections)] if str(connections) in e else e[connections]


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def mb(n_bytes):
    return f"{n_bytes / 1e6:,.0f} MB"


def render(run, args):
    timeout = args.timeout
    v = versions()
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run` (bench/suite.py); every figure below is from one run, on one machine,",
        "with every system measured in the same session, one server at a time. Ratios hold across",
        "runs better than absolute figures on a shared two-core machine.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Commit: {run.get('commit') or commit()}",
        f"- Command: `{args.command}`",
        f"- Baselines: Oxigraph server 0.5.13 (PyPI `oxigraph`, RocksDB), Virtuoso Open Source "
        f"{v['virtuoso']} (Debian), {v['nginx'].replace('nginx version: ', '')}; load generator "
        f"{v['wrk'].split(' [')[0]}, on the same cores.",
        f"- Query time limit {timeout} s on every system; a timeout, error or wrong count scores "
        f"{2 * timeout} s in geometric means.",
        "",
    ]
    for papers, size in run["sizes"].items():
        sys_ = size["systems"]
        present = [n for n in SYSTEMS if n in sys_]
        peers = present[1:]
        quads = size["quads"]
        runs = len(sys_["steppe"].get("load_runs_s", [0]))
        lines += [f"## {int(papers):,} papers ({quads:,} quads)", "", "### Load", "",
                  (f"Seconds: the median of {runs} loads into a new store (each in brackets); the "
                    "systems' loads take turns."
                   if runs > 1 else "Seconds: one load into a new store."), "",
                  "| system | seconds | quads/s | steppe's throughput ÷ this | peak memory | store on disk |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name in present:
            e = sys_[name]
            ratio = e["load_s"] / sys_["steppe"]["load_s"]
            loads = e.get("load_runs_s", [])
            each = f" ({', '.join(f'{s:.1f}' for s in loads)})" if len(loads) > 1 else ""
            lines.append(f"| {name} | {e['load_s']:.1f}{each} | {quads / e['load_s']:,.0f} | "
                         f"{ratio:.2f}x | {e['load_rss_kb'] / 1024:,.0f} MB | {mb(e['disk'])} |")
        lines += ["", "`steppe load` also writes the entailed graph (the schema.org and steppe class and "
                  "property hierarchy) and the per-entity change stamps; the others store the quads as given.", ""]
        lines += ["### Scholarly query mix (SPARQL over HTTP, SPARQL JSON results)", "",
                  "Median and p99 latency at 1 connection (ms), queries/s at 16 connections; 20 "
                  "instances of each query, drawn from the graph (prolific authors, large "
                  "institutions). `wrong`: instances whose result count differs from steppe's.", "",
                  "| query | " + " | ".join(f"{n} p50 / p99 | {n} q/s c16" for n in present)
                  + (" | wrong (" + " / ".join({"oxigraph": "ox", "virtuoso": "virt"}[n] for n in peers) + ")" if peers else "") + " |",
                  "|---|" + "---:|---:|" * len(present) + ("---:|" if peers else "")]
        kinds = list(sys_["steppe"]["mix"].keys())
        for kind in kinds:
            cells = []
            for name in present:
                e = sys_[name]["mix"][kind]
                cells.append(f"{entry(e, 1)['p50_ms']:.2f} / {entry(e, 1)['p99_ms']:.2f}")
                cells.append(f"{entry(e, 16)['rps']:,.0f}")
            wrong = " / ".join(str(sys_[n]["mix"][kind]["wrong"]) for n in peers)
            lines.append(f"| {kind} | " + " | ".join(cells + ([wrong] if peers else [])) + " |")

        def score(e):
            if e["wrong"] or entry(e, 1)["failed"] or entry(e, 1)["requests"] == 0:
                return 2 * timeout * 1000
            return max(entry(e, 1)["p50_ms"], 0.01)

        g = {n: geomean([score(sys_[n]["mix"][k]) for k in kinds]) for n in present}
        q = {n: geomean([max(entry(sys_[n]["mix"][k], 16)["rps"], 0.01) for k in kinds]) for n in present}
        speed = ("; steppe is " + " and ".join(f"{g[n] / g['steppe']:.2f}x {n.capitalize()}'s"
                                                for n in peers) + " speed") if peers else ""
        lines += ["", "Geometric mean of the medians: " + ", ".join(
            f"{n} {g[n]:.2f} ms" for n in present) + speed + ". Geometric mean of queries/s at 16 "
            "connections: " + ", ".join(f"{n} {q[n]:,.0f}" for n in present) + ".", ""]
        pages = sys_["steppe"].get("pages", {})
        if pages:
            best_lookup = max((entry(sys_[n]["mix"]["entity"], 16)["rps"] for n in peers),
                              default=None)
            lookup = (f" The best peer's one-entity SPARQL lookup (`entity` above, 16 connections): "
                      f"{best_lookup:,.0f} q/s." if best_lookup else " No peer ran at this size.")
            lines += ["### Pages (HTML, wrk, 64 connections, warm cache)", "",
                      "nginx serves the same bytes as static files (the ceiling)." + lookup, "",
                      "| page | bytes | steppe req/s | p50 / p99 ms | nginx req/s | p50 / p99 ms | "
                      "steppe ÷ nginx | steppe ÷ best peer lookup | uncached p50 ms (papers) |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for kind, p in pages.items():
                s, n = p["steppe"], p["nginx"]
                uncached = "; ".join(f"{p[key + '_p50_ms']:.1f} ({p[key + '_papers']})"
                                     for key in ("uncached", "hundreds") if key + "_p50_ms" in p)
                lines.append(f"| {kind} `{p['path']}` | {p['bytes']:,} | {s['rps']:,.0f} | "
                             f"{s['p50_ms']:.2f} / {s['p99_ms']:.2f} | {n['rps']:,.0f} | "
                             f"{n['p50_ms']:.2f} / {n['p99_ms']:.2f} | {s['rps'] / n['rps']:.2f}x | "
                             + (f"{s['rps'] / best_lookup:.1f}x" if best_lookup else "–")
                             + f" | {uncached} |")
            lines += ["", "Uncached: the first request for each of the 50 next most prolific authors "
                      "(or largest institutions) after the server started; in brackets the median "
                      "number of papers they have. After the semicolon: the same for the 50 "
                      "largest institutions with hundreds of papers (100 to 999).", ""]
        lines += ["### Memory and disk", "",
                  "| system | peak memory serving | store on disk after load | after serving |",
                  "|---|---:|---:|---:|"]
        for name in present:
            e = sys_[name]
            served = mb(e["disk_served"]) if "disk_served" in e else "–"
            lines.append(f"| {name} | {e['serve_rss_kb'] / 1024:,.0f} MB | {mb(e['disk'])} | "
                         f"{served} |")
        lines += ["", "After serving: once the server has stopped. steppe's server compacts its "
                  "store, merging the loader's files into the level under level 0, which "
                  "Oxigraph's RocksDB options leave uncompressed (as they do level 0); "
                  "`oxigraph serve-read-only` writes nothing."]
        if "lists_ready_s" in sys_.get("steppe", {}):
            lines += ["", f"steppe's lists index (what entity pages list, held in memory; in its "
                      f"peak memory above) was ready {sys_['steppe']['lists_ready_s']:.1f} s after "
                      f"the server started; the page figures were taken after that."]
        lines.append("")
    if "sp2bench" in run:
        sp = run["sp2bench"]
        fast = run.get("sp2bench_fast")  # runs before it took `runs` of every query
        fast = (f", of {fast['runs']} when it takes under {fast['seconds'] * 1000:.0f} ms"
                if fast else "")
        lines += ["## SP²Bench, 1 M triples", "",
                  "The 17 queries of SP²Bench v1.01 over HTTP, each the median of "
                  f"{args.runs} runs after a warm-up run (the warm-up alone when it takes over "
                  f"5 s{fast}); counts checked against the "
                  "published result sizes (Q4: not published, more than a million rows).", "",
                  "| query | " + " | ".join(f"{n} s (count)" for n in SYSTEMS) + " | steppe ÷ oxigraph time |",
                  "|---|" + "---:|" * len(SYSTEMS) + "---:|"]
        for q in run["sp2bench_queries"]:
            cells = []
            for name in SYSTEMS:
                r = sp[name]["queries"][q]
                cells.append(f"{r['seconds']:.3f} ({r['count']})" if r["seconds"] is not None
                             else f"failed ({r['error'] or r['count']})")
            s, o = sp["steppe"]["queries"][q]["seconds"], sp["oxigraph"]["queries"][q]["seconds"]
            ratio = f"{s / o:.2f}x" if s and o else ""
            lines.append(f"| {q} | " + " | ".join(cells) + f" | {ratio} |")
        g = {n: geomean([r["seconds"] if r["seconds"] else 2 * timeout
                         for r in sp[n]["queries"].values()]) for n in SYSTEMS}
        lines += ["", "Geometric mean (failures at twice the limit): " + ", ".join(
            f"{n} {g[n]:.3f} s" for n in SYSTEMS) + "; load of the document: " + ", ".join(
            f"{n} {sp[n]['load_s']:.1f} s" for n in SYSTEMS) + ".", ""]
    return "\n".join(lines) + "\n"


def measured(run, folder):
    """The run with the sizes of the other runs kept in `folder` (RESULTS*.json) that it has not
    measured itself, so that the plot shows every size measured (a large run has its own file)."""
    import glob
    import json
    sizes = dict(run["sizes"])
    for kept in sorted(glob.glob(os.path.join(folder, "RESULTS*.json"))):
        with open(kept) as f:
            other = json.load(f)
        for papers, size in other.get("sizes", {}).items():
            if str(papers) not in {str(p) for p in sizes} and "pages" in size["systems"].get("steppe", {}):
                sizes[papers] = size
    return {**run, "sizes": sizes}


def plot(run, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sizes = sorted(run["sizes"], key=int)
    quads = [run["sizes"][s]["quads"] for s in sizes]
    figure, axes = plt.subplots(figsize=(7, 4.2))
    for kind, style, color in (("paper", "o", "tab:blue"), ("person", "s", "tab:green"),
                               ("institution", "^", "tab:red")):
        pages = [run["sizes"][s]["systems"]["steppe"]["pages"][kind] for s in sizes]
        axes.plot(quads, [p["steppe"]["p99_ms"] for p in pages], style + "-", color=color,
                  label=f"{kind} p99 (warm)")
        axes.plot(quads, [p["steppe"]["p50_ms"] for p in pages], style + ":", color=color,
                  label=f"{kind} p50 (warm)")
        if "uncached_p50_ms" in pages[0]:
            axes.plot(quads, [p["uncached_p50_ms"] for p in pages], style + "--", color=color,
                      label=f"{kind} p50 (uncached)")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("quads in the store")
    axes.set_ylabel("ms (warm: wrk, 64 connections; uncached: one at a time)", fontsize=8)
    axes.set_title("steppe page latency against graph size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
