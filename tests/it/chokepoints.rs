//! Chokepoints, cuts and what-if (issue 4), each against an independent
//! computation: betweenness and route share against a brute-force count of
//! every shortest simple route, against hand-computed graphs and against
//! NetworkX; minimum cuts against brute force over every subset; what-if
//! against a graph built without what was removed; and the commands.

// Brute force reads best with plain index loops.
#![allow(clippy::needless_range_loop)]

use crate::harness::routegraph;
use proptest::prelude::*;
use routegraph::analysis::centrality::{
    brandes, centrality, edge_scale, node_scale, BrandesOptions, ShareSets,
};
use routegraph::analysis::cut::{min_cut, min_edge_cut, min_vertex_cut, CutBy};
use routegraph::analysis::structure::{articulation_points, bridges, dominators, must_pass};
use routegraph::analysis::whatif::{what_if, PairStatus};
use routegraph::analysis::{roles, shortest, Csr, Metric};
use routegraph::load;
use routegraph::model::{Kind, Leg, LegFilter, Place, Role, RouteGraph, Status};
use std::collections::VecDeque;

// ---------------------------------------------------------------- helpers

/// Places P0..Pn-1 and smuggling legs `(from, to, cost)`; persons = `persons[i]`.
fn graph_p(n: usize, legs: &[(usize, usize, f64)], persons: &[Option<f64>]) -> RouteGraph {
    let mut g = RouteGraph::default();
    for i in 0..n {
        let id = format!("P{i}");
        g.graph.add_node(Place::new(id.clone(), id));
    }
    for (i, &(a, b, c)) in legs.iter().enumerate() {
        let mut leg = Leg::new(Kind::Smuggling, Status::Stated);
        leg.set_cost(Some(c));
        leg.set_persons(persons.get(i).copied().flatten());
        g.graph.add_edge((a as u32).into(), (b as u32).into(), leg);
    }
    g
}

fn graph(n: usize, legs: &[(usize, usize, f64)]) -> RouteGraph {
    graph_p(n, legs, &[])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(*g, *w),
            "{what}[{i}]: got {g}, want {w}\n{got:?}\n{want:?}"
        );
    }
}

/// Brute force: every simple route between every ordered pair, the
/// shortest ones counted; parallel legs collapsed to the lightest (first in
/// the data on ties), loops dropped.
struct Brute {
    node: Vec<f64>,
    leg: Vec<f64>,
    node_share: Vec<f64>,
    leg_share: Vec<f64>,
    pairs: u64,
}

fn brute(n: usize, legs: &[(usize, usize, f64)], src: &[bool], dst: &[bool]) -> Brute {
    // Lightest leg per ordered pair.
    let mut best: Vec<Option<(f64, usize)>> = vec![None; n * n];
    for (i, &(a, b, w)) in legs.iter().enumerate() {
        if a == b {
            continue;
        }
        let slot = &mut best[a * n + b];
        if slot.is_none_or(|(bw, _)| w < bw) {
            *slot = Some((w, i));
        }
    }
    let mut adj: Vec<Vec<(usize, f64, usize)>> = vec![Vec::new(); n];
    for a in 0..n {
        for b in 0..n {
            if let Some((w, i)) = best[a * n + b] {
                adj[a].push((b, w, i));
            }
        }
    }
    let mut out = Brute {
        node: vec![0.0; n],
        leg: vec![0.0; legs.len()],
        node_share: vec![0.0; n],
        leg_share: vec![0.0; legs.len()],
        pairs: 0,
    };
    for s in 0..n {
        // Every simple route from s: (end, weight, places, legs).
        let mut routes: Vec<(usize, f64, Vec<usize>, Vec<usize>)> = Vec::new();
        fn dfs(
            adj: &[Vec<(usize, f64, usize)>],
            u: usize,
            w: f64,
            on: &mut Vec<bool>,
            places: &mut Vec<usize>,
            legs: &mut Vec<usize>,
            out: &mut Vec<(usize, f64, Vec<usize>, Vec<usize>)>,
        ) {
            for &(v, x, l) in &adj[u] {
                if on[v] {
                    continue;
                }
                on[v] = true;
                places.push(v);
                legs.push(l);
                out.push((v, w + x, places.clone(), legs.clone()));
                dfs(adj, v, w + x, on, places, legs, out);
                places.pop();
                legs.pop();
                on[v] = false;
            }
        }
        let mut on = vec![false; n];
        on[s] = true;
        dfs(
            &adj,
            s,
            0.0,
            &mut on,
            &mut vec![s],
            &mut Vec::new(),
            &mut routes,
        );
        for t in 0..n {
            if t == s {
                continue;
            }
            let of_t: Vec<_> = routes.iter().filter(|r| r.0 == t).collect();
            let Some(min) = of_t.iter().map(|r| r.1).reduce(f64::min) else {
                continue;
            };
            let shortest: Vec<_> = of_t.iter().filter(|r| r.1 == min).collect();
            let k = shortest.len() as f64;
            let share = src[s] && dst[t];
            if share {
                out.pairs += 1;
            }
            for r in shortest {
                for &p in &r.2[1..r.2.len() - 1] {
                    out.node[p] += 1.0 / k;
                    if share {
                        out.node_share[p] += 1.0 / k;
                    }
                }
                for &l in &r.3 {
                    out.leg[l] += 1.0 / k;
                    if share {
                        out.leg_share[l] += 1.0 / k;
                    }
                }
            }
        }
    }
    if out.pairs > 0 {
        let p = out.pairs as f64;
        out.node_share.iter_mut().for_each(|x| *x /= p);
        out.leg_share.iter_mut().for_each(|x| *x /= p);
    }
    out
}

fn csr_of(n: usize, legs: &[(usize, usize, f64)], hops: bool) -> Csr {
    Csr::from_edges(
        n,
        legs.iter()
            .enumerate()
            .map(|(i, &(a, b, w))| (a as u32, b as u32, i as u32, if hops { 1.0 } else { w }))
            .collect(),
    )
}

/// Edge values of a CSR result, by leg.
fn by_leg(csr: &Csr, m: usize, v: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; m];
    for k in 0..csr.edge_count() {
        out[csr.legs[k] as usize] = v[k];
    }
    out
}

fn full(csr: &Csr, src: &[bool], dst: &[bool]) -> routegraph::analysis::Brandes {
    brandes(
        csr,
        &BrandesOptions {
            edges: true,
            share: Some(ShareSets {
                sources: src.to_vec(),
                destinations: dst.to_vec(),
            }),
        },
    )
}

// ------------------------------------------------------ hand-computed graphs

#[test]
fn betweenness_of_a_diamond_with_a_tail_by_hops() {
    //        ┌─▶ B ─┐
    //   A ───┤      ├─▶ D ──▶ E
    //        └─▶ C ─┘
    // Shortest routes (hops): A→D and A→E have two each (via B, via C).
    //   B: A→D ½ + A→E ½ = 1;  C: the same = 1
    //   D: A→E 1 + B→E 1 + C→E 1 = 3;  A, E: 0
    //   A→B: A→B 1 + A→D ½ + A→E ½ = 2;  A→C: 2
    //   B→D: A→D ½ + A→E ½ + B→D 1 + B→E 1 = 3;  C→D: 3
    //   D→E: A→E + B→E + C→E + D→E = 4
    // n = 5: nodes × 1/(4·3) = 1/12, legs × 1/(5·4) = 1/20.
    let legs = [
        (0, 1, 1.0),
        (0, 2, 1.0),
        (1, 3, 1.0),
        (2, 3, 1.0),
        (3, 4, 1.0),
    ];
    let csr = csr_of(5, &legs, true);
    let b = full(
        &csr,
        &[true, false, false, false, false],
        &[false, false, false, false, true],
    );
    assert_all_close("node", &b.node, &[0.0, 1.0, 1.0, 3.0, 0.0]);
    assert_all_close("leg", &by_leg(&csr, 5, &b.edge), &[2.0, 2.0, 3.0, 3.0, 4.0]);
    assert_eq!(node_scale(5), 1.0 / 12.0);
    assert_eq!(edge_scale(5), 1.0 / 20.0);
    // Route share A → E (one pair): each of B, C carries half its routes, D all.
    assert_eq!(b.pairs, 1);
    assert_all_close("share", &b.node_share, &[0.0, 0.5, 0.5, 1.0, 0.0]);
    assert_all_close(
        "leg share",
        &by_leg(&csr, 5, &b.edge_share),
        &[0.5, 0.5, 0.5, 0.5, 1.0],
    );
}

#[test]
fn betweenness_with_cost_ties_and_parallel_legs() {
    //   A ─1─▶ B ─1─▶ C ─1─▶ D        legs: 0 A→B 1, 1 B→C 1, 2 A→C 2,
    //   └───2────────▶┘      ▲              3 C→D 1, 4 A→D 4,
    //   └───────4────────────┘              5 A→B 5 (heavier parallel: 0),
    //                                       6 A→B 1 (equal parallel, later: 0)
    // Shortest by cost: A→C 2 twice (A-B-C, A-C), A→D 3 twice (A-B-C-D,
    // A-C-D; A-D at 4 is longer), B→D 2 once.
    //   B: A→C ½ + A→D ½ = 1;   C: A→D 1 + B→D 1 = 2
    //   A→B: A→B 1 + A→C ½ + A→D ½ = 2
    //   B→C: A→C ½ + A→D ½ + B→C 1 + B→D 1 = 3
    //   A→C: A→C ½ + A→D ½ = 1;  C→D: A→D 1 + B→D 1 + C→D 1 = 3;  A→D: 0
    // n = 4: nodes × 1/6, legs × 1/12.
    let legs = [
        (0, 1, 1.0),
        (1, 2, 1.0),
        (0, 2, 2.0),
        (2, 3, 1.0),
        (0, 3, 4.0),
        (0, 1, 5.0),
        (0, 1, 1.0),
    ];
    let g = graph(4, &legs);
    let c = centrality(&g, &LegFilter::default(), Metric::Cost, true);
    assert_all_close("node", &c.place, &[0.0, 1.0, 2.0, 0.0]);
    assert_all_close(
        "node norm",
        &c.place_normalized,
        &[0.0, 1.0 / 6.0, 2.0 / 6.0, 0.0],
    );
    assert_all_close("leg", &c.leg, &[2.0, 3.0, 1.0, 3.0, 0.0, 0.0, 0.0]);
    assert_all_close(
        "leg norm",
        &c.leg_normalized,
        &[
            2.0 / 12.0,
            3.0 / 12.0,
            1.0 / 12.0,
            3.0 / 12.0,
            0.0,
            0.0,
            0.0,
        ],
    );
    assert_eq!(
        c.counted,
        vec![true, true, true, true, true, false, false],
        "the lightest parallel leg, first in the data, carries the pair"
    );
    // Roles: A source, D destination, one pair A → D: B on half of its
    // routes, C on all.
    assert_eq!(
        (c.sources.clone(), c.destinations.clone(), c.pairs),
        (vec![0], vec![3], 1)
    );
    assert_all_close("share", &c.place_share, &[0.0, 0.5, 1.0, 0.0]);
    assert_all_close(
        "leg share",
        &c.leg_share,
        &[0.5, 0.5, 0.5, 1.0, 0.0, 0.0, 0.0],
    );
}

/// Values computed once with NetworkX 3.6.1 (python3 in this environment):
///
/// ```python
/// import networkx as nx
/// G = nx.DiGraph(); G.add_nodes_from("ABCDEFGH")
/// for a, b, w in E: G.add_edge(a, b, w=w)        # E as in the test
/// nx.betweenness_centrality(G, normalized=False, weight="w")        # and True
/// nx.edge_betweenness_centrality(G, normalized=True, weight="w")
/// nx.betweenness_centrality(G, normalized=True, weight=None)
/// nx.edge_betweenness_centrality(G, normalized=True, weight=None)
/// nx.betweenness_centrality_subset(G, ["A","C"], ["F","H"], normalized=False, weight="w")
/// ```
///
/// and pasted as literals.
#[test]
fn betweenness_matches_networkx() {
    let names = "ABCDEFGH";
    let e = |a: char, b: char, w: f64| (names.find(a).unwrap(), names.find(b).unwrap(), w);
    let legs = [
        e('A', 'B', 2.0),
        e('A', 'C', 1.0),
        e('C', 'B', 1.0),
        e('B', 'D', 3.0),
        e('C', 'D', 4.0),
        e('C', 'E', 2.0),
        e('E', 'D', 2.0),
        e('D', 'F', 1.0),
        e('E', 'F', 3.0),
        e('F', 'G', 2.0),
        e('D', 'G', 3.0),
        e('G', 'H', 1.0),
        e('B', 'H', 7.0),
        e('H', 'A', 5.0),
    ];
    let n = 8;
    let m = legs.len();
    let mut src = vec![false; n];
    let mut dst = vec![false; n];
    src[0] = true; // A
    src[2] = true; // C
    dst[5] = true; // F
    dst[7] = true; // H

    // Weighted.
    let csr = csr_of(n, &legs, false);
    let b = full(&csr, &src, &dst);
    let nx_raw = [
        22.0,
        6.253391053391054,
        16.682828282828286,
        16.51219336219336,
        5.1512987012987015,
        11.303751803751803,
        20.234848484848484,
        22.0,
    ];
    let nx_norm = [
        0.5238095238095237,
        0.14889026317597748,
        0.39721019721019724,
        0.39314746100460385,
        0.1226499690785405,
        0.26913694770837626,
        0.48178210678210676,
        0.5238095238095237,
    ];
    let nx_edge_norm = [
        0.09494949494949495,
        0.42290764790764795,
        0.14171820243248814,
        0.2051471346114203,
        0.06420196866625438,
        0.2169874768089054,
        0.1505114924757782,
        0.260376726448155,
        0.0664759843331272,
        0.3268527107812822,
        0.15948386930529787,
        0.48633658008658004,
        0.03152056277056277,
        0.5178571428571428,
    ];
    assert_all_close("weighted node raw", &b.node, &nx_raw);
    let norm: Vec<f64> = b.node.iter().map(|x| x * node_scale(n)).collect();
    assert_all_close("weighted node normalised", &norm, &nx_norm);
    let enorm: Vec<f64> = by_leg(&csr, m, &b.edge)
        .iter()
        .map(|x| x * edge_scale(n))
        .collect();
    assert_all_close("weighted edge normalised", &enorm, &nx_edge_norm);
    // Subset betweenness = route share × pairs (strongly connected: 4 pairs).
    assert_eq!(b.pairs, 4);
    let nx_subset = [
        0.0,
        1.5704545454545455,
        1.5272727272727273,
        3.0272727272727273,
        1.5477272727272728,
        0.9545454545454546,
        1.6931818181818183,
        0.0,
    ];
    // Leg route share × pairs, counted with NetworkX's all_shortest_paths:
    //   for s in "AC": for t in "FH":
    //     ps = list(nx.all_shortest_paths(G, s, t, weight="w"))
    //     for p in ps: each edge of p += 1 / len(ps)
    // (NetworkX's edge_betweenness_centrality_subset gives other numbers:
    // its helper splits δ(w) evenly over w's predecessors, `delta[w] /
    // len(P[w])`, instead of in proportion to σ, so it is not used here.)
    let nx_edge_subset = [
        0.4727272727272728,
        1.527272727272727,
        1.0977272727272727,
        1.2636363636363637,
        0.8818181818181818,
        1.5477272727272728,
        0.8818181818181818,
        2.2886363636363636,
        0.6659090909090909,
        0.9545454545454546,
        0.7386363636363636,
        1.6931818181818183,
        0.3068181818181818,
        0.0,
    ];
    let share: Vec<f64> = b.node_share.iter().map(|x| x * 4.0).collect();
    assert_all_close("subset", &share, &nx_subset);
    let eshare: Vec<f64> = by_leg(&csr, m, &b.edge_share)
        .iter()
        .map(|x| x * 4.0)
        .collect();
    assert_all_close("edge subset", &eshare, &nx_edge_subset);

    // By hops (weight=None).
    let csr = csr_of(n, &legs, true);
    let b = full(&csr, &src, &dst);
    let nx_norm = [
        0.5238095238095237,
        0.16666666666666663,
        0.26190476190476186,
        0.23809523809523803,
        0.035714285714285705,
        0.05952380952380952,
        0.3571428571428571,
        0.5238095238095237,
    ];
    let nx_edge_norm = [
        0.19642857142857142,
        0.3214285714285714,
        0.05357142857142857,
        0.12499999999999997,
        0.11607142857142855,
        0.15178571428571427,
        0.0625,
        0.08035714285714285,
        0.08928571428571426,
        0.16964285714285712,
        0.2232142857142857,
        0.39285714285714285,
        0.125,
        0.5178571428571428,
    ];
    let norm: Vec<f64> = b.node.iter().map(|x| x * node_scale(n)).collect();
    assert_all_close("hops node normalised", &norm, &nx_norm);
    let enorm: Vec<f64> = by_leg(&csr, m, &b.edge)
        .iter()
        .map(|x| x * edge_scale(n))
        .collect();
    assert_all_close("hops edge normalised", &enorm, &nx_edge_norm);
}

// ------------------------------------------------ betweenness: brute force

fn random_graph(
    max_n: usize,
    max_legs: usize,
    max_w: u32,
) -> impl Strategy<Value = (usize, Vec<(usize, usize, f64)>)> {
    (2..=max_n).prop_flat_map(move |n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, 1..=max_w), 0..=max_legs)
                .prop_map(|v| v.into_iter().map(|(a, b, w)| (a, b, w as f64)).collect()),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Node and leg betweenness and route share equal a brute-force count of
    /// every shortest simple route, by hops and by integer costs.
    #[test]
    fn betweenness_equals_brute_force(
        (n, legs) in random_graph(7, 16, 3),
        hops in any::<bool>(),
        sets in prop::collection::vec(0u8..4, 7),
    ) {
        let src: Vec<bool> = (0..n).map(|i| sets[i] & 1 == 1).collect();
        let dst: Vec<bool> = (0..n).map(|i| sets[i] & 2 == 2).collect();
        let w: Vec<(usize, usize, f64)> =
            legs.iter().map(|&(a, b, c)| (a, b, if hops { 1.0 } else { c })).collect();
        let want = brute(n, &w, &src, &dst);
        let csr = csr_of(n, &legs, hops);
        let got = full(&csr, &src, &dst);
        let m = legs.len();
        assert_all_close("node", &got.node, &want.node);
        assert_all_close("leg", &by_leg(&csr, m, &got.edge), &want.leg);
        prop_assert_eq!(got.pairs, want.pairs);
        assert_all_close("node share", &got.node_share, &want.node_share);
        assert_all_close("leg share", &by_leg(&csr, m, &got.edge_share), &want.leg_share);
        // Without the extras, node betweenness is bit-identical.
        let plain = brandes(&csr, &BrandesOptions::default());
        prop_assert_eq!(plain.node, got.node);
    }
}

/// A deterministic pseudo-random graph (SplitMix64).
fn big_graph(n: usize, m: usize, seed: u64) -> Vec<(usize, usize, f64)> {
    let mut x = seed;
    let mut next = move || {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..m)
        .map(|_| {
            let a = (next() % n as u64) as usize;
            let b = (next() % n as u64) as usize;
            (a, b, (1 + next() % 9) as f64)
        })
        .collect()
}

#[test]
fn betweenness_is_bit_identical_with_one_and_two_threads() {
    let n = 1500;
    let legs = big_graph(n, 6000, 7);
    let src: Vec<bool> = (0..n).map(|i| i % 7 == 0).collect();
    let dst: Vec<bool> = (0..n).map(|i| i % 11 == 3).collect();
    for hops in [true, false] {
        let csr = csr_of(n, &legs, hops);
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| full(&csr, &src, &dst))
        };
        let (one, two) = (run(1), run(2));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one.node), bits(&two.node), "hops={hops}");
        assert_eq!(bits(&one.edge), bits(&two.edge), "hops={hops}");
        assert_eq!(bits(&one.node_share), bits(&two.node_share), "hops={hops}");
        assert_eq!(bits(&one.edge_share), bits(&two.edge_share), "hops={hops}");
        assert_eq!(one.pairs, two.pairs);
        assert!(one.node.iter().any(|&x| x > 0.0));
    }
}

#[test]
fn zero_weights_give_finite_deterministic_betweenness() {
    // Legs with no cost weigh 0; a zero-length cycle 1 ⇄ 2 must not loop.
    let legs = [
        (0, 1, 0.0),
        (1, 2, 0.0),
        (2, 1, 0.0),
        (1, 3, 1.0),
        (2, 3, 1.0),
    ];
    let csr = csr_of(4, &legs, false);
    let a = brandes(
        &csr,
        &BrandesOptions {
            edges: true,
            share: None,
        },
    );
    let b = brandes(
        &csr,
        &BrandesOptions {
            edges: true,
            share: None,
        },
    );
    assert!(a.node.iter().chain(&a.edge).all(|x| x.is_finite()));
    assert_eq!(a, b);
}

// ------------------------------------------------------------ structure

fn components(
    n: usize,
    legs: &[(usize, usize, f64)],
    gone_node: Option<usize>,
    gone_pair: Option<(usize, usize)>,
) -> usize {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, _) in legs {
        if Some(a) == gone_node || Some(b) == gone_node || a == b {
            continue;
        }
        if gone_pair == Some((a.min(b), a.max(b))) {
            continue;
        }
        adj[a].push(b);
        adj[b].push(a);
    }
    let mut seen = vec![false; n];
    let mut count = 0;
    for s in 0..n {
        if seen[s] || Some(s) == gone_node {
            continue;
        }
        count += 1;
        seen[s] = true;
        let mut q = vec![s];
        while let Some(u) = q.pop() {
            for &v in &adj[u] {
                if !seen[v] {
                    seen[v] = true;
                    q.push(v);
                }
            }
        }
    }
    count
}

fn reach(
    n: usize,
    legs: &[(usize, usize, f64)],
    from: &[usize],
    gone_node: &[bool],
    gone_leg: &[bool],
) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut q: VecDeque<usize> = VecDeque::new();
    for &s in from {
        if !gone_node[s] {
            seen[s] = true;
            q.push_back(s);
        }
    }
    while let Some(u) = q.pop_front() {
        for (i, &(a, b, _)) in legs.iter().enumerate() {
            if a == u && !gone_leg[i] && !gone_node[b] && !seen[b] {
                seen[b] = true;
                q.push_back(b);
            }
        }
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Articulation points, bridges and dominators against their definitions.
    #[test]
    fn structure_matches_definitions((n, legs) in random_graph(8, 14, 1)) {
        let g = graph(n, &legs);
        let f = LegFilter::default();
        let base = components(n, &legs, None, None);
        let want_ap: Vec<usize> = (0..n).filter(|&v| components(n, &legs, Some(v), None) > base).collect();
        prop_assert_eq!(articulation_points(&g, &f), want_ap);
        let mut pairs: Vec<(usize, usize)> = legs.iter().filter(|l| l.0 != l.1).map(|l| (l.0.min(l.1), l.0.max(l.1))).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let want_br: Vec<(usize, usize)> = pairs.into_iter().filter(|&p| components(n, &legs, None, Some(p)) > base).collect();
        let got_br: Vec<(usize, usize)> = bridges(&g, &f).iter().map(|b| (b.a, b.b)).collect();
        prop_assert_eq!(got_br, want_br);

        let none_leg = vec![false; legs.len()];
        let all: Vec<usize> = (0..n).collect();
        let fast = must_pass(&g, &f, &all, &all);
        for s in 0..n {
        let d = dominators(&g, &f, s);
        let reached = reach(n, &legs, &[s], &vec![false; n], &none_leg);
        for t in 0..n {
            if t == s {
                continue;
            }
            prop_assert_eq!(d.reaches(t), reached[t]);
            if !reached[t] {
                prop_assert_eq!(d.must_pass(t), None);
                continue;
            }
            let mut want: Vec<usize> = (0..n)
                .filter(|&v| v != s && v != t)
                .filter(|&v| {
                    let mut gone = vec![false; n];
                    gone[v] = true;
                    !reach(n, &legs, &[s], &gone, &none_leg)[t]
                })
                .collect();
            let got = d.must_pass(t).unwrap();
            // The array version agrees with petgraph's simple_fast, in route order.
            let mp = fast.iter().find(|m| m.source == s && m.destination == t).unwrap();
            prop_assert_eq!(&mp.places, &got);
            let mut got = got;
            got.sort_unstable();
            want.sort_unstable();
            prop_assert_eq!(got, want);
        }
        prop_assert_eq!(fast.iter().filter(|m| m.source == s).count(), reached.iter().filter(|&&r| r).count() - 1);
        }
    }
}

#[test]
fn must_pass_agrees_with_simple_fast_on_a_larger_graph() {
    for seed in 1..4 {
        let n = 400;
        let legs = big_graph(n, 1000, seed);
        let g = graph(n, &legs);
        let f = LegFilter::default();
        let few: Vec<usize> = (0..n).step_by(37).collect();
        let all: Vec<usize> = (0..n).collect();
        // Few sources: trees rooted at the sources; few destinations: at the
        // destinations, in the reversed graph.
        let forward = must_pass(&g, &f, &few, &all);
        let backward = must_pass(&g, &f, &all, &few);
        let mut i = 0;
        for &s in &few {
            let d = dominators(&g, &f, s);
            for t in 0..n {
                if let Some(want) = d.must_pass(t) {
                    let m = &forward[i];
                    assert_eq!((m.source, m.destination), (s, t));
                    assert_eq!(m.places, want, "{s} > {t}");
                    i += 1;
                }
            }
        }
        assert_eq!(i, forward.len());
        let mut i = 0;
        for s in 0..n {
            let d = dominators(&g, &f, s);
            for &t in &few {
                if let Some(want) = d.must_pass(t) {
                    let m = &backward[i];
                    assert_eq!((m.source, m.destination), (s, t));
                    assert_eq!(m.places, want, "{s} > {t}");
                    i += 1;
                }
            }
        }
        assert_eq!(i, backward.len());
    }
}

// ------------------------------------------------------------ cuts

/// Does a route from `src` reach `dst` once `gone_node`/`gone_leg` are removed?
fn connected(
    n: usize,
    legs: &[(usize, usize, f64)],
    src: &[usize],
    dst: &[usize],
    gone_node: &[bool],
    gone_leg: &[bool],
) -> bool {
    let r = reach(n, legs, src, gone_node, gone_leg);
    dst.iter().any(|&t| r[t] && !gone_node[t])
}

/// Some route from a source to a sink passes a cuttable place that remains.
fn routes_through_cuttable(
    n: usize,
    legs: &[(usize, usize, f64)],
    src: &[usize],
    dst: &[usize],
    uncut: &[bool],
    gone: &[bool],
) -> bool {
    let none = vec![false; legs.len()];
    let fwd = reach(n, legs, src, gone, &none);
    let rev: Vec<(usize, usize, f64)> = legs.iter().map(|&(a, b, w)| (b, a, w)).collect();
    let bwd = reach(n, &rev, dst, gone, &none);
    (0..n).any(|v| !uncut[v] && !gone[v] && fwd[v] && bwd[v])
}

/// Places, legs, persons per leg, and a tag per place.
type CutCase = (usize, Vec<(usize, usize, f64)>, Vec<Option<f64>>, Vec<u8>);

fn cut_case() -> impl Strategy<Value = CutCase> {
    (3..=10usize).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, Just(1.0)), 1..=22),
            prop::collection::vec(
                prop::option::weighted(0.8, 1..=5u32).prop_map(|o| o.map(f64::from)),
                22,
            ),
            // Per place: 0 free, 1 source, 2 sink, 3 keep (free more often).
            prop::collection::vec(
                prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
                n,
            ),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// The vertex cut and the edge cut (by legs and by persons) are minimum
    /// and valid, against brute force over every subset; the edge cut is
    /// the one nearest the sources.
    #[test]
    fn min_cuts_equal_brute_force((n, legs, persons, tags) in cut_case()) {
        let mut src: Vec<usize> = (0..n).filter(|&i| tags[i] == 1).collect();
        let mut dst: Vec<usize> = (0..n).filter(|&i| tags[i] == 2).collect();
        if src.is_empty() { src.push(0); }
        if dst.is_empty() { dst.push(n - 1); }
        dst.retain(|t| !src.contains(t));
        prop_assume!(!dst.is_empty());
        let keep: Vec<usize> = (0..n).filter(|&i| tags[i] == 3 && !src.contains(&i) && !dst.contains(&i)).collect();
        let g = graph_p(n, &legs, &persons);
        let f = LegFilter::default();
        let m = legs.len();
        let no_leg = vec![false; m];
        let mut uncut = vec![false; n];
        for &p in src.iter().chain(&dst).chain(&keep) { uncut[p] = true; }
        let free: Vec<usize> = (0..n).filter(|&v| !uncut[v]).collect();

        // Vertex cut: smallest subset of free places that disconnects.
        let subsets = |test: &dyn Fn(&[bool]) -> bool| -> Option<usize> {
            let mut best: Option<usize> = None;
            for mask in 0u32..(1 << free.len()) {
                let mut gone = vec![false; n];
                for (j, &v) in free.iter().enumerate() {
                    if mask >> j & 1 == 1 { gone[v] = true; }
                }
                if test(&gone) {
                    let k = mask.count_ones() as usize;
                    best = Some(best.map_or(k, |b: usize| b.min(k)));
                }
            }
            best
        };
        let vc = min_vertex_cut(&g, &f, &src, &dst, &keep);
        let mut gone = vec![false; n];
        for &p in &vc.places { prop_assert!(!uncut[p], "cut a place that may not be cut"); gone[p] = true; }
        match subsets(&|gone| !connected(n, &legs, &src, &dst, gone, &no_leg)) {
            Some(k) => {
                prop_assert_eq!(vc.flow, Some(k as u64));
                prop_assert_eq!(vc.places.len(), k);
                prop_assert!(!connected(n, &legs, &src, &dst, &gone, &no_leg));
                prop_assert!(vc.uncuttable.is_empty());
            }
            None => {
                prop_assert_eq!(vc.flow, None);
                prop_assert!(!vc.uncuttable.is_empty());
                // The example route joins a source to a sink over uncuttable places.
                prop_assert!(src.contains(vc.example.first().unwrap()));
                prop_assert!(dst.contains(vc.example.last().unwrap()));
                prop_assert!(vc.example.iter().all(|&p| uncut[p]));
                // The places cut every route through a cuttable place, minimally.
                let k = subsets(&|gone| !routes_through_cuttable(n, &legs, &src, &dst, &uncut, gone)).unwrap();
                prop_assert_eq!(vc.places.len(), k);
                prop_assert!(!routes_through_cuttable(n, &legs, &src, &dst, &uncut, &gone));
            }
        }

        // Edge cut: the cheapest side X ⊇ sources, X ∩ sinks = ∅, over every
        // split of the other places (max-flow min-cut by definition).
        for by in [CutBy::Legs, CutBy::Persons] {
            let cap = |i: usize| match by {
                CutBy::Legs => 1.0,
                CutBy::Persons => persons.get(i).copied().flatten().unwrap_or(1.0),
            };
            let others: Vec<usize> = (0..n).filter(|v| !src.contains(v) && !dst.contains(v)).collect();
            let mut best = f64::INFINITY;
            // The source side of every minimum cut contains that of the cut
            // nearest the sources: their intersection, which is also minimum.
            let mut nearest = vec![true; n];
            for mask in 0u32..(1 << others.len()) {
                let mut side = vec![false; n];
                for &s in &src { side[s] = true; }
                for (j, &v) in others.iter().enumerate() {
                    if mask >> j & 1 == 1 { side[v] = true; }
                }
                let c: f64 = legs.iter().enumerate()
                    .filter(|(_, &(a, b, _))| side[a] && !side[b])
                    .map(|(i, _)| cap(i)).sum();
                if c < best {
                    best = c;
                    nearest = side;
                } else if c == best {
                    for (x, y) in nearest.iter_mut().zip(&side) { *x &= *y; }
                }
            }
            let ec = min_edge_cut(&g, &f, &src, &dst, by);
            prop_assert_eq!(ec.flow, best);
            let want_legs: Vec<usize> = (0..m).filter(|&i| nearest[legs[i].0] && !nearest[legs[i].1]).collect();
            prop_assert_eq!(&ec.legs, &want_legs, "the cut nearest the sources");
            let total: f64 = ec.legs.iter().map(|&i| cap(i)).sum();
            prop_assert_eq!(total, best);
            let mut gone_leg = vec![false; m];
            for &l in &ec.legs { gone_leg[l] = true; }
            prop_assert!(!connected(n, &legs, &src, &dst, &vec![false; n], &gone_leg));
            prop_assert!(ec.legs.windows(2).all(|w| w[0] < w[1]), "sorted");
        }
        let both = min_cut(&g, &f, &src, &dst, &keep, CutBy::Legs).unwrap();
        prop_assert_eq!(&both.vertex, &vc);
    }
}

#[test]
fn cut_rejects_empty_or_overlapping_sets() {
    let g = graph(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
    let f = LegFilter::default();
    assert!(min_cut(&g, &f, &[], &[2], &[], CutBy::Legs).is_err());
    assert!(min_cut(&g, &f, &[0], &[], &[], CutBy::Legs).is_err());
    let e = min_cut(&g, &f, &[0, 1], &[1], &[], CutBy::Legs).unwrap_err();
    assert!(e.to_string().contains("P1 is both"), "{e}");
}

// ------------------------------------------------------------ what-if

/// The graph without `gone_places` and `gone_legs`, and the new index of each place.
fn without(
    g: &RouteGraph,
    legs: &[(usize, usize, f64)],
    gone_places: &[usize],
    gone_legs: &[usize],
) -> (RouteGraph, Vec<Option<usize>>) {
    let n = g.place_count();
    let mut map = vec![None; n];
    let mut h = RouteGraph::default();
    for p in 0..n {
        if !gone_places.contains(&p) {
            map[p] = Some(h.graph.add_node(g.place(p).clone()).index());
        }
    }
    for (i, &(a, b, _)) in legs.iter().enumerate() {
        if gone_legs.contains(&i) {
            continue;
        }
        if let (Some(x), Some(y)) = (map[a], map[b]) {
            h.graph
                .add_edge((x as u32).into(), (y as u32).into(), g.leg(i).clone());
        }
    }
    (h, map)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// What-if equals recomputing on a graph built without what was removed.
    #[test]
    fn what_if_equals_recomputing((n, legs) in random_graph(8, 16, 3), gone_place in prop::option::of(0usize..8), gone_legs in prop::collection::vec(0usize..16, 0..3), by_cost in any::<bool>()) {
        let gone_places: Vec<usize> = gone_place.filter(|&p| p < n).into_iter().collect();
        let gone_legs: Vec<usize> = gone_legs.into_iter().filter(|&l| l < legs.len()).collect();
        let metric = if by_cost { Metric::Cost } else { Metric::Hops };
        let g = graph(n, &legs);
        let f = LegFilter::default();
        let w = what_if(&g, &f, metric, &gone_places, &gone_legs);
        let (h, map) = without(&g, &legs, &gone_places, &gone_legs);
        let before = Csr::build(&g, &f, metric);
        let after = Csr::build(&h, &f, metric);
        let r0 = roles(&g, &f);
        let r1 = roles(&h, &f);
        let srcs: Vec<usize> = (0..n).filter(|&i| r0[i].role == Role::Source).collect();
        let dsts: Vec<usize> = (0..n).filter(|&i| r0[i].role == Role::Destination).collect();
        prop_assert_eq!(w.pairs.len(), srcs.len() * dsts.len());
        // The same graph seen through a predicate, for whole-route equality
        // with what `routegraph path` would answer.
        let view = Csr::build_with(&g, |i, leg| {
            let (a, b) = g.ends(i);
            f.accepts(leg) && !gone_legs.contains(&i) && !gone_places.contains(&a) && !gone_places.contains(&b)
        }, metric);
        for p in &w.pairs {
            let b = shortest(&before, p.from, p.to, &[]);
            prop_assert_eq!(&b, &p.before);
            if p.status == PairStatus::Rerouted {
                prop_assert_eq!(shortest(&view, p.from, p.to, &[]), p.after.clone());
            }
            let a = match (map[p.from], map[p.to]) {
                (Some(x), Some(y)) => shortest(&after, x, y, &[]),
                _ => None,
            };
            prop_assert_eq!(a.as_ref().map(|r| r.cost), p.after.as_ref().map(|r| r.cost));
            let status = match (&p.before, &p.after) {
                (None, _) => PairStatus::Unchanged,
                (Some(_), None) => PairStatus::Cut,
                (Some(x), Some(y)) if x == y => PairStatus::Unchanged,
                _ => PairStatus::Rerouted,
            };
            prop_assert_eq!(p.status, status);
            if let Some(r) = &p.after {
                prop_assert!(r.legs.iter().all(|l| !gone_legs.contains(l)));
                prop_assert!(r.places.iter().all(|q| !gone_places.contains(q)));
            }
        }
        for q in 0..n {
            let Some(x) = map[q] else { continue };
            let change = w.role_changes.iter().find(|c| c.place == q);
            if r0[q].role == r1[x].role {
                prop_assert!(change.is_none());
            } else {
                let c = change.unwrap();
                prop_assert_eq!((c.before, c.after), (r0[q].role, r1[x].role));
            }
        }
    }
}

// ------------------------------------------------------------ Turquesa

const CORRIDOR: [&str; 8] = ["BRA", "COL", "PAN", "CRI", "NIC", "HND", "GTM", "MEX"];

#[test]
fn turquesa_a_small_cut_separates_bangladesh_from_the_usa_on_the_corridor() {
    let g = load::turquesa();
    let f = LegFilter::default();
    let (s, t) = (g.resolve("BGD").unwrap(), g.resolve("USA").unwrap());
    let c = min_cut(&g, &f, &[s], &[t], &[], CutBy::Legs).unwrap();
    let v = &c.vertex;
    assert!(v.is_finite());
    assert!(
        !v.places.is_empty() && v.places.len() <= 2,
        "{:?}",
        v.places
    );
    for &p in &v.places {
        assert!(
            CORRIDOR.contains(&g.place(p).id.as_str()),
            "{}",
            g.place(p).id
        );
    }
    assert_eq!(v.flow, Some(v.places.len() as u64));
    // The edge cut lies on the corridor too (one end in it, or leaving BGD for it).
    assert!(c.edge.flow >= 1.0 && c.edge.legs.len() <= 2);
    for &l in &c.edge.legs {
        let (a, b) = g.ends(l);
        let on = |p: usize| CORRIDOR.contains(&g.place(p).id.as_str());
        assert!(on(a) || on(b), "{}", g.leg_id(l));
    }
    // Keeping Brazil moves the cut further along the corridor.
    let bra = g.resolve("BRA").unwrap();
    let k = min_cut(&g, &f, &[s], &[t], &[bra], CutBy::Legs).unwrap();
    assert_eq!(k.vertex.places.len(), 1);
    assert_ne!(k.vertex.places[0], bra);
    assert!(CORRIDOR.contains(&g.place(k.vertex.places[0]).id.as_str()));
}

#[test]
fn turquesa_default_cut_reports_the_direct_leg() {
    let g = load::turquesa();
    let c = routegraph::analysis::default_cut(&g, &LegFilter::default()).unwrap();
    assert!(!c.vertex.is_finite());
    assert_eq!(
        c.vertex.reason(&g).unwrap(),
        "no finite vertex cut: DOM -> USA is a direct leg"
    );
    let ids: Vec<&str> = c
        .vertex
        .places
        .iter()
        .map(|&p| g.place(p).id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["BRA", "DZA"],
        "cuts every other route, nearest the sources"
    );
}

#[test]
fn turquesa_chokepoints_are_on_the_corridor() {
    let g = load::turquesa();
    let f = LegFilter::default();
    let top = routegraph::analysis::top_chokepoints(&g, &f, Metric::Hops, 5);
    assert_eq!(top.len(), 5);
    for &p in &top {
        assert!(
            CORRIDOR.contains(&g.place(p).id.as_str()),
            "{}",
            g.place(p).id
        );
    }
    let c = centrality(&g, &f, Metric::Hops, true);
    let nic = g.resolve("NIC").unwrap();
    // 5 places before Nicaragua on the corridor (BGD BRA COL PAN CRI), 5 after (HND GTM MEX USA CAN).
    assert_eq!(c.place[nic], 25.0);
    // Pairs: BGD→USA, BGD→CAN, BGD→ESP, DOM→USA; Nicaragua lies on two.
    assert_eq!(c.pairs, 4);
    assert_eq!(c.place_share[nic], 0.5);
}

#[test]
fn turquesa_without_mexico() {
    let g = load::turquesa();
    let f = LegFilter::default();
    let mex = g.resolve("MEX").unwrap();
    let w = what_if(&g, &f, Metric::Hops, &[mex], &[]);
    let id = |p: usize| g.place(p).id.as_str();
    let status = |a: &str, b: &str| {
        w.pairs
            .iter()
            .find(|p| id(p.from) == a && id(p.to) == b)
            .map(|p| p.status)
    };
    assert_eq!(status("BGD", "USA"), Some(PairStatus::Cut));
    assert_eq!(status("BGD", "CAN"), Some(PairStatus::Cut));
    assert_eq!(status("BGD", "ESP"), Some(PairStatus::Unchanged));
    assert_eq!(status("DOM", "USA"), Some(PairStatus::Unchanged));
    let changes: Vec<(&str, Role, Role)> = w
        .role_changes
        .iter()
        .map(|c| (id(c.place), c.before, c.after))
        .collect();
    assert!(changes.contains(&("GTM", Role::Transit, Role::Destination)));
    assert!(changes.contains(&("CAN", Role::Destination, Role::Isolated)));
}

// ------------------------------------------------------------ commands

fn fits_80(s: &str) {
    for l in s.lines() {
        assert!(l.chars().count() <= 80, "line over 80 columns: {l:?}");
    }
}

#[test]
fn cli_chokepoints() {
    let r = routegraph(&["chokepoints"]);
    r.ok();
    fits_80(&r.stdout);
    assert!(r.stdout.contains("NIC") && r.stdout.contains("Articulation points"));
    assert!(r.stdout.contains("BGD > USA"), "{}", r.stdout);

    let j = routegraph(&["--format", "json", "chokepoints", "--top", "3"])
        .ok()
        .json();
    let rows = j.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for k in [
        "id",
        "name",
        "betweenness",
        "betweenness_normalized",
        "route_share",
        "rank",
    ] {
        assert!(rows[0].get(k).is_some(), "missing {k}");
    }
    assert_eq!(rows[0]["rank"], 1);

    let j = routegraph(&[
        "--format",
        "json",
        "chokepoints",
        "--legs",
        "--by",
        "cost",
        "--top",
        "0",
    ])
    .ok()
    .json();
    let rows = j.as_array().unwrap();
    assert_eq!(rows.len(), 13, "every smuggling and trafficking leg");
    for k in [
        "id",
        "from",
        "to",
        "kind",
        "betweenness",
        "betweenness_normalized",
        "route_share",
        "rank",
    ] {
        assert!(rows[0].get(k).is_some(), "missing {k}");
    }
    let t = routegraph(&["chokepoints", "--legs", "--by", "days"]);
    t.ok();
    fits_80(&t.stdout);
    let csv = routegraph(&["--format", "csv", "chokepoints"]);
    assert!(csv.ok().stdout.starts_with("rank,id,name,role,betweenness"));
    routegraph(&["chokepoints", "--by", "speed"]).fails_with(2, &["speed"]);
}

#[test]
fn cli_cut() {
    let r = routegraph(&["cut", "--from", "Bangladesh", "--to", "USA"]);
    r.ok();
    fits_80(&r.stdout);
    assert!(r.stdout.contains("BRA  Brazil"), "{}", r.stdout);
    assert!(r.stdout.contains("[brazil-network ¶1]"), "evidence shown");

    let j = routegraph(&["--format", "json", "cut", "--from", "BGD", "--to", "USA"])
        .ok()
        .json();
    for k in ["places", "legs", "flow", "from", "to"] {
        assert!(j.get(k).is_some(), "missing {k}");
    }
    assert_eq!(j["places"][0]["id"], "BRA");
    assert!(!j["places"][0]["evidence"].as_array().unwrap().is_empty());
    assert!(!j["legs"][0]["evidence"].as_array().unwrap().is_empty());
    assert_eq!(j["flow"]["places"], 1);

    let d = routegraph(&["cut"]);
    d.ok();
    fits_80(&d.stdout);
    assert!(d
        .stdout
        .contains("no finite vertex cut: DOM -> USA is a direct leg"));
    let j = routegraph(&["--format", "json", "cut"]).ok().json();
    assert_eq!(j["vertex_cut_finite"], false);
    assert!(j["flow"]["places"].is_null());
    assert_eq!(j["uncuttable"][0]["id"], "L13");

    let k = routegraph(&["cut", "--from", "BGD", "--to", "ESP", "--keep", "DZA"]);
    k.ok();
    fits_80(&k.stdout);
    assert!(k
        .stdout
        .contains("BGD -> DZA -> ESP runs only through places that"));
    let p = routegraph(&[
        "--format", "json", "cut", "--by", "persons", "--keep", "BRA",
    ])
    .ok()
    .json();
    assert_eq!(p["by"], "persons");
    assert_eq!(p["keep"][0], "BRA");

    routegraph(&["cut", "--from", "Bangldesh"]).fails_with(2, &["did you mean"]);
    routegraph(&["cut", "--from", "BGD", "--to", "BGD"]).fails_with(2, &["BGD is both"]);
    let csv = routegraph(&["--format", "csv", "cut", "--from", "BGD", "--to", "USA"]);
    assert!(csv.ok().stdout.starts_with("cut,id,name"));
}

#[test]
fn cli_what_if() {
    let r = routegraph(&["what-if", "--remove", "MEX"]);
    r.ok();
    fits_80(&r.stdout);
    assert!(r.stdout.contains("GTM"), "{}", r.stdout);

    let j = routegraph(&["--format", "json", "what-if", "--remove", "MEX"])
        .ok()
        .json();
    for k in ["removed", "pairs", "role_changes"] {
        assert!(j.get(k).is_some(), "missing {k}");
    }
    let pair = j["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["from"] == "BGD" && p["to"] == "USA")
        .unwrap();
    assert_eq!(pair["status"], "cut");
    assert!(pair["after"].is_null());
    assert_eq!(pair["before"]["route"][0], "BGD");
    assert!(pair["before"]["cost"].is_number());

    // FROM->TO and a leg id remove the same leg.
    let a = routegraph(&["--format", "json", "what-if", "--remove", "MEX->USA"])
        .ok()
        .json();
    let b = routegraph(&["--format", "json", "what-if", "--remove", "l09"])
        .ok()
        .json();
    assert_eq!(a, b);
    assert_eq!(a["removed"]["legs"][0], "L09");

    let r = routegraph(&[
        "what-if", "--remove", "BRA", "--remove", "DZA", "--by", "cost",
    ]);
    r.ok();
    fits_80(&r.stdout);

    routegraph(&["what-if", "--remove", "Mexco"]).fails_with(2, &["did you mean \"Mexico\""]);
    routegraph(&["what-if", "--remove", "USA->MEX"])
        .fails_with(2, &["no smuggling and trafficking leg"]);
    routegraph(&["what-if", "--remove", "L17"]).fails_with(2, &["money"]);
    routegraph(&["what-if"]).fails_with(2, &["--remove"]);
    let csv = routegraph(&["--format", "csv", "what-if", "--remove", "MEX"]);
    assert!(csv.ok().stdout.starts_with("from,to,status"));
}
