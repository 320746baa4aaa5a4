//! Betweenness centrality (Brandes, 2001), exact and directed, of places and
//! legs, by hops (breadth-first search) or by cost or days (Dijkstra), plus
//! the *route share*: how much of the source → destination traffic runs
//! through a place or a leg.
//!
//! # Definitions
//!
//! For places `s ≠ v ≠ t`, let `σ_st` be the number of shortest routes from
//! `s` to `t` and `σ_st(v)` the number of those that pass through `v` (for a
//! leg `e`, `σ_st(e)` the number that use `e`). Then
//!
//! ```text
//! betweenness(v) = Σ_{s ≠ v ≠ t}  σ_st(v) / σ_st        (pairs with σ_st > 0)
//! betweenness(e) = Σ_{s ≠ t}      σ_st(e) / σ_st
//! ```
//!
//! exactly as NetworkX's `betweenness_centrality(G, normalized=False,
//! weight=…)` and `edge_betweenness_centrality` for a `DiGraph`. Normalised
//! values multiply by `1 / ((n-1)(n-2))` for places (when `n > 2`) and by
//! `1 / (n(n-1))` for legs (when `n > 1`), `n` being the number of places in
//! the data set (isolated ones included), as NetworkX does for directed
//! graphs.
//!
//! The route share of `v` (or `e`) averages `σ_st(v) / σ_st` over the pairs
//! `(s, t)` where `s` is a source and `t` a destination (as
//! [`roles`](super::roles::roles) computes them) and `t` is reachable from
//! `s`: the fraction of the shortest routes, pair by pair, that cross `v`.
//! A source or destination never lies *inside* a route between two others
//! (roles make sources have no legs in, destinations no legs out), so the
//! share of places is about transit places; a leg's share counts the first
//! and last legs of routes too.
//!
//! # Ties and weights
//!
//! Route lengths are compared exactly (`f64` sums, no epsilon), as NetworkX
//! does: two routes tie only when their sums are bit-for-bit equal, which
//! integer costs and days always give. Legs with no value for the metric
//! weigh 0 (see [`Csr`]). With zero weights, routes of equal length can run
//! both ways round a zero-length cycle; a route is then counted only when it
//! follows the order in which Dijkstra settles places (a fixed order),
//! which keeps the count finite and deterministic. With positive weights
//! that rule is the plain definition above.
//!
//! # Parallel legs and loops
//!
//! A NetworkX `DiGraph` cannot hold two edges between the same places. Here,
//! as in [`paths`](super::paths), a route between two consecutive places uses
//! the lightest of their parallel legs (ties: the first leg in the data), so
//! that leg carries the whole betweenness of the pair and the others get 0;
//! node betweenness is that of the graph with parallel legs collapsed to the
//! lightest. (NetworkX's `MultiDiGraph` instead splits an edge's value among
//! the parallel edges of equal least weight.) A leg from a place to itself
//! lies on no shortest route and is ignored.
//!
//! # Example
//!
//! ```text
//!         ┌──▶ B ──┐
//!   A ────┤        ├──▶ D ───▶ E        hops: A→D has two shortest routes,
//!         └──▶ C ──┘                    A→B→D and A→C→D.
//!
//!   betweenness:  B = C = 1/2 + 1/2 = 1   (A→D, A→E: half of each)
//!                 D = 3                   (A→E, B→E, C→E)
//!   legs:         A→B = A→C = 1/2 + 1/2 + 1 (A→B itself) = 2
//!                 B→D = C→D = 1/2 + 1/2 + 1 + 1 = 3,   D→E = 4
//! ```
//!
//! # Complexity
//!
//! By hops: **O(V·E)** time. By cost or days: **O(V·(V + E) log V)** time
//! with a binary heap; the radix heap used here makes each search
//! O(E + V·B), B ≤ 64 the bits of a distance, so **O(V·E + V²·B)**.
//! Memory **O(V + E)** per worker thread plus a bounded number of partial
//! sums (at most 64 and about 128 MiB, whichever is less). The sources are
//! split into chunks that depend only on `V`; chunks run in parallel on
//! rayon's pool and their partial sums are added in chunk order, so the
//! result is bit-for-bit the same whatever the number of threads.

use super::csr::{Csr, Metric};
use super::radix::RadixHeap;
use super::roles::roles;
use crate::model::{LegFilter, Role, RouteGraph};
use rayon::prelude::*;
use std::ops::Range;

/// Sources and destinations for the route share, one flag per place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareSets {
    pub sources: Vec<bool>,
    pub destinations: Vec<bool>,
}

/// What [`brandes`] computes besides node betweenness.
#[derive(Debug, Clone, Default)]
pub struct BrandesOptions {
    /// Also edge (leg) betweenness.
    pub edges: bool,
    /// Also the route share between these sources and destinations.
    pub share: Option<ShareSets>,
}

/// Raw results of [`brandes`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brandes {
    /// Betweenness of each place (raw, not normalised).
    pub node: Vec<f64>,
    /// Betweenness of each edge position of the input [`Csr`] (raw); empty
    /// unless asked for. Heavier parallel edges and loops get 0.
    pub edge: Vec<f64>,
    /// Route share of each place (already divided by `pairs`); empty unless asked for.
    pub node_share: Vec<f64>,
    /// Route share of each edge position; empty unless both were asked for.
    pub edge_share: Vec<f64>,
    /// Source → destination pairs with at least one route.
    pub pairs: u64,
}

/// NetworkX's factor for normalised node betweenness of a directed graph
/// with `n` nodes: `1 / ((n-1)(n-2))`, or 1 when `n ≤ 2`.
pub fn node_scale(n: usize) -> f64 {
    if n > 2 {
        1.0 / ((n - 1) as f64 * (n - 2) as f64)
    } else {
        1.0
    }
}

/// NetworkX's factor for normalised edge betweenness of a directed graph
/// with `n` nodes: `1 / (n(n-1))`, or 1 when `n ≤ 1`.
pub fn edge_scale(n: usize) -> f64 {
    if n > 1 {
        1.0 / (n as f64 * (n - 1) as f64)
    } else {
        1.0
    }
}

/// The input CSR with loops and heavier parallel edges dropped.
struct Simple {
    offsets: Vec<u32>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// Weighted graphs: `(weight, target)` side by side, one cache line for both.
    wt: Vec<(f64, u32)>,
    /// Position in the input CSR of each kept edge.
    orig: Vec<u32>,
}

impl Simple {
    fn new(csr: &Csr) -> Simple {
        let n = csr.node_count();
        let mut s = Simple {
            offsets: Vec::with_capacity(n + 1),
            targets: Vec::with_capacity(csr.edge_count()),
            weights: Vec::with_capacity(csr.edge_count()),
            wt: Vec::new(),
            orig: Vec::with_capacity(csr.edge_count()),
        };
        s.offsets.push(0);
        for u in 0..n {
            let mut last = u32::MAX;
            // Out-edges are sorted by target, then weight, then leg: the
            // first edge to each target is the lightest (first in the data on ties).
            for k in csr.out(u) {
                let v = csr.targets[k];
                if v == last || v as usize == u {
                    continue;
                }
                last = v;
                s.targets.push(v);
                s.weights.push(csr.weights[k]);
                s.orig.push(k as u32);
            }
            s.offsets.push(s.targets.len() as u32);
        }
        if s.weights.iter().any(|&w| w != 1.0) {
            s.wt = s
                .weights
                .iter()
                .copied()
                .zip(s.targets.iter().copied())
                .collect();
        }
        s
    }
    #[inline]
    fn out(&self, u: usize) -> Range<usize> {
        self.offsets[u] as usize..self.offsets[u + 1] as usize
    }
}

/// Per-worker buffers, allocated once and reset in O(reached) after each source.
struct Work {
    level: Vec<u32>,
    dist: Vec<f64>,
    pos: Vec<u32>,
    sigma: Vec<f64>,
    /// BFS: after a place is done, `(1 + δ(v)) / σ(v)`, what each
    /// predecessor multiplies by its σ. Dijkstra: δ(v) itself.
    dep: Vec<f64>,
    /// The same for the route share: `(1[v ∈ D] + δ_D(v)) / σ(v)`, or δ_D(v).
    dep2: Vec<f64>,
    order: Vec<u32>,
    /// BFS: the shortest-route DAG's edges, by place in BFS order, and where
    /// each place's run starts (indexed by BFS position).
    dag: Vec<u32>,
    seg: Vec<u32>,
    heap: RadixHeap,
    /// Dijkstra: chains of `(edge, from, next)` reaching each place at its
    /// distance, and the first link of each place's chain.
    chain: Vec<(u32, u32, u32)>,
    head: Vec<u32>,
}

impl Work {
    fn new(n: usize, unit: bool, share: bool) -> Work {
        Work {
            level: if unit { vec![u32::MAX; n] } else { Vec::new() },
            dist: if unit {
                Vec::new()
            } else {
                vec![f64::INFINITY; n]
            },
            pos: if unit { Vec::new() } else { vec![u32::MAX; n] },
            sigma: vec![0.0; n],
            dep: vec![0.0; n],
            dep2: if share { vec![0.0; n] } else { Vec::new() },
            order: Vec::with_capacity(n),
            dag: Vec::new(),
            seg: Vec::with_capacity(if unit { n + 1 } else { 0 }),
            heap: RadixHeap::default(),
            chain: Vec::new(),
            head: if unit { Vec::new() } else { vec![u32::MAX; n] },
        }
    }
}

/// Partial sums over a chunk of sources.
#[derive(Clone)]
struct Acc {
    node: Vec<f64>,
    edge: Vec<f64>,
    node_share: Vec<f64>,
    edge_share: Vec<f64>,
    pairs: u64,
}

impl Acc {
    fn new(n: usize, m: usize, edges: bool, share: bool) -> Acc {
        Acc {
            node: vec![0.0; n],
            edge: if edges { vec![0.0; m] } else { Vec::new() },
            node_share: if share { vec![0.0; n] } else { Vec::new() },
            edge_share: if edges && share {
                vec![0.0; m]
            } else {
                Vec::new()
            },
            pairs: 0,
        }
    }
    fn clear(&mut self) {
        self.node.fill(0.0);
        self.edge.fill(0.0);
        self.node_share.fill(0.0);
        self.edge_share.fill(0.0);
        self.pairs = 0;
    }
    fn add(&mut self, o: &Acc) {
        fn add(a: &mut [f64], b: &[f64]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += *y;
            }
        }
        add(&mut self.node, &o.node);
        add(&mut self.edge, &o.edge);
        add(&mut self.node_share, &o.node_share);
        add(&mut self.edge_share, &o.edge_share);
        self.pairs += o.pairs;
    }
}

/// Brandes' algorithm over `csr`: node betweenness, and optionally edge
/// betweenness and the route share (see the module docs for the
/// definitions). Uses breadth-first search when every weight is 1 (hops),
/// Dijkstra otherwise; sources run in parallel on the current rayon pool.
///
/// ```text
///   for each source s (in parallel, chunk by chunk):
///     forward:  BFS / Dijkstra from s, counting σ(v), the shortest routes to v,
///               recording the order places are reached in and the edges
///               u → v of the shortest-route DAG
///     backward: for each DAG edge u → v, places in reverse order,
///               c = σ(u) · (1 + δ(v)) / σ(v);  edge[u→v] += c;  δ(u) += c
///               node[v] += δ(v)  (v ≠ s)
///   add the chunks' partial sums in chunk order
/// ```
///
/// O(V·E) by hops; weighted O(V·E + V²·B) with the radix heap (B ≤ 64, the
/// bits of a distance; O(V·(V + E) log V) with a binary heap); O(V + E)
/// memory per thread.
pub fn brandes(csr: &Csr, opts: &BrandesOptions) -> Brandes {
    let g = Simple::new(csr);
    let n = csr.node_count();
    let m = g.targets.len();
    let unit = g.weights.iter().all(|&w| w == 1.0);
    let share = opts.share.as_ref();
    if let Some(sh) = share {
        assert_eq!(sh.sources.len(), n, "one source flag per place");
        assert_eq!(sh.destinations.len(), n, "one destination flag per place");
    }
    let want_share = share.is_some();
    // Chunks depend only on n, never on the number of threads.
    let chunk = n.div_ceil(256).max(1);
    let chunks: Vec<Range<usize>> = (0..n)
        .step_by(chunk)
        .map(|a| a..(a + chunk).min(n))
        .collect();
    let slot_bytes = 8 * (n + if opts.edges { m } else { 0 }) * if want_share { 2 } else { 1 };
    let wave = (128usize << 20)
        .checked_div(slot_bytes)
        .unwrap_or(64)
        .clamp(1, 64)
        .min(chunks.len().max(1));
    let mut total = Acc::new(n, m, opts.edges, want_share);
    let mut slots = vec![total.clone(); wave];
    let no_dest: Vec<bool> = Vec::new();
    let dest: &[bool] = share.map_or(&no_dest, |s| &s.destinations);
    for wave_chunks in chunks.chunks(wave) {
        slots[..wave_chunks.len()]
            .par_iter_mut()
            .zip(wave_chunks.par_iter())
            .for_each_init(
                || Work::new(n, unit, want_share),
                |work, (acc, range)| {
                    acc.clear();
                    for s in range.clone() {
                        let is_src = share.is_some_and(|sh| sh.sources[s]);
                        match (unit, opts.edges, is_src) {
                            (true, false, false) => bfs::<false, false>(&g, s, work, acc, dest),
                            (true, false, true) => bfs::<false, true>(&g, s, work, acc, dest),
                            (true, true, false) => bfs::<true, false>(&g, s, work, acc, dest),
                            (true, true, true) => bfs::<true, true>(&g, s, work, acc, dest),
                            (false, false, false) => {
                                dijkstra::<false, false>(&g, s, work, acc, dest)
                            }
                            (false, false, true) => dijkstra::<false, true>(&g, s, work, acc, dest),
                            (false, true, false) => dijkstra::<true, false>(&g, s, work, acc, dest),
                            (false, true, true) => dijkstra::<true, true>(&g, s, work, acc, dest),
                        }
                    }
                },
            );
        for acc in &slots[..wave_chunks.len()] {
            total.add(acc);
        }
    }
    let pairs = total.pairs;
    let per_pair = |v: Vec<f64>| -> Vec<f64> {
        if pairs == 0 {
            v
        } else {
            let p = pairs as f64;
            v.into_iter().map(|x| x / p).collect()
        }
    };
    let unsimplify = |v: Vec<f64>, wanted: bool| -> Vec<f64> {
        if !wanted {
            return Vec::new();
        }
        let mut out = vec![0.0; csr.edge_count()];
        for (k, x) in v.into_iter().enumerate() {
            out[g.orig[k] as usize] = x;
        }
        out
    };
    Brandes {
        node: total.node,
        edge: unsimplify(total.edge, opts.edges),
        node_share: per_pair(total.node_share),
        edge_share: unsimplify(per_pair(total.edge_share), opts.edges && want_share),
        pairs,
    }
}

/// One source by breadth-first search. `E`: edge sums; `S`: route share.
///
/// The forward pass records the edges of the shortest-route DAG as it finds
/// them (all of a place's edges in one run, places in BFS order), so the
/// backward pass reads only those, in one sequential sweep.
fn bfs<const E: bool, const S: bool>(
    g: &Simple,
    s: usize,
    w: &mut Work,
    acc: &mut Acc,
    dest: &[bool],
) {
    let Work {
        level,
        sigma,
        dep,
        dep2,
        order,
        dag,
        seg,
        ..
    } = w;
    order.clear();
    dag.clear();
    seg.clear();
    level[s] = 0;
    sigma[s] = 1.0;
    order.push(s as u32);
    let mut head = 0;
    // The queue is the order array itself: BFS pops in push order.
    while head < order.len() {
        let u = order[head] as usize;
        head += 1;
        seg.push(dag.len() as u32);
        let lv = level[u] + 1;
        let su = sigma[u];
        for k in g.out(u) {
            let v = g.targets[k] as usize;
            let l = level[v];
            if l == u32::MAX {
                level[v] = lv;
                sigma[v] = su;
                order.push(v as u32);
                dag.push(k as u32);
            } else if l == lv {
                sigma[v] += su;
                dag.push(k as u32);
            }
        }
    }
    seg.push(dag.len() as u32);
    if S {
        acc.pairs += order[1..].iter().filter(|&&v| dest[v as usize]).count() as u64;
    }
    for i in (0..order.len()).rev() {
        let x = order[i] as usize;
        let sx = sigma[x];
        let mut d = 0.0;
        let mut d2 = 0.0;
        for &k in &dag[seg[i] as usize..seg[i + 1] as usize] {
            let k = k as usize;
            let v = g.targets[k] as usize;
            let c = sx * dep[v];
            d += c;
            if E {
                acc.edge[k] += c;
            }
            if S {
                let c2 = sx * dep2[v];
                d2 += c2;
                if E {
                    acc.edge_share[k] += c2;
                }
            }
        }
        if x != s {
            acc.node[x] += d;
            if S {
                acc.node_share[x] += d2;
            }
        }
        dep[x] = (1.0 + d) / sx;
        if S {
            dep2[x] = (if dest[x] { 1.0 } else { 0.0 } + d2) / sx;
        }
    }
    for &v in order.iter() {
        level[v as usize] = u32::MAX;
    }
}

/// One source by Dijkstra, with σ counted on exact ties.
///
/// While relaxing, each place keeps a chain of the edges that reach it at
/// its current distance (a shorter distance starts a new chain), so the
/// chains end up holding exactly the shortest-route DAG; the backward pass
/// walks them from each place to its predecessors, as NetworkX does:
/// `c = σ(u) · (1 + δ(w)) / σ(w)` for every DAG edge `u → w`.
fn dijkstra<const E: bool, const S: bool>(
    g: &Simple,
    s: usize,
    w: &mut Work,
    acc: &mut Acc,
    dest: &[bool],
) {
    const NONE: u32 = u32::MAX;
    let Work {
        dist,
        pos,
        sigma,
        dep: delta,
        dep2: delta2,
        order,
        heap,
        chain,
        head,
        ..
    } = w;
    order.clear();
    heap.clear();
    chain.clear();
    dist[s] = 0.0;
    sigma[s] = 1.0;
    head[s] = NONE;
    // Distances are ≥ 0 and never -0.0, so their bit patterns sort as the numbers do.
    heap.push(0.0f64.to_bits(), s as u32);
    while let Some(u) = heap.pop() {
        let u = u as usize;
        if pos[u] != u32::MAX {
            continue;
        }
        pos[u] = order.len() as u32;
        order.push(u as u32);
        let du = dist[u];
        let su = sigma[u];
        for k in g.out(u) {
            let (wk, v) = g.wt[k];
            let v = v as usize;
            if pos[v] != u32::MAX {
                continue;
            }
            let nd = du + wk;
            let dv = dist[v];
            if nd < dv {
                dist[v] = nd;
                sigma[v] = su;
                head[v] = chain.len() as u32;
                chain.push((k as u32, u as u32, NONE));
                heap.push(nd.to_bits(), v as u32);
            } else if nd == dv {
                sigma[v] += su;
                let next = head[v];
                head[v] = chain.len() as u32;
                chain.push((k as u32, u as u32, next));
            }
        }
    }
    for &v in order.iter() {
        delta[v as usize] = 0.0;
        if S {
            delta2[v as usize] = 0.0;
        }
    }
    if S {
        acc.pairs += order[1..].iter().filter(|&&v| dest[v as usize]).count() as u64;
    }
    for &wv in order.iter().rev() {
        let x = wv as usize;
        let dx = delta[x];
        let coeff = (1.0 + dx) / sigma[x];
        let (dx2, coeff2) = if S {
            let d2 = delta2[x];
            (d2, (if dest[x] { 1.0 } else { 0.0 } + d2) / sigma[x])
        } else {
            (0.0, 0.0)
        };
        if x != s {
            acc.node[x] += dx;
            if S {
                acc.node_share[x] += dx2;
            }
            let mut e = head[x];
            while e != NONE {
                let (k, u, next) = chain[e as usize];
                let su = sigma[u as usize];
                let c = su * coeff;
                delta[u as usize] += c;
                if E {
                    acc.edge[k as usize] += c;
                }
                if S {
                    let c2 = su * coeff2;
                    delta2[u as usize] += c2;
                    if E {
                        acc.edge_share[k as usize] += c2;
                    }
                }
                e = next;
            }
        }
    }
    for &v in order.iter() {
        dist[v as usize] = f64::INFINITY;
        pos[v as usize] = u32::MAX;
    }
}

/// Betweenness and route share of every place and leg of a route graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    pub metric: Metric,
    /// Places in the data set (the `n` of the normalisation).
    pub places: usize,
    /// Per place: raw betweenness, normalised, route share.
    pub place: Vec<f64>,
    pub place_normalized: Vec<f64>,
    pub place_share: Vec<f64>,
    /// Per leg (index = leg index; empty unless legs were asked for): raw,
    /// normalised, route share. Legs outside the filter, loops and heavier
    /// parallel legs get 0.
    pub leg: Vec<f64>,
    pub leg_normalized: Vec<f64>,
    pub leg_share: Vec<f64>,
    /// Per leg: whether it carries its place pair's betweenness (it passes
    /// the filter, is not a loop, and is the lightest of its parallel legs).
    pub counted: Vec<bool>,
    /// Source → destination pairs connected by at least one route.
    pub pairs: u64,
    /// Source and destination places (by index) the route share uses.
    pub sources: Vec<usize>,
    pub destinations: Vec<usize>,
    /// Legs that had no value for the metric (weighed 0).
    pub missing_weight: usize,
}

/// Betweenness (raw and normalised) and route share of every place and,
/// with `legs`, every leg, over the legs that pass `filter`, with route
/// lengths by `metric`. Sources and destinations are the places whose role
/// ([`roles`]) is `source` or `destination`.
///
/// O(V·E) by hops, O(V·(V + E) log V) by cost or days (see [`brandes`]).
pub fn centrality(g: &RouteGraph, filter: &LegFilter, metric: Metric, legs: bool) -> Centrality {
    let n = g.place_count();
    let csr = Csr::build(g, filter, metric);
    let r = roles(g, filter);
    let sources: Vec<usize> = (0..n).filter(|&i| r[i].role == Role::Source).collect();
    let destinations: Vec<usize> = (0..n).filter(|&i| r[i].role == Role::Destination).collect();
    let mut sets = ShareSets {
        sources: vec![false; n],
        destinations: vec![false; n],
    };
    for &s in &sources {
        sets.sources[s] = true;
    }
    for &t in &destinations {
        sets.destinations[t] = true;
    }
    let b = brandes(
        &csr,
        &BrandesOptions {
            edges: legs,
            share: Some(sets),
        },
    );
    let ns = node_scale(n);
    let es = edge_scale(n);
    let mut c = Centrality {
        metric,
        places: n,
        place_normalized: b.node.iter().map(|x| x * ns).collect(),
        place: b.node,
        place_share: b.node_share,
        leg: Vec::new(),
        leg_normalized: Vec::new(),
        leg_share: Vec::new(),
        counted: vec![false; g.leg_count()],
        pairs: b.pairs,
        sources,
        destinations,
        missing_weight: csr.missing_weight,
    };
    let simple = Simple::new(&csr);
    for &k in &simple.orig {
        c.counted[csr.legs[k as usize] as usize] = true;
    }
    if legs {
        let m = g.leg_count();
        c.leg = vec![0.0; m];
        c.leg_share = vec![0.0; m];
        for k in 0..csr.edge_count() {
            let l = csr.legs[k] as usize;
            c.leg[l] = b.edge[k];
            c.leg_share[l] = b.edge_share[k];
        }
        c.leg_normalized = c.leg.iter().map(|x| x * es).collect();
    }
    c
}

/// Places (by index) in chokepoint order: betweenness, highest first, then
/// route share, then id. Only places with a leg that passes `filter`.
pub fn rank_places(g: &RouteGraph, filter: &LegFilter, c: &Centrality) -> Vec<usize> {
    let mut touched = vec![false; g.place_count()];
    for e in g.graph.edge_indices() {
        if filter.accepts(&g.graph[e]) {
            let (a, b) = g.ends(e.index());
            touched[a] = true;
            touched[b] = true;
        }
    }
    let mut idx: Vec<usize> = (0..g.place_count()).filter(|&i| touched[i]).collect();
    idx.sort_by(|&a, &b| {
        c.place[b]
            .total_cmp(&c.place[a])
            .then(c.place_share[b].total_cmp(&c.place_share[a]))
            .then_with(|| g.place(a).id.cmp(&g.place(b).id))
    });
    idx
}

/// Legs (by index) in chokepoint order: betweenness, highest first, then
/// route share, then leg index. Only legs that pass `filter`; needs a
/// [`Centrality`] computed with legs.
pub fn rank_legs(g: &RouteGraph, filter: &LegFilter, c: &Centrality) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..g.leg_count())
        .filter(|&i| filter.accepts(g.leg(i)))
        .collect();
    idx.sort_by(|&a, &b| {
        c.leg[b]
            .total_cmp(&c.leg[a])
            .then(c.leg_share[b].total_cmp(&c.leg_share[a]))
            .then(a.cmp(&b))
    });
    idx
}

/// The `top` places (by index) with the highest betweenness (ties: route
/// share, then id), leaving out places with betweenness 0: what a map or
/// report marks as chokepoints.
///
/// O(V·E) by hops, O(V·(V + E) log V) by cost or days.
pub fn top_chokepoints(
    g: &RouteGraph,
    filter: &LegFilter,
    metric: Metric,
    top: usize,
) -> Vec<usize> {
    let c = centrality(g, filter, metric, false);
    let mut r = rank_places(g, filter, &c);
    r.retain(|&i| c.place[i] > 0.0);
    r.truncate(top);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(n: usize, edges: &[(u32, u32, f64)]) -> Csr {
        Csr::from_edges(
            n,
            edges
                .iter()
                .enumerate()
                .map(|(i, &(a, b, w))| (a, b, i as u32, w))
                .collect(),
        )
    }

    #[test]
    fn module_doc_example() {
        // A=0 B=1 C=2 D=3 E=4
        let c = csr(
            5,
            &[
                (0, 1, 1.0),
                (0, 2, 1.0),
                (1, 3, 1.0),
                (2, 3, 1.0),
                (3, 4, 1.0),
            ],
        );
        let b = brandes(
            &c,
            &BrandesOptions {
                edges: true,
                share: None,
            },
        );
        assert_eq!(b.node, vec![0.0, 1.0, 1.0, 3.0, 0.0]);
        // Edge positions follow the CSR order, which here is the input order.
        assert_eq!(b.edge, vec![2.0, 2.0, 3.0, 3.0, 4.0]);
    }

    #[test]
    fn zero_weight_cycles_stay_finite() {
        let c = csr(
            4,
            &[
                (0, 1, 0.0),
                (1, 2, 0.0),
                (2, 1, 0.0),
                (1, 3, 1.0),
                (2, 3, 1.0),
            ],
        );
        let b = brandes(&c, &BrandesOptions::default());
        assert!(b.node.iter().all(|x| x.is_finite()));
    }
}
