#!/usr/bin/env python3
"""One task of the comparison, run by one anchor tool, in its own process.

    python3 runners.py TOOL TASK SETDIR [ARG...]

TOOL: igraph, rustworkx, networkx, matplotlib. Prints one JSON object on
stdout: {"answer": ..., "load_s": seconds to read and build, "task_s":
seconds of the task itself}. Each tool reads the same CSV files the fastest
way we know for it (pandas' C reader, then a bulk edge insert), and works on
the same legs as routegraph's default: smuggling and trafficking
("people") legs; parallel legs are kept where the tool supports them and
collapsed to the lightest (or summed, for capacities) where the question
needs a simple graph, as routegraph's definitions say.
"""

import json
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PEOPLE = ("smuggling", "trafficking")


def read(d):
    places = pd.read_csv(f"{d}/places.csv", dtype={"id": str, "name": str})
    legs = pd.read_csv(
        f"{d}/legs.csv",
        dtype={"from": str, "to": str, "kind": "category", "status": "category"},
    )
    ids = pd.Index(places["id"])
    src = ids.get_indexer(legs["from"])
    dst = ids.get_indexer(legs["to"])
    return places, legs, ids, src, dst


def people(legs, src, dst):
    m = legs["kind"].isin(PEOPLE).to_numpy()
    return src[m], dst[m], legs[m].reset_index(drop=True)


def simple(s, t, w, how="min"):
    """Parallel legs collapsed: (s, t, w) with w the min (or sum) per pair."""
    df = pd.DataFrame({"s": s, "t": t, "w": w})
    g = df.groupby(["s", "t"], sort=False)["w"]
    g = g.min() if how == "min" else g.sum()
    g = g.reset_index()
    return g["s"].to_numpy(), g["t"].to_numpy(), g["w"].to_numpy()


def role_counts(n, s, t):
    outd = np.bincount(s, minlength=n)
    ind = np.bincount(t, minlength=n)
    return role_counts_from(outd, ind)


def role_counts_from(outd, ind):
    outd, ind = np.asarray(outd), np.asarray(ind)
    return {
        "source": int(((outd > 0) & (ind == 0)).sum()),
        "transit": int(((outd > 0) & (ind > 0)).sum()),
        "destination": int(((outd == 0) & (ind > 0)).sum()),
        "isolated": int(((outd == 0) & (ind == 0)).sum()),
    }


def read_pairs(d, ids):
    p = pd.read_csv(f"{d}/pairs.csv", dtype=str)
    return list(zip(ids.get_indexer(p["from"]), ids.get_indexer(p["to"])))


def top5(ids, values):
    order = sorted(range(len(values)), key=lambda i: (-values[i], ids[i]))[:5]
    return [[ids[i], float(values[i])] for i in order]


def num(x):
    return None if x is None or not np.isfinite(x) else float(x)


# --------------------------------------------------------------------------
# igraph


def run_igraph(task, d, args):
    import igraph as ig

    places, legs, ids, src, dst = read(d)
    n = len(places)
    if task == "load":
        g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True)
        g.vs["name"] = places["id"].tolist()
        for c in ("weight", "cost", "days"):
            g.es[c] = legs[c].to_numpy()
        g.es["kind"] = legs["kind"].astype(str).tolist()
        g.es["status"] = legs["status"].astype(str).tolist()
        load = time.perf_counter() - T0
        return {"places": g.vcount(), "legs": g.ecount()}, load, 0.0
    s, t, pl = people(legs, src, dst)
    if task in ("betweenness_hops", "betweenness_cost", "k10"):
        s, t, w = simple(s, t, pl["cost"].to_numpy())
        g = ig.Graph(n=n, edges=np.column_stack([s, t]), directed=True)
        g.es["cost"] = w
    elif task == "maxflow":
        roles_out = np.bincount(s, minlength=n)
        roles_in = np.bincount(t, minlength=n)
        sources = np.nonzero((roles_out > 0) & (roles_in == 0))[0]
        dests = np.nonzero((roles_out == 0) & (roles_in > 0))[0]
        cap = pl["weight"].to_numpy().astype(float)
        big = float(cap.sum()) + 1.0
        ss, tt = n, n + 1
        es = np.concatenate([np.column_stack([s, t]),
                             np.column_stack([np.full(len(sources), ss), sources]),
                             np.column_stack([dests, np.full(len(dests), tt)])])
        caps = np.concatenate([cap, np.full(len(sources) + len(dests), big)])
        g = ig.Graph(n=n + 2, edges=es, directed=True)
        g.es["cap"] = caps
    else:
        g = ig.Graph(n=n, edges=np.column_stack([s, t]), directed=True)
        g.es["cost"] = pl["cost"].to_numpy()
    load = time.perf_counter() - T0
    t1 = time.perf_counter()
    if task == "roles":
        ans = role_counts_from(g.outdegree(), g.indegree())
    elif task == "path1":
        a, b = read_pairs(d, ids)[0]
        ans = num(g.distances(source=[a], target=[b], weights="cost", mode="out")[0][0])
    elif task == "path100":
        ans = [num(g.distances(source=[a], target=[b], weights="cost", mode="out")[0][0])
               for a, b in read_pairs(d, ids)]
    elif task == "k10":
        a, b = read_pairs(d, ids)[0]
        paths = g.get_k_shortest_paths(a, to=b, k=10, mode="out", weights="cost", output="epath")
        w = g.es["cost"]
        ans = [float(sum(w[e] for e in p)) for p in paths]
    elif task in ("betweenness_hops", "betweenness_cost"):
        vals = g.betweenness(directed=True, weights="cost" if task.endswith("cost") else None)
        ans = top5(places["id"].tolist(), vals)
    elif task == "maxflow":
        ans = float(g.maxflow_value(n, n + 1, capacity="cap"))
    else:
        raise SystemExit(f"igraph: no task {task}")
    return ans, load, time.perf_counter() - t1


# --------------------------------------------------------------------------
# rustworkx


def run_rustworkx(task, d, args):
    import rustworkx as rx

    places, legs, ids, src, dst = read(d)
    n = len(places)
    g = rx.PyDiGraph(multigraph=task not in ("betweenness_hops",))
    g.add_nodes_from(places["id"].tolist())
    if task == "load":
        payload = list(zip(legs["kind"].astype(str).tolist(), legs["weight"].tolist(),
                           legs["cost"].tolist(), legs["days"].tolist(),
                           legs["status"].astype(str).tolist()))
        g.add_edges_from(list(zip(src.tolist(), dst.tolist(), payload)))
        return {"places": g.num_nodes(), "legs": g.num_edges()}, time.perf_counter() - T0, 0.0
    s, t, pl = people(legs, src, dst)
    if task == "betweenness_hops":
        s, t, _ = simple(s, t, pl["cost"].to_numpy())
        g.add_edges_from_no_data(list(zip(s.tolist(), t.tolist())))
    else:
        g.add_edges_from(list(zip(s.tolist(), t.tolist(), pl["cost"].astype(float).tolist())))
    load = time.perf_counter() - T0
    t1 = time.perf_counter()
    if task == "roles":
        ans = role_counts_from([g.out_degree(i) for i in range(n)],
                               [g.in_degree(i) for i in range(n)])
    elif task in ("path1", "path100"):
        pairs = read_pairs(d, ids)
        if task == "path1":
            pairs = pairs[:1]
        out = []
        for a, b in pairs:
            r = rx.digraph_dijkstra_shortest_path_lengths(g, int(a), edge_cost_fn=float, goal=int(b))
            out.append(num(r[int(b)]) if int(b) in r else None)
        ans = out[0] if task == "path1" else out
    elif task == "betweenness_hops":
        b = rx.digraph_betweenness_centrality(g, normalized=False)
        ans = top5(places["id"].tolist(), [b[i] for i in range(n)])
    else:
        raise SystemExit(f"rustworkx: no task {task}")
    return ans, load, time.perf_counter() - t1


# --------------------------------------------------------------------------
# networkx


def run_networkx(task, d, args):
    import networkx as nx

    places, legs, ids, src, dst = read(d)
    n = len(places)
    names = places["id"].tolist()
    if task == "load":
        G = nx.MultiDiGraph()
        G.add_nodes_from(names)
        attrs = legs[["kind", "weight", "cost", "days", "status"]].to_dict("records")
        G.add_edges_from(zip(legs["from"].tolist(), legs["to"].tolist(), attrs))
        return {"places": G.number_of_nodes(), "legs": G.number_of_edges()}, time.perf_counter() - T0, 0.0
    s, t, pl = people(legs, src, dst)
    if task in ("betweenness_hops", "betweenness_cost", "k10", "maxflow"):
        how = "sum" if task == "maxflow" else "min"
        col = "weight" if task == "maxflow" else "cost"
        s, t, w = simple(s, t, pl[col].to_numpy(), how)
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(s.tolist(), t.tolist(), w.tolist()),
                                  weight="capacity" if task == "maxflow" else "cost")
    else:
        G = nx.MultiDiGraph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(s.tolist(), t.tolist(), pl["cost"].tolist()), weight="cost")
    load = time.perf_counter() - T0
    t1 = time.perf_counter()
    if task == "roles":
        ans = role_counts_from([G.out_degree(i) for i in range(n)], [G.in_degree(i) for i in range(n)])
    elif task in ("path1", "path100"):
        pairs = read_pairs(d, ids)
        if task == "path1":
            pairs = pairs[:1]
        out = []
        for a, b in pairs:
            try:
                out.append(float(nx.dijkstra_path_length(G, int(a), int(b), weight="cost")))
            except nx.NetworkXNoPath:
                out.append(None)
        ans = out[0] if task == "path1" else out
    elif task == "k10":
        a, b = read_pairs(d, ids)[0]
        ans = []
        for p in nx.shortest_simple_paths(G, int(a), int(b), weight="cost"):
            ans.append(float(nx.path_weight(G, p, "cost")))
            if len(ans) == 10:
                break
    elif task in ("betweenness_hops", "betweenness_cost"):
        b = nx.betweenness_centrality(G, normalized=False,
                                      weight="cost" if task.endswith("cost") else None)
        ans = top5(names, [b[i] for i in range(n)])
    elif task == "maxflow":
        outd = np.bincount(s, minlength=n)
        ind = np.bincount(t, minlength=n)
        for v in np.nonzero((outd > 0) & (ind == 0))[0].tolist():
            G.add_edge("S*", v)
        for v in np.nonzero((outd == 0) & (ind > 0))[0].tolist():
            G.add_edge(v, "T*")
        ans = float(nx.maximum_flow_value(G, "S*", "T*", capacity="capacity"))
    else:
        raise SystemExit(f"networkx: no task {task}")
    return ans, load, time.perf_counter() - t1


# --------------------------------------------------------------------------
# matplotlib (through networkx.draw, arrows included)


def run_matplotlib(task, d, args):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    out = args[0]
    places, legs, ids, src, dst = read(d)
    s, t, _ = simple(src, dst, legs["cost"].to_numpy())
    G = nx.DiGraph()
    G.add_nodes_from(range(len(places)))
    G.add_edges_from(zip(s.tolist(), t.tolist()))
    pos = dict(enumerate(zip(places["lon"].tolist(), places["lat"].tolist())))
    load = time.perf_counter() - T0
    t1 = time.perf_counter()
    fig = plt.figure(figsize=(16, 10), dpi=100)
    nx.draw(G, pos, node_size=2, width=0.3, arrows=True, arrowsize=4, edge_color="#4466aa")
    fig.savefig(out)
    return {"file": out}, load, time.perf_counter() - t1


def main():
    tool, task, d, *args = sys.argv[1:]
    fn = {"igraph": run_igraph, "rustworkx": run_rustworkx, "networkx": run_networkx,
          "matplotlib": run_matplotlib}[tool]
    ans, load, task_s = fn(task, d, args)
    json.dump({"answer": ans, "load_s": load, "task_s": task_s}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
