//! A compact adjacency (CSR) of the legs that pass a filter, weighted by a
//! metric. Algorithms that walk the graph many times (Dijkstra, Yen,
//! betweenness) run on this instead of petgraph's linked lists: one
//! contiguous array of out-edges per place, sorted by target then weight.

use crate::model::{Leg, LegFilter, RouteGraph};
use std::fmt;
use std::str::FromStr;

/// What a route's length means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Number of legs.
    #[default]
    Hops,
    /// Sum of leg costs; a leg without a cost counts as 0 (and is reported).
    Cost,
    /// Sum of leg durations in days; a leg without one counts as 0 (and is reported).
    Days,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Hops => "hops",
            Metric::Cost => "cost",
            Metric::Days => "days",
        }
    }
    /// The weight of `leg`, or `None` when the leg has no value for this metric.
    pub fn weight(self, leg: &Leg) -> Option<f64> {
        match self {
            Metric::Hops => Some(1.0),
            Metric::Cost => leg.cost(),
            Metric::Days => leg.days(),
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Metric {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "hops" => Ok(Metric::Hops),
            "cost" => Ok(Metric::Cost),
            "days" => Ok(Metric::Days),
            _ => Err(format!("unknown metric {s:?}, expected hops, cost or days")),
        }
    }
}

/// Out-edges of every place in one array. Edge position `k` (for a place `u`,
/// `offsets[u]..offsets[u+1]`) goes to `targets[k]`, is leg `legs[k]` of the
/// route graph, and weighs `weights[k]`.
#[derive(Debug, Clone, Default)]
pub struct Csr {
    pub offsets: Vec<u32>,
    pub targets: Vec<u32>,
    pub legs: Vec<u32>,
    pub weights: Vec<f64>,
    /// Legs that passed the filter but had no value for the metric (weight 0).
    pub missing_weight: usize,
}

impl Csr {
    /// Build the CSR of `g`'s legs that pass `filter`, weighted by `metric`.
    ///
    /// O(V + E log d) where d is the largest out-degree.
    pub fn build(g: &RouteGraph, filter: &LegFilter, metric: Metric) -> Csr {
        Self::build_with(g, |_, leg| filter.accepts(leg), metric)
    }

    /// Build with an arbitrary leg predicate `keep(leg_index, leg)`.
    pub fn build_with(g: &RouteGraph, keep: impl Fn(usize, &Leg) -> bool, metric: Metric) -> Csr {
        let n = g.place_count();
        let mut missing = 0;
        let mut edges: Vec<(u32, u32, u32, f64)> = Vec::with_capacity(g.leg_count());
        for e in g.graph.edge_indices() {
            let leg = &g.graph[e];
            if !keep(e.index(), leg) {
                continue;
            }
            // Press releases rarely price every leg. A leg with no value
            // still carries people, so it stays in the graph at weight 0 and
            // answers say how many of their legs had no value.
            let w = metric.weight(leg).unwrap_or_else(|| {
                missing += 1;
                0.0
            });
            let (a, b) = g.ends(e.index());
            edges.push((a as u32, b as u32, e.index() as u32, w));
        }
        let mut csr = Csr::from_edges(n, edges);
        csr.missing_weight = missing;
        csr
    }

    /// Build from `(from, to, leg, weight)` tuples over `n` places.
    pub fn from_edges(n: usize, mut edges: Vec<(u32, u32, u32, f64)>) -> Csr {
        edges.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.3.total_cmp(&b.3))
                .then(a.2.cmp(&b.2))
        });
        let mut offsets = vec![0u32; n + 1];
        for &(a, ..) in &edges {
            offsets[a as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Csr {
            offsets,
            targets: edges.iter().map(|e| e.1).collect(),
            legs: edges.iter().map(|e| e.2).collect(),
            weights: edges.iter().map(|e| e.3).collect(),
            missing_weight: 0,
        }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }
    /// Edge positions leaving `u`.
    #[inline]
    pub fn out(&self, u: usize) -> std::ops::Range<usize> {
        self.offsets[u] as usize..self.offsets[u + 1] as usize
    }
    /// The reverse graph (every edge turned round), keeping leg ids and weights.
    pub fn reversed(&self) -> Csr {
        let n = self.node_count();
        let mut edges = Vec::with_capacity(self.edge_count());
        for u in 0..n {
            for k in self.out(u) {
                edges.push((self.targets[k], u as u32, self.legs[k], self.weights[k]));
            }
        }
        let mut r = Csr::from_edges(n, edges);
        r.missing_weight = self.missing_weight;
        r
    }
}
