//! Minimum cuts: the fewest places (vertex cut) or legs (edge cut) whose
//! removal leaves no route from a set of sources to a set of sinks, with the
//! maximum flow that proves the cut minimal (Menger; Ford and Fulkerson).
//!
//! # Construction
//!
//! Both cuts are a maximum flow on a network built for the question, solved
//! with highest-label push-relabel over a compressed adjacency (`FlowNet`);
//! the cut is then read from the residual network: the places from which
//! the super source is reachable, in the reversed network the flow ran on,
//! through arcs with room left — which are the places the super source
//! reaches in the residual network of a maximum flow — form one side, and
//! the saturated edges leaving that side are the cut. Of all minimum cuts,
//! this is the one **nearest the sources**.
//!
//! ```text
//!  vertex cut: every place v splits into v_in ──cap──▶ v_out, where cap is 1,
//!  or ∞ for sources, sinks and --keep places; each leg u → v becomes
//!  u_out ──∞──▶ v_in; a super source σ and a super sink τ join the sets.
//!
//!      σ ──∞──▶ S_in ─∞─▶ S_out ──∞──▶ B_in ─1─▶ B_out ──∞──▶ T_in ─∞─▶ T_out ──∞──▶ τ
//!                                ╲                         ╱
//!                                 ╲─∞─▶ C_in ─1─▶ C_out ─∞╱       max flow 2: cut {B, C}
//!
//!  edge cut: places stay whole; each leg u → v is u ──c──▶ v with c = 1
//!  (by legs) or its number of persons (by persons); parallel legs are
//!  separate edges and are cut separately.
//! ```
//!
//! When a source and a sink are joined by a leg, or by a route through
//! `--keep` places only, no set of cuttable places separates them: the
//! vertex cut is infinite. [`VertexCut`] then says so, names the legs no
//! place can stop, and gives the minimum set of places that cuts every
//! route passing at least one cuttable place. (For that the network has two
//! layers, before and after a route's first cuttable place; without
//! uncuttable legs it is the usual cut.)
//!
//! With `by persons`, a leg that gives no number of persons counts as one
//! person (it is neither free to cut nor uncuttable); capacities are whole
//! thousandths of a person, so the flow is exact.
//!
//! # Complexity
//!
//! Highest-label push-relabel: **O(V²·√E)**, in practice far less with
//! global relabelling and the gap heuristic (on 10,000 places and 100,000
//! legs, tens of milliseconds). The node splitting doubles V and adds V
//! edges. Reading the cut: O(V + E).

use crate::model::{LegFilter, Role, RouteGraph};
use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;

/// What an edge cut minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CutBy {
    /// The number of legs.
    #[default]
    Legs,
    /// The number of persons the cut legs carry (unknown: 1 each).
    Persons,
}

impl CutBy {
    pub fn as_str(self) -> &'static str {
        match self {
            CutBy::Legs => "legs",
            CutBy::Persons => "persons",
        }
    }
}

impl fmt::Display for CutBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CutBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "legs" => Ok(CutBy::Legs),
            "persons" => Ok(CutBy::Persons),
            _ => Err(format!(
                "unknown cut measure {s:?}, expected legs or persons"
            )),
        }
    }
}

/// The minimum set of places whose removal separates the sources from the sinks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VertexCut {
    /// The places to remove, by index, sorted. When the cut is infinite,
    /// the places that cut every route except the uncuttable ones.
    pub places: Vec<usize>,
    /// The maximum number of routes that share no cuttable place (= the
    /// size of the cut); `None` when no finite vertex cut exists.
    pub flow: Option<u64>,
    /// Legs on a route from a source to a sink through places that may not
    /// be cut (sources, sinks, `keep`): no place cut can stop them. Sorted.
    pub uncuttable: Vec<usize>,
    /// When infinite: one such route, as places from a source to a sink.
    pub example: Vec<usize>,
}

impl VertexCut {
    pub fn is_finite(&self) -> bool {
        self.flow.is_some()
    }
    /// Why there is no finite vertex cut ("no finite vertex cut: DOM -> USA
    /// is a direct leg"), or `None` when there is one.
    pub fn reason(&self, g: &RouteGraph) -> Option<String> {
        if self.is_finite() {
            return None;
        }
        let ids: Vec<&str> = self
            .example
            .iter()
            .map(|&p| g.place(p).id.as_str())
            .collect();
        let how = if ids.len() == 2 {
            "is a direct leg"
        } else {
            "runs only through places that may not be cut"
        };
        Some(format!("no finite vertex cut: {} {how}", ids.join(" -> ")))
    }
}

/// The minimum set of legs whose removal separates the sources from the sinks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeCut {
    /// The legs to remove, by index, sorted.
    pub legs: Vec<usize>,
    /// The maximum flow: the number of legs, or of persons, in the cut.
    pub flow: f64,
    pub by: CutBy,
    /// With `by persons`: cut legs that give no number of persons (counted as 1).
    pub unknown_persons: usize,
}

/// A vertex cut and an edge cut between the same places.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cut {
    pub sources: Vec<usize>,
    pub sinks: Vec<usize>,
    /// Places that may not be cut besides the sources and sinks.
    pub keep: Vec<usize>,
    pub vertex: VertexCut,
    pub edge: EdgeCut,
}

impl Cut {
    /// Whether any route joined a source to a sink before the cut.
    pub fn connected(&self) -> bool {
        self.edge.flow > 0.0
    }
}

/// Maximum flow from `s` to `t` and the source side of the minimum cut
/// nearest `s`: the network nodes the residual network of a maximum flow
/// reaches from `s`. Returns `(flow, reached)`.
///
/// Push-relabel finds the cut nearest its *sink*, so it runs on the
/// reversed network, from `t` to `s`: a cut there is the same cut here
/// with its sides swapped, and the side nearest `s` there is the one
/// wanted here — the nodes that can still reach `s` in the reversed
/// residual network.
fn max_flow(nodes: usize, edges: &[(u32, u32, u64)], s: usize, t: usize) -> (u64, Vec<bool>) {
    let mut net = FlowNet::new(nodes, edges.iter().map(|&(a, b, c)| (b, a, c)));
    let flow = net.push_relabel(t, s);
    let reached = net.reaching(s);
    (flow, reached)
}

/// A flow network as a compressed adjacency: the arcs leaving node `u` are
/// `off[u]..off[u + 1]`; every edge is a forward arc holding its remaining
/// capacity and a paired backward arc (`rev`) holding the flow sent.
///
/// petgraph's `dinics` kept a `DiGraph` and searched its edge lists; on a
/// 100,000-leg set it took seconds where this takes milliseconds
/// (docs/performance.md). Our own Dinic over this network took 0.15 s
/// there; push-relabel takes 0.03 s.
struct FlowNet {
    off: Vec<usize>,
    arcs: Vec<Arc>,
}

/// One arc of a [`FlowNet`], 16 bytes so that a node's arcs share cache lines.
#[derive(Clone, Copy, Default)]
struct Arc {
    to: u32,
    /// The index of the paired arc in the other direction.
    rev: u32,
    /// Remaining capacity.
    cap: u64,
}

impl FlowNet {
    /// The network of `edges` `(from, to, capacity)`, read twice.
    fn new(nodes: usize, edges: impl Iterator<Item = (u32, u32, u64)> + Clone) -> FlowNet {
        let mut off = vec![0usize; nodes + 1];
        for (a, b, _) in edges.clone() {
            off[a as usize + 1] += 1;
            off[b as usize + 1] += 1;
        }
        for i in 0..nodes {
            off[i + 1] += off[i];
        }
        let mut next = off.clone();
        let mut arcs = vec![Arc::default(); off[nodes]];
        for (a, b, c) in edges {
            let (fa, ba) = (next[a as usize], next[b as usize]);
            next[a as usize] += 1;
            next[b as usize] += 1;
            arcs[fa] = Arc {
                to: b,
                rev: ba as u32,
                cap: c,
            };
            arcs[ba] = Arc {
                to: a,
                rev: fa as u32,
                cap: 0,
            };
        }
        FlowNet { off, arcs }
    }

    /// The maximum flow value from `s` to `t`: the first phase of the
    /// highest-label push-relabel algorithm (Goldberg and Tarjan; the
    /// heuristics of Cherkassky and Goldberg's HIPR), which ends with a
    /// maximum *preflow*. That is enough for the value and for the cut
    /// nearest `t` ([`FlowNet::reaching`]); the excess stranded at nodes that
    /// cannot reach `t` is never sent back.
    ///
    /// - Labels are distances to `t` in the residual network, set exactly by
    ///   a backward breadth-first search at the start and again after about
    ///   `6n + m/2` units of relabelling work (global relabelling).
    /// - When the last node leaves a label, every node above it can no
    ///   longer reach `t` and leaves the game (the gap heuristic).
    /// - The active node with the highest label is discharged first.
    fn push_relabel(&mut self, s: usize, t: usize) -> u64 {
        let n = self.off.len() - 1;
        if s == t {
            return 0;
        }
        let mut st = Labels::new(n);
        for a in self.off[s]..self.off[s + 1] {
            let c = self.arcs[a].cap;
            if c > 0 {
                let (to, r) = (self.arcs[a].to as usize, self.arcs[a].rev as usize);
                self.arcs[a].cap = 0;
                self.arcs[r].cap += c;
                st.excess[to] += c;
            }
        }
        let dead = n as u32;
        let budget = 6 * n + self.arcs.len() / 2;
        let mut work = 0usize;
        self.global_relabel(&mut st, s, t);
        while let Some(v) = st.pop_active() {
            // Discharge v: push along admissible arcs, relabel when none is left.
            loop {
                let d = st.label[v];
                let end = self.off[v + 1];
                let mut a = st.cur[v];
                while a < end {
                    let arc = self.arcs[a];
                    let w = arc.to as usize;
                    if arc.cap > 0 && st.label[w] + 1 == d {
                        let delta = arc.cap.min(st.excess[v]);
                        self.arcs[a].cap -= delta;
                        self.arcs[arc.rev as usize].cap += delta;
                        if st.excess[w] == 0 && w != t {
                            st.push_active(w);
                        }
                        st.excess[w] += delta;
                        st.excess[v] -= delta;
                        if st.excess[v] == 0 {
                            break;
                        }
                    }
                    a += 1;
                }
                st.cur[v] = a;
                if st.excess[v] == 0 {
                    break;
                }
                // Relabel, unless v was the last node at its label (a gap).
                if st.leave(v) {
                    st.gap(d);
                    st.label[v] = dead;
                    break;
                }
                let (mut best, mut best_arc) = (dead, end);
                for a in self.off[v]..end {
                    let arc = self.arcs[a];
                    if arc.cap > 0 && st.label[arc.to as usize] + 1 < best {
                        best = st.label[arc.to as usize] + 1;
                        best_arc = a;
                    }
                }
                work += 12 + end - self.off[v];
                st.label[v] = best;
                if best == dead {
                    break;
                }
                st.cur[v] = best_arc;
                st.enter(v);
            }
            if work > budget {
                work = 0;
                self.global_relabel(&mut st, s, t);
            }
        }
        st.excess[t]
    }

    /// Exact labels (distances to `t` over arcs with capacity left; `n`
    /// when `t` is out of reach), and the buckets rebuilt from them.
    fn global_relabel(&self, st: &mut Labels, s: usize, t: usize) {
        let n = self.off.len() - 1;
        st.label.fill(n as u32);
        st.clear();
        st.label[t] = 0;
        let mut queue = std::mem::take(&mut st.queue);
        queue.clear();
        queue.push(t as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            let next = st.label[v] + 1;
            for arc in &self.arcs[self.off[v]..self.off[v + 1]] {
                let u = arc.to as usize;
                if st.label[u] == n as u32 && u != s && self.arcs[arc.rev as usize].cap > 0 {
                    st.label[u] = next;
                    queue.push(u as u32);
                }
            }
        }
        for &v in &queue[1..] {
            let v = v as usize;
            st.cur[v] = self.off[v];
            st.enter(v);
            if st.excess[v] > 0 {
                st.push_active(v);
            }
        }
        st.queue = queue;
    }

    /// The nodes that can reach `t` through arcs with capacity left.
    fn reaching(&self, t: usize) -> Vec<bool> {
        let n = self.off.len() - 1;
        let mut reached = vec![false; n];
        let mut queue = vec![t];
        reached[t] = true;
        while let Some(v) = queue.pop() {
            for arc in &self.arcs[self.off[v]..self.off[v + 1]] {
                let u = arc.to as usize;
                if !reached[u] && self.arcs[arc.rev as usize].cap > 0 {
                    reached[u] = true;
                    queue.push(u);
                }
            }
        }
        reached
    }
}

/// The labels, excesses and buckets of [`FlowNet::push_relabel`].
///
/// Every live node (label below `n`, not the source or sink) is in the
/// doubly linked list of its label, for the gap heuristic; active nodes
/// (with excess) are also on a stack per label.
struct Labels {
    label: Vec<u32>,
    excess: Vec<u64>,
    /// The current arc of each node: arcs before it are not admissible.
    cur: Vec<usize>,
    /// First node of each label's list, and each node's neighbours in it.
    first: Vec<u32>,
    next: Vec<u32>,
    prev: Vec<u32>,
    /// Top of each label's stack of active nodes, and the node below each.
    active: Vec<u32>,
    below: Vec<u32>,
    /// No live node has a label above `top`, no active one above `top_active`.
    top: usize,
    top_active: usize,
    queue: Vec<u32>,
}

const NIL: u32 = u32::MAX;

impl Labels {
    fn new(n: usize) -> Labels {
        Labels {
            label: vec![n as u32; n],
            excess: vec![0; n],
            cur: vec![0; n],
            first: vec![NIL; n + 1],
            next: vec![NIL; n],
            prev: vec![NIL; n],
            active: vec![NIL; n + 1],
            below: vec![NIL; n],
            top: 0,
            top_active: 0,
            queue: Vec::with_capacity(n),
        }
    }

    fn clear(&mut self) {
        self.first[..=self.top].fill(NIL);
        self.active[..=self.top_active].fill(NIL);
        self.top = 0;
        self.top_active = 0;
    }

    /// Puts `v` in the list of its label.
    fn enter(&mut self, v: usize) {
        let l = self.label[v] as usize;
        let f = self.first[l];
        self.next[v] = f;
        self.prev[v] = NIL;
        if f != NIL {
            self.prev[f as usize] = v as u32;
        }
        self.first[l] = v as u32;
        self.top = self.top.max(l);
    }

    /// Takes `v` out of the list of its label; whether that left it empty.
    fn leave(&mut self, v: usize) -> bool {
        let l = self.label[v] as usize;
        let (p, x) = (self.prev[v], self.next[v]);
        if p == NIL {
            self.first[l] = x;
        } else {
            self.next[p as usize] = x;
        }
        if x != NIL {
            self.prev[x as usize] = p;
        }
        self.first[l] == NIL
    }

    fn push_active(&mut self, v: usize) {
        let l = self.label[v] as usize;
        self.below[v] = self.active[l];
        self.active[l] = v as u32;
        self.top_active = self.top_active.max(l);
    }

    /// The active node with the highest label, taken off its stack.
    fn pop_active(&mut self) -> Option<usize> {
        loop {
            let v = self.active[self.top_active];
            if v != NIL {
                self.active[self.top_active] = self.below[v as usize];
                return Some(v as usize);
            }
            if self.top_active == 0 {
                return None;
            }
            self.top_active -= 1;
        }
    }

    /// No node is left at label `d`: every node above it can no longer
    /// reach the sink. Their labels become `n`; their excess stays put.
    fn gap(&mut self, d: u32) {
        let dead = self.label.len() as u32;
        for l in d as usize + 1..=self.top {
            let mut v = self.first[l];
            while v != NIL {
                self.label[v as usize] = dead;
                v = self.next[v as usize];
            }
            self.first[l] = NIL;
            if l <= self.top_active {
                self.active[l] = NIL;
            }
        }
        self.top = (d as usize).saturating_sub(1);
        self.top_active = self.top_active.min(self.top);
    }
}

/// The legs that pass `filter` and are not loops: `(leg, from, to)`.
fn legs_of(g: &RouteGraph, filter: &LegFilter) -> Vec<(usize, usize, usize)> {
    (0..g.leg_count())
        .filter(|&i| filter.accepts(g.leg(i)))
        .filter_map(|i| {
            let (a, b) = g.ends(i);
            (a != b).then_some((i, a, b))
        })
        .collect()
}

/// The minimum vertex cut between `sources` and `sinks` over the legs that
/// pass `filter`; sources, sinks and `keep` places are never cut. When some
/// route runs through such places only, the cut is infinite (`flow` is
/// `None`) and `places` cuts every route that passes a cuttable place.
///
/// O(V²·√E) worst case (a network of 2V + 2 nodes and up to V + 2E edges).
pub fn min_vertex_cut(
    g: &RouteGraph,
    filter: &LegFilter,
    sources: &[usize],
    sinks: &[usize],
    keep: &[usize],
) -> VertexCut {
    let n = g.place_count();
    let legs = legs_of(g, filter);
    let mut uncut = vec![false; n];
    let (mut is_src, mut is_sink) = (vec![false; n], vec![false; n]);
    for &s in sources {
        uncut[s] = true;
        is_src[s] = true;
    }
    for &t in sinks {
        uncut[t] = true;
        is_sink[t] = true;
    }
    for &k in keep {
        uncut[k] = true;
    }
    // Places that may not be cut, reachable from a source through such
    // places only (fwd), and reaching a sink that way (bwd).
    let through_uncut = |start: &[bool], forward: bool| -> Vec<bool> {
        let mut seen = start.to_vec();
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| seen[i]).collect();
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(_, a, b) in &legs {
            if uncut[a] && uncut[b] {
                if forward {
                    adj[a].push(b);
                } else {
                    adj[b].push(a);
                }
            }
        }
        while let Some(u) = queue.pop_front() {
            for &v in &adj[u] {
                if !seen[v] {
                    seen[v] = true;
                    queue.push_back(v);
                }
            }
        }
        seen
    };
    let fwd = through_uncut(&is_src, true);
    let bwd = through_uncut(&is_sink, false);
    let blocked: Vec<bool> = legs
        .iter()
        .map(|&(_, a, b)| fwd[a] && bwd[b] && uncut[a] && uncut[b])
        .collect();
    let mut uncuttable: Vec<usize> = legs
        .iter()
        .zip(&blocked)
        .filter(|(_, &x)| x)
        .map(|(l, _)| l.0)
        .collect();
    uncuttable.sort_unstable();
    let example = if uncuttable.is_empty() {
        Vec::new()
    } else {
        example_route(n, &legs, &blocked, &is_src, &is_sink)
    };

    // The network has two layers: layer 0 holds the routes that have not
    // yet passed a cuttable place, layer 1 those that have. Cuttable places
    // exist in layer 1 only (entering one moves a route there) and are split
    // in (2v) → out (2v+1) with capacity 1; a place that may not be cut is
    // 2v in layer 0 and 2v+1 in layer 1. The flow runs from the sources in
    // layer 0 to the sinks in layer 1, so it counts only routes through a
    // cuttable place: without uncuttable legs that is every route, and the
    // cut is the usual one; with them, it cuts every other route.
    let cuttable = uncut.iter().filter(|&&u| !u).count() as u64;
    let inf = cuttable + 1;
    let (sigma, tau) = (2 * n, 2 * n + 1);
    let mut edges: Vec<(u32, u32, u64)> = Vec::with_capacity(n + 2 * legs.len() + 2 * n);
    for (v, _) in uncut.iter().enumerate().filter(|(_, &u)| !u) {
        edges.push((2 * v as u32, 2 * v as u32 + 1, 1));
    }
    for &(_, a, b) in &legs {
        let (a, b) = (a as u32, b as u32);
        if uncut[a as usize] {
            if uncut[b as usize] {
                edges.push((2 * a, 2 * b, inf));
                edges.push((2 * a + 1, 2 * b + 1, inf));
            } else {
                edges.push((2 * a, 2 * b, inf));
                edges.push((2 * a + 1, 2 * b, inf));
            }
        } else if uncut[b as usize] {
            edges.push((2 * a + 1, 2 * b + 1, inf));
        } else {
            edges.push((2 * a + 1, 2 * b, inf));
        }
    }
    for &s in sources {
        edges.push((sigma as u32, 2 * s as u32, inf));
    }
    for &t in sinks {
        edges.push((2 * t as u32 + 1, tau as u32, inf));
    }
    let (flow, reached) = max_flow(2 * n + 2, &edges, sigma, tau);
    debug_assert!(
        flow < inf,
        "every route in the network passes a cuttable place"
    );
    let places: Vec<usize> = (0..n)
        .filter(|&v| !uncut[v] && reached[2 * v] && !reached[2 * v + 1])
        .collect();
    VertexCut {
        places,
        flow: uncuttable.is_empty().then_some(flow),
        uncuttable,
        example,
    }
}

/// A shortest route (by hops) from a source to a sink over the blocked legs.
fn example_route(
    n: usize,
    legs: &[(usize, usize, usize)],
    blocked: &[bool],
    is_src: &[bool],
    is_sink: &[bool],
) -> Vec<usize> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (&(_, a, b), &x) in legs.iter().zip(blocked) {
        if x {
            adj[a].push(b);
        }
    }
    let mut pred = vec![usize::MAX; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&i| is_src[i]).collect();
    for &s in &queue {
        pred[s] = s;
    }
    while let Some(u) = queue.pop_front() {
        if is_sink[u] {
            let mut path = vec![u];
            let mut v = u;
            while pred[v] != v {
                v = pred[v];
                path.push(v);
            }
            path.reverse();
            return path;
        }
        for &v in &adj[u] {
            if pred[v] == usize::MAX {
                pred[v] = u;
                queue.push_back(v);
            }
        }
    }
    Vec::new()
}

/// The minimum edge cut between `sources` and `sinks` over the legs that
/// pass `filter`: the fewest legs, or the fewest persons (`by`).
///
/// O(V²·√E) worst case.
pub fn min_edge_cut(
    g: &RouteGraph,
    filter: &LegFilter,
    sources: &[usize],
    sinks: &[usize],
    by: CutBy,
) -> EdgeCut {
    const MILLI: f64 = 1000.0;
    let n = g.place_count();
    let legs = legs_of(g, filter);
    let cap = |i: usize| -> u64 {
        match by {
            CutBy::Legs => 1,
            CutBy::Persons => g
                .leg(i)
                .persons()
                .map_or(MILLI as u64, |p| ((p * MILLI).round() as u64).max(1)),
        }
    };
    let caps: Vec<u64> = legs.iter().map(|l| cap(l.0)).collect();
    let inf = caps.iter().sum::<u64>() + 1;
    let (sigma, tau) = (n, n + 1);
    let mut edges: Vec<(u32, u32, u64)> = legs
        .iter()
        .zip(&caps)
        .map(|(&(_, a, b), &c)| (a as u32, b as u32, c))
        .collect();
    for &s in sources {
        edges.push((sigma as u32, s as u32, inf));
    }
    for &t in sinks {
        edges.push((t as u32, tau as u32, inf));
    }
    let (flow, reached) = max_flow(n + 2, &edges, sigma, tau);
    let mut cut: Vec<usize> = legs
        .iter()
        .filter(|&&(_, a, b)| reached[a] && !reached[b])
        .map(|l| l.0)
        .collect();
    cut.sort_unstable();
    let unknown_persons = if by == CutBy::Persons {
        cut.iter()
            .filter(|&&i| g.leg(i).persons().is_none())
            .count()
    } else {
        0
    };
    EdgeCut {
        flow: match by {
            CutBy::Legs => flow as f64,
            CutBy::Persons => flow as f64 / MILLI,
        },
        legs: cut,
        by,
        unknown_persons,
    }
}

/// Both minimum cuts between `sources` and `sinks`. Errors when a set is
/// empty or a place is in both.
pub fn min_cut(
    g: &RouteGraph,
    filter: &LegFilter,
    sources: &[usize],
    sinks: &[usize],
    keep: &[usize],
    by: CutBy,
) -> crate::Result<Cut> {
    let norm = |v: &[usize]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (sources, sinks, keep) = (norm(sources), norm(sinks), norm(keep));
    if sources.is_empty() {
        return Err(crate::Error::Query(
            "no place to cut from: there are no sources over the chosen legs".into(),
        ));
    }
    if sinks.is_empty() {
        return Err(crate::Error::Query(
            "no place to cut to: there are no destinations over the chosen legs".into(),
        ));
    }
    if let Some(p) = sources.iter().find(|p| sinks.binary_search(p).is_ok()) {
        return Err(crate::Error::Query(format!(
            "{} is both a place to cut from and a place to cut to",
            g.place(*p).id
        )));
    }
    // Two independent flows: one on each core when there are two.
    let (vertex, edge) = rayon::join(
        || min_vertex_cut(g, filter, &sources, &sinks, &keep),
        || min_edge_cut(g, filter, &sources, &sinks, by),
    );
    Ok(Cut {
        sources,
        sinks,
        keep,
        vertex,
        edge,
    })
}

/// The sources and destinations ([`roles`](super::roles::roles)) over the
/// legs that pass `filter`.
pub fn sources_and_destinations(g: &RouteGraph, filter: &LegFilter) -> (Vec<usize>, Vec<usize>) {
    let r = super::roles::role_counts(g, filter);
    let pick = |role| (0..r.len()).filter(|&i| r[i].role == role).collect();
    (pick(Role::Source), pick(Role::Destination))
}

/// The minimum cut of the default flow: every source to every destination
/// over the legs that pass `filter`, edge cut by legs. What a map or report
/// marks; `None` when there are no sources or no destinations.
pub fn default_cut(g: &RouteGraph, filter: &LegFilter) -> Option<Cut> {
    let (s, t) = sources_and_destinations(g, filter);
    min_cut(g, filter, &s, &t, &[], CutBy::Legs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_graph as graph;

    #[test]
    fn module_doc_example() {
        // S=0 B=1 C=2 T=3
        let g = graph(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        let f = LegFilter::default();
        let c = min_cut(&g, &f, &[0], &[3], &[], CutBy::Legs).unwrap();
        assert_eq!(c.vertex.flow, Some(2));
        assert_eq!(c.vertex.places, vec![1, 2]);
        assert_eq!(c.edge.flow, 2.0);
        assert_eq!(c.edge.legs, vec![0, 1], "nearest the source");
    }

    #[test]
    fn direct_leg_makes_the_vertex_cut_infinite() {
        // 0 → 3 directly, and 0 → 1 → 3.
        let g = graph(4, &[(0, 3), (0, 1), (1, 3)]);
        let c = min_cut(&g, &LegFilter::default(), &[0], &[3], &[], CutBy::Legs).unwrap();
        assert!(!c.vertex.is_finite());
        assert_eq!(c.vertex.uncuttable, vec![0]);
        assert_eq!(c.vertex.places, vec![1], "cuts the other route");
        assert_eq!(
            c.vertex.reason(&g).unwrap(),
            "no finite vertex cut: P0 -> P3 is a direct leg"
        );
        assert_eq!(c.edge.flow, 2.0);
    }

    #[test]
    fn kept_places_are_not_cut() {
        // 0 → 1 → 2 → 3: keep 1, so 2 is cut; keep 1 and 2: infinite.
        let g = graph(4, &[(0, 1), (1, 2), (2, 3)]);
        let f = LegFilter::default();
        let v = min_vertex_cut(&g, &f, &[0], &[3], &[1]);
        assert_eq!((v.flow, v.places), (Some(1), vec![2]));
        let v = min_vertex_cut(&g, &f, &[0], &[3], &[1, 2]);
        assert_eq!(v.flow, None);
        assert_eq!(v.example, vec![0, 1, 2, 3]);
        assert!(v.reason(&g).unwrap().contains("may not be cut"));
    }
}
