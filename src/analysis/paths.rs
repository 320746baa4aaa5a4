//! Routes between two places: the shortest (Dijkstra), the k shortest
//! loopless ones (Yen's algorithm), and every simple route up to a number of
//! legs. A route is a sequence of places; where parallel legs join two
//! consecutive places, the route uses the lightest one (ties: the first leg
//! in the data) and lists the others as alternatives.

use super::csr::Csr;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};

/// One route.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Place indices, from first to last.
    pub places: Vec<usize>,
    /// Leg indices (into the route graph), one per hop.
    pub legs: Vec<usize>,
    /// Sum of the metric over the legs.
    pub cost: f64,
}

impl Route {
    pub fn hops(&self) -> usize {
        self.legs.len()
    }
}

/// A Dijkstra heap entry: a min-heap on distance, ties by lower place index.
#[derive(Copy, Clone, PartialEq)]
pub(crate) struct Entry {
    pub dist: f64,
    pub node: u32,
}
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on distance; ties broken by lower node index for determinism.
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reusable Dijkstra state: arrays sized to the graph, reset in O(touched)
/// through an epoch stamp, so that Yen's many searches do not pay O(V) each.
pub struct Dijkstra<'g> {
    csr: &'g Csr,
    dist: Vec<f64>,
    pred: Vec<u32>,
    stamp: Vec<u32>,
    done: Vec<u32>,
    epoch: u32,
    heap: BinaryHeap<Entry>,
    /// Places that may not be entered (by node index).
    pub banned_nodes: Vec<bool>,
    /// Edge positions that may not be used.
    pub banned_edges: Vec<bool>,
}

impl<'g> Dijkstra<'g> {
    pub fn new(csr: &'g Csr) -> Self {
        let n = csr.node_count();
        Dijkstra {
            csr,
            dist: vec![0.0; n],
            pred: vec![u32::MAX; n],
            stamp: vec![0; n],
            done: vec![0; n],
            epoch: 0,
            heap: BinaryHeap::new(),
            banned_nodes: vec![false; n],
            banned_edges: vec![false; csr.edge_count()],
        }
    }

    fn next_epoch(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.done.fill(0);
            self.epoch = 1;
        }
    }

    /// Shortest route from `s` to `t` avoiding banned places and edges, as
    /// `(cost, edge positions)`. O((V + E) log V).
    pub fn run(&mut self, s: usize, t: usize) -> Option<(f64, Vec<usize>)> {
        if self.banned_nodes[s] || self.banned_nodes[t] {
            return None;
        }
        self.next_epoch();
        let ep = self.epoch;
        self.heap.clear();
        self.dist[s] = 0.0;
        self.pred[s] = u32::MAX;
        self.stamp[s] = ep;
        self.heap.push(Entry {
            dist: 0.0,
            node: s as u32,
        });
        while let Some(Entry { dist, node }) = self.heap.pop() {
            let u = node as usize;
            if self.done[u] == ep {
                continue;
            }
            self.done[u] = ep;
            if u == t {
                break;
            }
            for k in self.csr.out(u) {
                if self.banned_edges[k] {
                    continue;
                }
                let v = self.csr.targets[k] as usize;
                if self.banned_nodes[v] || self.done[v] == ep {
                    continue;
                }
                let nd = dist + self.csr.weights[k];
                if self.stamp[v] != ep || nd < self.dist[v] {
                    self.stamp[v] = ep;
                    self.dist[v] = nd;
                    self.pred[v] = k as u32;
                    self.heap.push(Entry {
                        dist: nd,
                        node: v as u32,
                    });
                }
            }
        }
        if self.done[t] != ep {
            return None;
        }
        let mut edges = Vec::new();
        let mut v = t;
        while v != s {
            let k = self.pred[v] as usize;
            edges.push(k);
            v = self.source_of(k);
        }
        edges.reverse();
        Some((self.dist[t], edges))
    }

    /// The place an edge position leaves from (binary search on offsets).
    fn source_of(&self, k: usize) -> usize {
        self.csr.offsets.partition_point(|&o| o as usize <= k) - 1
    }
}

/// Point-to-point distances without routes: what a batch of "how far is B
/// from A" questions needs (`bench-paths`). Dijkstra on a radix heap
/// (distances are non-negative, so their bit patterns sort as the numbers
/// do), stopping when the target is settled; buffers are reused between
/// queries. Same distances as [`Dijkstra::run`].
///
/// O(E + V·B) a query, B ≤ 64 the bits of a distance.
pub struct Distances<'g> {
    csr: &'g Csr,
    dist: Vec<f64>,
    /// `epoch` where `dist` holds this query's value.
    stamp: Vec<u32>,
    /// `epoch` where the place is settled.
    settled: Vec<u32>,
    epoch: u32,
    heap: super::radix::RadixHeap,
}

impl<'g> Distances<'g> {
    pub fn new(csr: &'g Csr) -> Self {
        let n = csr.node_count();
        Distances {
            csr,
            dist: vec![0.0; n],
            stamp: vec![0; n],
            settled: vec![0; n],
            epoch: 0,
            heap: super::radix::RadixHeap::default(),
        }
    }

    /// The cost of a cheapest route from `s` to `t`, `None` when there is none.
    pub fn run(&mut self, s: usize, t: usize) -> Option<f64> {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.settled.fill(0);
            self.epoch = 1;
        }
        let ep = self.epoch;
        let csr = self.csr;
        self.heap.clear();
        self.dist[s] = 0.0;
        self.stamp[s] = ep;
        self.heap.push(0.0f64.to_bits(), s as u32);
        while let Some((key, u)) = self.heap.pop_entry() {
            let u = u as usize;
            if self.settled[u] == ep {
                continue;
            }
            self.settled[u] = ep;
            let du = f64::from_bits(key);
            if u == t {
                return Some(du);
            }
            for k in csr.out(u) {
                let v = csr.targets[k] as usize;
                if self.settled[v] == ep {
                    continue;
                }
                // 0.0 + w is never -0.0, so the bits sort as the numbers.
                let nd = du + csr.weights[k];
                if self.stamp[v] != ep || nd < self.dist[v] {
                    self.stamp[v] = ep;
                    self.dist[v] = nd;
                    self.heap.push(nd.to_bits(), v as u32);
                }
            }
        }
        None
    }
}

fn route_from_edges(csr: &Csr, s: usize, edges: &[usize], cost: f64) -> Route {
    let mut places = Vec::with_capacity(edges.len() + 1);
    places.push(s);
    places.extend(edges.iter().map(|&k| csr.targets[k] as usize));
    Route {
        places,
        legs: edges.iter().map(|&k| csr.legs[k] as usize).collect(),
        cost,
    }
}

/// The shortest route from `s` to `t` that avoids the `avoid` places.
pub fn shortest(csr: &Csr, s: usize, t: usize, avoid: &[usize]) -> Option<Route> {
    k_shortest(csr, s, t, 1, avoid).into_iter().next()
}

#[derive(PartialEq)]
struct Candidate {
    cost: f64,
    places: Vec<u32>,
    edges: Vec<usize>,
}
impl Eq for Candidate {}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on cost, then fewer hops, then place sequence.
        other
            .cost
            .total_cmp(&self.cost)
            .then_with(|| other.places.len().cmp(&self.places.len()))
            .then_with(|| other.places.cmp(&self.places))
    }
}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Up to `k` shortest loopless routes from `s` to `t`, best first (Yen, 1971),
/// avoiding the `avoid` places. Routes differ in their place sequence.
///
/// O(k · V · (V + E) log V) in the worst case; each spur search stops at `t`.
pub fn k_shortest(csr: &Csr, s: usize, t: usize, k: usize, avoid: &[usize]) -> Vec<Route> {
    let mut routes = Vec::new();
    yen(csr, s, t, avoid, |r| {
        routes.push(r);
        routes.len() < k
    });
    routes
}

/// Yen's algorithm as a generator: calls `take(route)` for each route in
/// order of cost until `take` returns false or no route is left.
pub fn yen(csr: &Csr, s: usize, t: usize, avoid: &[usize], mut take: impl FnMut(Route) -> bool) {
    if s == t || s >= csr.node_count() || t >= csr.node_count() {
        return;
    }
    let mut dj = Dijkstra::new(csr);
    for &a in avoid {
        dj.banned_nodes[a] = true;
    }
    let Some((cost, edges)) = dj.run(s, t) else {
        return;
    };
    let places_of = |edges: &[usize]| -> Vec<u32> {
        let mut p = vec![s as u32];
        p.extend(edges.iter().map(|&k| csr.targets[k]));
        p
    };
    let mut found: Vec<(Vec<u32>, Vec<usize>)> = Vec::new();
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    let mut heap: BinaryHeap<Candidate> = BinaryHeap::new();
    let first_places = places_of(&edges);
    seen.insert(first_places.clone());
    heap.push(Candidate {
        cost,
        places: first_places,
        edges,
    });
    while let Some(c) = heap.pop() {
        let route = route_from_edges(csr, s, &c.edges, c.cost);
        found.push((c.places, c.edges));
        if !take(route) {
            return;
        }
        let (prev_places, prev_edges) = found.last().cloned().expect("just pushed");
        let mut root_cost = 0.0;
        for i in 0..prev_edges.len() {
            let spur = prev_places[i] as usize;
            let root = &prev_places[..=i];
            // Ban the next hop of every found route that shares this root.
            let mut banned = Vec::new();
            for (p, _) in &found {
                if p.len() > i + 1 && &p[..=i] == root {
                    let next = p[i + 1];
                    for k in csr.out(spur) {
                        if csr.targets[k] == next && !dj.banned_edges[k] {
                            dj.banned_edges[k] = true;
                            banned.push(k);
                        }
                    }
                }
            }
            for &r in &root[..i] {
                dj.banned_nodes[r as usize] = true;
            }
            if let Some((spur_cost, spur_edges)) = dj.run(spur, t) {
                let mut edges = prev_edges[..i].to_vec();
                edges.extend(spur_edges);
                let places = places_of(&edges);
                if seen.insert(places.clone()) {
                    heap.push(Candidate {
                        cost: root_cost + spur_cost,
                        places,
                        edges,
                    });
                }
            }
            for &r in &root[..i] {
                dj.banned_nodes[r as usize] = false;
            }
            for &a in avoid {
                dj.banned_nodes[a] = true;
            }
            for k in banned {
                dj.banned_edges[k] = false;
            }
            root_cost += csr.weights[prev_edges[i]];
        }
    }
}

/// Every simple route from `s` to `t` with at most `max_hops` legs, avoiding
/// the `avoid` places, ordered by cost, then hops, then place sequence. At
/// most `limit` routes are returned; the flag says whether more existed.
///
/// Exponential in `max_hops` in the worst case (that is the question asked).
pub fn all_simple(
    csr: &Csr,
    s: usize,
    t: usize,
    max_hops: usize,
    avoid: &[usize],
    limit: usize,
) -> (Vec<Route>, bool) {
    let n = csr.node_count();
    let mut on_path = vec![false; n];
    for &a in avoid {
        on_path[a] = true;
    }
    if s == t || on_path[s] || on_path[t] {
        return (Vec::new(), false);
    }
    /// The depth-first enumeration's state.
    struct Walk<'c> {
        csr: &'c Csr,
        t: usize,
        max_hops: usize,
        on_path: Vec<bool>,
        stack: Vec<usize>,
        found: Vec<(Vec<usize>, f64)>,
        cap: usize,
    }
    impl Walk<'_> {
        /// False once `cap` routes were found.
        fn go(&mut self, u: usize, cost: f64) -> bool {
            if u == self.t {
                self.found.push((self.stack.clone(), cost));
                return self.found.len() < self.cap;
            }
            if self.stack.len() == self.max_hops {
                return true;
            }
            self.on_path[u] = true;
            let mut last_target = u32::MAX;
            let mut go_on = true;
            for k in self.csr.out(u) {
                let v = self.csr.targets[k];
                // Per hop only the lightest parallel edge matters (edges are
                // sorted by target, then weight).
                if v == last_target {
                    continue;
                }
                last_target = v;
                if self.on_path[v as usize] {
                    continue;
                }
                self.stack.push(k);
                go_on = self.go(v as usize, cost + self.csr.weights[k]);
                self.stack.pop();
                if !go_on {
                    break;
                }
            }
            self.on_path[u] = false;
            go_on
        }
    }
    let mut walk = Walk {
        csr,
        t,
        max_hops,
        on_path,
        stack: Vec::new(),
        found: Vec::new(),
        cap: limit.saturating_add(1),
    };
    walk.go(s, 0.0);
    let truncated = walk.found.len() > limit;
    let mut out: Vec<Route> = walk
        .found
        .into_iter()
        .map(|(edges, cost)| route_from_edges(csr, s, &edges, cost))
        .collect();
    out.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then(a.hops().cmp(&b.hops()))
            .then_with(|| a.places.cmp(&b.places))
    });
    out.truncate(limit);
    (out, truncated)
}

/// Up to `k` shortest loopless routes that pass through every place of `via`
/// (in any order), scanning at most `scan` routes in Yen's order.
/// Returns the routes and whether the scan limit was hit before `k` were found.
pub fn k_shortest_via(
    csr: &Csr,
    s: usize,
    t: usize,
    k: usize,
    via: &[usize],
    avoid: &[usize],
    scan: usize,
) -> (Vec<Route>, bool) {
    let mut out = Vec::new();
    let mut scanned = 0usize;
    let mut hit_limit = false;
    yen(csr, s, t, avoid, |r| {
        scanned += 1;
        if via.iter().all(|v| r.places.contains(v)) {
            out.push(r);
        }
        if out.len() >= k {
            return false;
        }
        if scanned >= scan {
            hit_limit = true;
            return false;
        }
        true
    });
    (out, hit_limit)
}
