#!/usr/bin/env python3
"""Side-by-side comparison of routegraph with NetworkX, igraph, rustworkx,
Graphviz and matplotlib on the same synthetic route sets.

Builds routegraph (release), writes S/M/L sets with `routegraph synth`, then
runs every (task, tool) in its own process, --repeat times, and prints a
Markdown table: median wall time of the process, median time of the task
itself (in-process, loading excluded), peak RSS, the ratio of each anchor to
routegraph, and whether the anchor's answer equals routegraph's.

    python3 benches/compare/compare.py                  # everything
    python3 benches/compare/compare.py --sizes S,M      # quick
    python3 benches/compare/compare.py --out BENCHMARKS.md

Tasks whose routegraph command does not exist in this build, or whose tool
is not installed, are reported as skipped with the reason.
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RUNNERS = HERE / "runners.py"
SIZES = {"S": (250, 1_000), "M": (10_000, 100_000), "L": (100_000, 1_000_000)}
SEED = 1

# task -> (sizes it runs on, description)
TASKS = {
    "load_csv": ("L", "load legs.csv + places.csv into a graph"),
    "roles": ("L", "role of every place (in/out degree over people legs)"),
    "path1": ("L", "1 shortest route by cost"),
    "path100": ("L", "100 shortest routes by cost (100 source→destination pairs)"),
    "k10": ("M", "10 shortest loopless routes by cost"),
    "betweenness_hops": ("M", "exact betweenness, by hops"),
    "betweenness_cost": ("M", "exact betweenness, by cost"),
    "maxflow": ("M", "max flow / min cut, every source → every destination, capacity = persons"),
    "draw_png": ("M", "draw the set, arrows included, to PNG"),
    "draw_svg": ("M", "draw the set, arrows included, to SVG"),
}
TOOLS = ["routegraph", "igraph", "rustworkx", "networkx", "graphviz", "matplotlib"]
# Which anchors do which task (others: n/a).
ANCHORS = {
    "load_csv": ["igraph", "rustworkx", "networkx"],
    "roles": ["igraph", "rustworkx", "networkx"],
    "path1": ["igraph", "rustworkx", "networkx"],
    "path100": ["igraph", "rustworkx", "networkx"],
    "k10": ["igraph", "networkx"],
    "betweenness_hops": ["igraph", "rustworkx", "networkx"],
    "betweenness_cost": ["igraph", "networkx"],
    "maxflow": ["igraph", "networkx"],
    "draw_png": ["graphviz", "matplotlib"],
    "draw_svg": ["graphviz", "matplotlib"],
}


# routegraph's phase (ROUTEGRAPH_TIMINGS) that matches the anchors' task,
# where its command does more than the anchors do:
# - roles: `compute`, the count, without writing 100,000 JSON rows;
# - maxflow: `compute`, finding the sources and sinks and both cuts (the
#   places and the legs), without their evidence and the JSON answer;
# - betweenness: `betweenness` (with the route share and the source and
#   destination pairs), without the articulation points, bridges and
#   must-pass places that `chokepoints` also reports.
TASK_PHASE = {"roles": "compute", "maxflow": "compute",
              "betweenness_hops": "betweenness", "betweenness_cost": "betweenness"}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Running one process


_SPAWNER = None


def run(cmd, timeout, env=None, cwd=None):
    """Run `cmd`; return dict(wall, rss_mb, code, stdout, stderr) or
    dict(timeout=True). Peak RSS comes from wait4's rusage of that child,
    forked by spawn.py, which stays small (see there why)."""
    global _SPAWNER
    if _SPAWNER is None:
        _SPAWNER = subprocess.Popen([sys.executable, str(HERE / "spawn.py")],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with tempfile.TemporaryDirectory(prefix="rg-run-") as d:
        out, err = os.path.join(d, "out"), os.path.join(d, "err")
        req = {"cmd": [str(c) for c in cmd], "timeout": timeout,
               "env": dict(env if env is not None else os.environ),
               "cwd": str(cwd) if cwd else None, "out": out, "err": err}
        _SPAWNER.stdin.write(json.dumps(req) + "\n")
        _SPAWNER.stdin.flush()
        res = json.loads(_SPAWNER.stdout.readline())
        if res.get("timeout"):
            return {"timeout": True}
        with open(out, "rb") as f:
            res["stdout"] = f.read().decode("utf-8", "replace")
        with open(err, "rb") as f:
            res["stderr"] = f.read().decode("utf-8", "replace")
        return res


def timings(stderr):
    """routegraph's `timing: PHASE SECONDS s` lines (ROUTEGRAPH_TIMINGS=1)."""
    t = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            _, phase, secs, _ = line.split()
            t[phase] = t.get(phase, 0.0) + float(secs)
    return t


# --------------------------------------------------------------------------
# Commands and answers


class Ctx:
    def __init__(self, rg, sets, tmp):
        self.rg = rg
        self.sets = sets
        self.tmp = tmp
        self.subcommands = rg_subcommands(rg)


def rg_subcommands(rg):
    h = subprocess.run([rg, "--help"], capture_output=True, text=True).stdout
    cmds = set()
    in_cmds = False
    for line in h.splitlines():
        if line.startswith("Commands:"):
            in_cmds = True
            continue
        if in_cmds:
            if not line.startswith("  "):
                break
            cmds.add(line.split()[0])
    # Hidden ones answer --help too.
    for hidden in ("bench-paths",):
        if subprocess.run([rg, hidden, "--help"], capture_output=True).returncode == 0:
            cmds.add(hidden)
    return cmds


def rg_command(ctx, task, size):
    """(argv, answer parser) for routegraph, or (None, reason)."""
    d = ctx.sets[size]
    data = ["--data", str(d / "legs.csv"), "--places", str(d / "places.csv"), "--quiet"]
    pairs = read_pairs(d)
    need = {"load_csv": "validate", "roles": "roles", "path1": "path", "path100": "bench-paths",
            "k10": "path", "betweenness_hops": "chokepoints", "betweenness_cost": "chokepoints",
            "maxflow": "cut", "draw_png": "render", "draw_svg": "render"}[task]
    if need not in ctx.subcommands:
        return None, f"`routegraph {need}` is not in this build"
    if task == "load_csv":
        return ([ctx.rg, "validate", str(d / "legs.csv"), "--places", str(d / "places.csv"),
                 "--format", "json", "--quiet"],
                lambda o: {"places": o["places"], "legs": o["legs"]})
    if task == "roles":
        def roles(o):
            c = {"source": 0, "transit": 0, "destination": 0, "isolated": 0}
            for r in o:
                c[r["role"]] += 1
            return c
        return [ctx.rg, "roles", "--all", "--format", "json", *data], roles
    if task == "path1":
        a, b = pairs[0]
        return ([ctx.rg, "path", a, b, "--by", "cost", "--format", "json", *data],
                lambda o: float(o["routes"][0]["cost"]))
    if task == "path100":
        return ([ctx.rg, "bench-paths", "--pairs", str(d / "pairs.csv"), "--by", "cost", *data],
                lambda o: o["costs"])
    if task == "k10":
        a, b = pairs[0]
        return ([ctx.rg, "path", a, b, "--by", "cost", "--k", "10", "--format", "json", *data],
                lambda o: [float(r["cost"]) for r in o["routes"]])
    if task.startswith("betweenness"):
        by = task.split("_")[1]
        return ([ctx.rg, "chokepoints", "--by", by, "--top", "5", "--format", "json", *data],
                lambda o: [[r["id"], float(r["betweenness"])] for r in o])
    if task == "maxflow":
        return ([ctx.rg, "cut", "--by", "persons", "--format", "json", *data],
                lambda o: float(o["flow"]["legs"]))
    if task.startswith("draw"):
        ext = task.split("_")[1]
        out = ctx.tmp / f"rg-{size}.{ext}"
        return ([ctx.rg, "render", "--layout", "map", "--out", str(out), *data],
                lambda o, out=out: {"file": str(out)})
    raise AssertionError(task)


def anchor_command(ctx, tool, task, size):
    d = ctx.sets[size]
    if tool == "graphviz":
        ext = task.split("_")[1]
        dot = d / "graph.dot"
        if not dot.exists():
            write_dot(d, dot)
        out = ctx.tmp / f"gv-{size}.{ext}"
        return ["neato", "-n2", f"-T{ext}", "-o", str(out), str(dot)], lambda o, out=out: {"file": str(out)}
    py = [sys.executable, str(RUNNERS), tool]
    if tool == "matplotlib":
        ext = task.split("_")[1]
        out = ctx.tmp / f"mpl-{size}.{ext}"
        return py + ["draw", str(d), str(out)], None
    task_name = {"load_csv": "load"}.get(task, task)
    return py + [task_name, str(d)], None


def tool_available(tool):
    if tool == "routegraph":
        return True, ""
    if tool == "graphviz":
        return (shutil.which("neato") is not None, "Graphviz (neato) is not installed")
    mod = {"igraph": "igraph", "rustworkx": "rustworkx", "networkx": "networkx",
           "matplotlib": "matplotlib"}[tool]
    ok = subprocess.run([sys.executable, "-c", f"import {mod}"], capture_output=True).returncode == 0
    return ok, f"python module {mod} is not installed"


# --------------------------------------------------------------------------
# Sets


def read_pairs(d):
    lines = (d / "pairs.csv").read_text().splitlines()[1:]
    return [tuple(l.split(",")) for l in lines if l]


def make_set(rg, size, root):
    n, m = SIZES[size]
    d = root / size
    log(f"synth {size}: {n} places, {m} legs")
    subprocess.run([rg, "synth", "--places", str(n), "--legs", str(m), "--seed", str(SEED),
                    "--out", str(d), "--quiet"], check=True, stdout=subprocess.DEVNULL)
    # 100 source → destination pairs with a route (roles over people legs).
    r = subprocess.run([rg, "roles", "--all", "--format", "json", "--quiet", "--data",
                        str(d / "legs.csv"), "--places", str(d / "places.csv")],
                       check=True, capture_output=True, text=True)
    rows = json.loads(r.stdout)
    src = sorted(x["id"] for x in rows if x["role"] == "source")
    dst = sorted(x["id"] for x in rows if x["role"] == "destination")
    rnd = random.Random(SEED)
    pairs = [(rnd.choice(src), rnd.choice(dst)) for _ in range(100)]
    (d / "pairs.csv").write_text("from,to\n" + "".join(f"{a},{b}\n" for a, b in pairs))
    return d


def write_dot(d, path):
    """A DOT file with every place pinned at its (lon, lat) on a 1600×1000
    canvas (points, 72 dpi) and one arrow per place pair with legs."""
    import csv
    pos = {}
    with open(d / "places.csv") as f:
        for row in csv.DictReader(f):
            x = (float(row["lon"]) + 180.0) / 360.0 * 1600.0
            y = (float(row["lat"]) + 90.0) / 180.0 * 1000.0
            pos[row["id"]] = (x, y)
    pairs = set()
    with open(d / "legs.csv") as f:
        for row in csv.DictReader(f):
            pairs.add((row["from"], row["to"]))
    with open(path, "w") as out:
        out.write('digraph routes {\n  graph [splines=false, outputorder=edgesfirst, '
                  'bb="0,0,1600,1000", size="22.23,13.89!", dpi=72, pad=0];\n'
                  '  node [shape=point, width=0.03, color="#333333"];\n'
                  '  edge [arrowsize=0.3, penwidth=0.3, color="#4466aa80"];\n')
        for pid, (x, y) in pos.items():
            out.write(f'  "{pid}" [pos="{x:.2f},{y:.2f}!"];\n')
        for a, b in sorted(pairs):
            out.write(f'  "{a}" -> "{b}";\n')
        out.write("}\n")


# --------------------------------------------------------------------------
# Checking answers


def same(a, b):
    if a is None or b is None:
        return a is b
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) == {"file"}:
            return True
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) == 5 and all(isinstance(x, (list, tuple)) and len(x) == 2 for x in a + b):
            # top-5 betweenness: same set of places, values within 1e-9 relative.
            da, db = dict(map(tuple, a)), dict(map(tuple, b))
            return da.keys() == db.keys() and all(close(da[k], db[k]) for k in da)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return close(a, b)
    return a == b


def close(x, y):
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def short(ans):
    s = json.dumps(ans)
    return s if len(s) < 60 else s[:57] + "..."


# --------------------------------------------------------------------------
# Main loop


def measure(ctx, tool, task, size, args):
    if tool == "routegraph":
        cmd, parse = rg_command(ctx, task, size)
        if cmd is None:
            return {"skip": parse}
    else:
        cmd, parse = anchor_command(ctx, tool, task, size)
    env = dict(os.environ, ROUTEGRAPH_TIMINGS="1")
    runs = []
    answer = None
    for i in range(args.repeat):
        r = run(cmd, args.timeout, env=env)
        if r.get("timeout"):
            return {"timeout": True, "runs": runs}
        if r["code"] != 0:
            return {"error": (r["stderr"].strip().splitlines() or ["exit " + str(r["code"])])[-1],
                    "runs": runs}
        if tool == "routegraph":
            t = timings(r["stderr"])
            # The phase that does what the anchors' task does, where the
            # command does more (see TASK_PHASE); otherwise the whole command.
            r["task"] = t.get(TASK_PHASE.get(task, "command"), t.get("command"))
            try:
                out = json.loads(r["stdout"])
            except ValueError:
                out = r["stdout"]  # a command that prints text (render)
            answer = parse(out)
        elif parse is not None:
            r["task"] = None
            answer = parse(None)
        else:
            o = json.loads(r["stdout"])
            r["task"] = o["task_s"] if task != "load_csv" else o["load_s"]
            answer = o["answer"]
        if tool == "routegraph" and task == "load_csv":
            r["task"] = None
        runs.append(r)
        log(f"  {task:17} {size} {tool:10} run {i + 1}: {r['wall']:.3f} s, {r['rss_mb']:.0f} MB")
        if r["wall"] > args.long:
            break  # one run is enough for a slow tool
    return {"runs": runs, "answer": answer}


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_s(x):
    if x is None:
        return "—"
    return f"{x:.3g}" if x < 10 else f"{x:.1f}"


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return "—"
    r = a / b
    return f"{r:.1f}×" if r >= 1 else f"{r:.2f}×"


def machine(rg):
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
        except Exception:
            return ""
    model = sh("lscpu | sed -n 's/^Model name: *//p' | head -1") or platform.processor()
    mem = sh("free -g | awk '/^Mem:/ {print $2}'")
    osname = sh(". /etc/os-release && echo $PRETTY_NAME") or platform.platform()
    vers = {}
    for mod in ("networkx", "igraph", "rustworkx", "matplotlib", "pandas", "numpy"):
        v = sh(f"{sys.executable} -c 'import {mod}; print({mod}.__version__)' 2>/dev/null")
        vers[mod] = v or "not installed"
    gv = sh("dot -V 2>&1")
    commit = sh(f"git -C {REPO} rev-parse --short HEAD 2>/dev/null")
    dirty = sh(f"git -C {REPO} status --porcelain --untracked-files=no 2>/dev/null")
    return {
        "routegraph": sh(f"{rg} --version") + (f" (commit {commit}{', with local changes' if dirty else ''})" if commit else ""),
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gib": mem,
        "os": osname,
        "kernel": platform.release(),
        "rustc": sh("rustc --version"),
        "python": platform.python_version(),
        "graphviz": gv or "not installed",
        **vers,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="S,M,L",
                    help="sets to run (each task runs on its own size when listed; default S,M,L)")
    ap.add_argument("--all-sizes", action="store_true",
                    help="run every task on every listed size, not only its own")
    ap.add_argument("--tasks", default=",".join(TASKS), help="comma-separated tasks")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=300.0, help="per run, seconds")
    ap.add_argument("--long", type=float, default=60.0,
                    help="after a run longer than this (s), do not repeat it")
    ap.add_argument("--bin", help="routegraph binary (default: build it with cargo --release)")
    ap.add_argument("--workdir", help="where to write the sets (default: a temp dir, removed)")
    ap.add_argument("--out", help="also write the table and the machine to this Markdown file")
    args = ap.parse_args()

    if args.bin:
        rg = str(Path(args.bin).resolve())
    else:
        log("building routegraph (release)...")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        rg = str((target / "release" / "routegraph").resolve())
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]

    tmp_obj = None
    if args.workdir:
        root = Path(args.workdir)
        root.mkdir(parents=True, exist_ok=True)
    else:
        tmp_obj = tempfile.TemporaryDirectory(prefix="routegraph-compare-")
        root = Path(tmp_obj.name)
    plan = []
    for task in tasks:
        own = TASKS[task][0]
        for size in sizes:
            if args.all_sizes or size == own or (own not in sizes and size == sizes[-1]):
                plan.append((task, size))
    needed = sorted({s for _, s in plan}, key=list(SIZES).index)
    sets = {s: make_set(rg, s, root) for s in needed}
    out_dir = root / "out"
    out_dir.mkdir(exist_ok=True)
    ctx = Ctx(rg, sets, out_dir)
    avail = {t: tool_available(t) for t in tools}

    rows = []
    notes = []
    for task, size in plan:
        res = {}
        for tool in tools:
            if tool != "routegraph" and tool not in ANCHORS[task]:
                continue
            ok, why = avail[tool]
            if not ok:
                res[tool] = {"skip": why}
                continue
            res[tool] = measure(ctx, tool, task, size, args)
        rg_res = res.get("routegraph", {})
        rg_wall = median(r["wall"] for r in rg_res.get("runs", [])) if rg_res.get("runs") else None
        rg_task = median(r["task"] for r in rg_res.get("runs", [])) if rg_res.get("runs") else None
        for tool, r in res.items():
            row = {"task": task, "size": size, "tool": tool}
            if "skip" in r:
                row["status"] = "skipped: " + r["skip"]
            elif r.get("timeout"):
                row["status"] = f"timeout (> {args.timeout:.0f} s)"
            elif "error" in r:
                row["status"] = "error: " + r["error"][:80]
            else:
                wall = median(x["wall"] for x in r["runs"])
                tsk = median(x["task"] for x in r["runs"])
                row.update(wall=wall, task_s=tsk, rss=max(x["rss_mb"] for x in r["runs"]),
                           n=len(r["runs"]), answer=r["answer"])
                if task.startswith("draw"):
                    f = Path((r["answer"] or {}).get("file", ""))
                    size_kb = f.stat().st_size / 1024 if f.is_file() else 0
                    r["answer"] = f"{f.suffix[1:].upper()} written, {size_kb:.0f} KB" if size_kb else "no file"
                if tool != "routegraph":
                    row["ratio_wall"] = fmt_ratio(wall, rg_wall)
                    row["ratio_task"] = fmt_ratio(tsk, rg_task)
                    rg_rss = max((x["rss_mb"] for x in rg_res.get("runs", [])), default=None)
                    row["ratio_rss"] = fmt_ratio(row["rss"], rg_rss)
                    rga = rg_res.get("answer")
                    if not rg_res.get("runs"):
                        row["check"] = "—"
                    elif task.startswith("draw"):
                        row["check"] = r["answer"]
                    else:
                        row["check"] = "same" if same(r["answer"], rga) else "DIFFERENT: " + short(r["answer"])
                else:
                    row["ratio_wall"] = row["ratio_task"] = row["ratio_rss"] = "1"
                    row["check"] = r["answer"] if task.startswith("draw") else short(r["answer"])
                row["status"] = "ok"
            rows.append(row)

    table = render_table(rows)
    m = machine(rg)
    print(table)
    if args.out:
        write_markdown(Path(args.out), table, m, args, sizes)
        log(f"wrote {args.out}")
    if tmp_obj:
        tmp_obj.cleanup()


def render_table(rows):
    head = ("| task | set | tool | wall (s) | task (s) | peak RSS (MB) | runs | "
            "wall ÷ routegraph | task ÷ routegraph | RSS ÷ routegraph | answer |")
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        if r["status"] != "ok":
            lines.append(f"| {r['task']} | {r['size']} | {r['tool']} | — | — | — | — | — | — | — | {r['status']} |")
            continue
        lines.append(
            f"| {r['task']} | {r['size']} | {r['tool']} | {fmt_s(r['wall'])} | {fmt_s(r['task_s'])} | "
            f"{r['rss']:.0f} | {r['n']} | {r['ratio_wall']} | {r['ratio_task']} | {r['ratio_rss']} | {r['check']} |")
    return "\n".join(lines)


def write_markdown(path, table, m, args, sizes):
    lines = [
        "# Benchmarks",
        "",
        "Made by `python3 benches/compare/compare.py"
        + (f" --sizes {args.sizes}" if args.sizes != "S,M,L" else "")
        + f" --repeat {args.repeat} --out {path.name}` (see `benches/compare/README.md`).",
        "",
        "Each row is one tool doing one task in its own process, on the same synthetic files "
        f"(`routegraph synth --seed {SEED}`; S = 250 places / 1,000 legs, M = 10,000 / 100,000, "
        "L = 100,000 / 1,000,000). *wall* is the median wall time of the whole process "
        "(start-up, reading the CSV files, building the graph, the task, writing the answer); "
        "*task* is the median time of the task alone, measured inside the process (routegraph: "
        "`ROUTEGRAPH_TIMINGS=1`; where its command does more than the anchors' task, the phase "
        "that does the task: `compute` for roles (without writing one JSON row per place) and "
        "max flow (both cuts, without their evidence), `betweenness` for betweenness (without "
        "the articulation points, bridges and must-pass places `chokepoints` also reports); "
        "Python: `time.perf_counter`), loading excluded. "
        "*÷ routegraph* is the anchor's time over routegraph's: above 1× routegraph is faster. "
        "*answer* says whether the anchor's answer equals routegraph's (routegraph's row shows "
        "its answer).",
        "",
        table,
        "",
        "## Machine",
        "",
    ]
    for k, v in m.items():
        lines.append(f"- {k}: {v}")
    lines.append("")
    path.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
