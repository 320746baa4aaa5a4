//! What if places or legs were taken out: which source → destination flows
//! are cut, which find another route (and which), and how the roles of the
//! places change.
//!
//! Nothing is deleted: the "after" network is a second [`Csr`] built with a
//! predicate that skips the removed legs and every leg at a removed place.
//!
//! For every pair of a source and a destination (roles as
//! [`roles`](super::roles::roles) computes them *before* the removal), the
//! best route before and after is the one `routegraph path` gives (Dijkstra,
//! by hops, cost or days, with the same tie rule: one full search per source
//! gives the very routes a search stopping at each destination would). The
//! pair is
//! - `cut` when it had a route before and has none after;
//! - `unchanged` when its best route before is still whole (no removed place
//!   or leg on it; the route after is then that same route), or when it had
//!   no route before either;
//! - `rerouted` otherwise: the best route after differs.
//!
//! Role changes compare each remaining place's role (source, transit,
//! destination, isolated; the rule of [`roles`](super::roles::roles), without
//! its `also` mark) before and after. Removed places are not listed.
//!
//! # Complexity
//!
//! Two CSR builds, O(V + E log E); one Dijkstra per source before, and one
//! after for the sources with a broken route, each **O((V + E) log V)**,
//! sources in parallel; O(P·L) to write P pairs' routes of L legs; roles
//! O(V + E).

use super::csr::{Csr, Metric};
use super::paths::Route;
use super::roles::roles;
use crate::model::{LegFilter, Role, RouteGraph};
use rayon::prelude::*;
use std::collections::BinaryHeap;

/// What happened to one source → destination pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    Cut,
    Rerouted,
    Unchanged,
}

impl PairStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Cut => "cut",
            PairStatus::Rerouted => "rerouted",
            PairStatus::Unchanged => "unchanged",
        }
    }
}

/// One source → destination pair, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct PairChange {
    pub from: usize,
    pub to: usize,
    pub before: Option<Route>,
    pub after: Option<Route>,
    pub status: PairStatus,
}

/// A place whose role changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleChange {
    pub place: usize,
    pub before: Role,
    pub after: Role,
}

/// The effect of a removal.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub metric: Metric,
    /// Places removed, sorted.
    pub places: Vec<usize>,
    /// Legs removed by name, sorted.
    pub legs: Vec<usize>,
    /// Every leg that passed the filter and no longer counts: those removed by
    /// name and those at a removed place. Sorted.
    pub lost_legs: Vec<usize>,
    /// Every source → destination pair, by source then destination index.
    pub pairs: Vec<PairChange>,
    /// Remaining places whose role changes, by index.
    pub role_changes: Vec<RoleChange>,
}

impl WhatIf {
    pub fn count(&self, status: PairStatus) -> usize {
        self.pairs.iter().filter(|p| p.status == status).count()
    }
}

// The heap entry of `paths::Dijkstra`, so that ties break the same way.
use super::paths::Entry;

/// A full shortest-route tree from one source, built exactly as
/// `paths::Dijkstra` builds it (same heap order, same strict-improvement
/// rule), so each route is the one `routegraph path` reports.
struct Tree {
    dist: Vec<f64>,
    /// Edge position into each place, `u32::MAX` for the source or unreached.
    pred: Vec<u32>,
    /// The place that edge leaves from.
    from: Vec<u32>,
    reached: Vec<bool>,
    heap: BinaryHeap<Entry>,
    touched: Vec<u32>,
}

impl Tree {
    fn new(n: usize) -> Tree {
        Tree {
            dist: vec![f64::INFINITY; n],
            pred: vec![u32::MAX; n],
            from: vec![u32::MAX; n],
            reached: vec![false; n],
            heap: BinaryHeap::new(),
            touched: Vec::new(),
        }
    }

    fn grow(&mut self, csr: &Csr, s: usize) {
        for &v in &self.touched {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.pred[v] = u32::MAX;
            self.reached[v] = false;
        }
        self.touched.clear();
        self.heap.clear();
        self.dist[s] = 0.0;
        self.touched.push(s as u32);
        self.heap.push(Entry {
            dist: 0.0,
            node: s as u32,
        });
        while let Some(Entry { dist, node }) = self.heap.pop() {
            let u = node as usize;
            if self.reached[u] {
                continue;
            }
            self.reached[u] = true;
            for k in csr.out(u) {
                let v = csr.targets[k] as usize;
                if self.reached[v] {
                    continue;
                }
                let nd = dist + csr.weights[k];
                if self.dist[v] == f64::INFINITY || nd < self.dist[v] {
                    if self.dist[v] == f64::INFINITY {
                        self.touched.push(v as u32);
                    }
                    self.dist[v] = nd;
                    self.pred[v] = k as u32;
                    self.from[v] = u as u32;
                    self.heap.push(Entry {
                        dist: nd,
                        node: v as u32,
                    });
                }
            }
        }
    }

    fn route(&self, csr: &Csr, s: usize, t: usize) -> Option<Route> {
        if t == s || !self.reached[t] {
            return None;
        }
        let (mut places, mut legs) = (vec![t], Vec::new());
        let mut v = t;
        while v != s {
            legs.push(csr.legs[self.pred[v] as usize] as usize);
            v = self.from[v] as usize;
            places.push(v);
        }
        places.reverse();
        legs.reverse();
        Some(Route {
            places,
            legs,
            cost: self.dist[t],
        })
    }
}

/// The main role from the numbers of legs in and out (the rule of `roles`).
fn role_of(legs_in: u32, legs_out: u32) -> Role {
    match (legs_in > 0, legs_out > 0) {
        (false, false) => Role::Isolated,
        (false, true) => Role::Source,
        (true, false) => Role::Destination,
        (true, true) => Role::Transit,
    }
}

/// Remove `places` and `legs` (indices) from the legs that pass `filter`
/// and compare every source → destination pair's best route by `metric`,
/// and every place's role, before and after.
///
/// O(S·(V + E) log V) for S sources, plus O(V + E log E) and the routes.
pub fn what_if(
    g: &RouteGraph,
    filter: &LegFilter,
    metric: Metric,
    places: &[usize],
    legs: &[usize],
) -> WhatIf {
    let n = g.place_count();
    let m = g.leg_count();
    let mut gone_place = vec![false; n];
    for &p in places {
        gone_place[p] = true;
    }
    let mut gone_leg = vec![false; m];
    for &l in legs {
        gone_leg[l] = true;
    }
    let keep_after = |i: usize| {
        let (a, b) = g.ends(i);
        !gone_leg[i] && !gone_place[a] && !gone_place[b]
    };
    let before = Csr::build(g, filter, metric);
    let after = Csr::build_with(g, |i, leg| filter.accepts(leg) && keep_after(i), metric);
    let lost_legs: Vec<usize> = (0..m)
        .filter(|&i| filter.accepts(g.leg(i)) && !keep_after(i))
        .collect();

    let roles_before = roles(g, filter);
    let sources: Vec<usize> = (0..n)
        .filter(|&i| roles_before[i].role == Role::Source)
        .collect();
    let destinations: Vec<usize> = (0..n)
        .filter(|&i| roles_before[i].role == Role::Destination)
        .collect();
    let intact = |r: &Route| {
        r.legs.iter().all(|&l| keep_after(l)) && r.places.iter().all(|&p| !gone_place[p])
    };
    let per_source: Vec<Vec<PairChange>> = sources
        .par_iter()
        .map_init(
            || (Tree::new(n), Tree::new(n)),
            |(tb, ta), &s| {
                tb.grow(&before, s);
                let befores: Vec<Option<Route>> = destinations
                    .iter()
                    .map(|&t| tb.route(&before, s, t))
                    .collect();
                let broken = befores.iter().flatten().any(|r| !intact(r));
                if broken {
                    ta.grow(&after, s);
                }
                destinations
                    .iter()
                    .zip(befores)
                    .map(|(&t, b)| {
                        let (a, status) = match &b {
                            None => (None, PairStatus::Unchanged),
                            Some(r) if intact(r) => (Some(r.clone()), PairStatus::Unchanged),
                            Some(_) => match ta.route(&after, s, t) {
                                None => (None, PairStatus::Cut),
                                Some(r) => (Some(r), PairStatus::Rerouted),
                            },
                        };
                        PairChange {
                            from: s,
                            to: t,
                            before: b,
                            after: a,
                            status,
                        }
                    })
                    .collect()
            },
        )
        .collect();
    let pairs: Vec<PairChange> = per_source.into_iter().flatten().collect();

    let (mut legs_in, mut legs_out) = (vec![0u32; n], vec![0u32; n]);
    for i in 0..m {
        if filter.accepts(g.leg(i)) && keep_after(i) {
            let (a, b) = g.ends(i);
            legs_out[a] += 1;
            legs_in[b] += 1;
        }
    }
    let role_changes = (0..n)
        .filter(|&p| !gone_place[p])
        .filter_map(|p| {
            let (was, is) = (roles_before[p].role, role_of(legs_in[p], legs_out[p]));
            (was != is).then_some(RoleChange {
                place: p,
                before: was,
                after: is,
            })
        })
        .collect();

    let mut places = places.to_vec();
    places.sort_unstable();
    places.dedup();
    let mut legs = legs.to_vec();
    legs.sort_unstable();
    legs.dedup();
    WhatIf {
        metric,
        places,
        legs,
        lost_legs,
        pairs,
        role_changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_removed_changes_nothing_and_roles_agree() {
        let g = crate::load::turquesa();
        let f = LegFilter::default();
        let w = what_if(&g, &f, Metric::Hops, &[], &[]);
        assert!(w.role_changes.is_empty());
        assert!(w.lost_legs.is_empty());
        assert!(w.pairs.iter().all(|p| p.status == PairStatus::Unchanged));
        let r = roles(&g, &f);
        let mut legs_in = vec![0; g.place_count()];
        let mut legs_out = vec![0; g.place_count()];
        for i in 0..g.leg_count() {
            if f.accepts(g.leg(i)) {
                let (a, b) = g.ends(i);
                legs_out[a] += 1;
                legs_in[b] += 1;
            }
        }
        for p in 0..g.place_count() {
            assert_eq!(role_of(legs_in[p], legs_out[p]), r[p].role);
        }
    }
}
