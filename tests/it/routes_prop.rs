//! Roles and routes on small hand-made graphs, and Yen's algorithm against a
//! brute-force enumeration of every simple route on random graphs.

use proptest::prelude::*;
use routegraph::analysis::paths::Distances;
use routegraph::analysis::{all_simple, k_shortest, roles, Csr, Metric};
use routegraph::model::{Kind, Leg, LegFilter, Place, Role, RouteGraph, Status};

/// A graph of places "A".."" with legs (from, to, cost, kind).
fn graph(n: usize, legs: &[(usize, usize, f64, Kind)]) -> RouteGraph {
    let mut g = RouteGraph::default();
    for i in 0..n {
        let id = ((b'A' + i as u8) as char).to_string();
        g.graph.add_node(Place::new(id.clone(), id));
    }
    for &(a, b, cost, kind) in legs {
        let mut leg = Leg::new(kind, Status::Stated);
        leg.set_cost(Some(cost));
        leg.set_persons(Some(cost));
        g.graph.add_edge((a as u32).into(), (b as u32).into(), leg);
    }
    g
}

const S: Kind = Kind::Smuggling;

#[test]
fn roles_on_a_hand_made_graph() {
    // A -> B -> C, D -> B, C -> E (money), F alone; B sends on less than it gets.
    let g = graph(
        6,
        &[
            (0, 1, 10.0, S),
            (1, 2, 4.0, S),
            (3, 1, 5.0, Kind::Trafficking),
            (2, 4, 1.0, Kind::Money),
        ],
    );
    let r = roles(&g, &LegFilter::default());
    let role = |i: usize| r[i].role;
    assert_eq!(role(0), Role::Source);
    assert_eq!(role(1), Role::Transit);
    assert_eq!(r[1].also, Some(Role::Destination), "15 in, 4 out");
    assert_eq!((r[1].in_persons, r[1].out_persons), (15.0, 4.0));
    assert_eq!((r[1].in_legs, r[1].out_legs), (2, 1));
    assert_eq!(
        role(2),
        Role::Destination,
        "money legs do not count by default"
    );
    assert_eq!(role(3), Role::Source);
    assert_eq!(role(4), Role::Isolated);
    assert_eq!(role(5), Role::Isolated);
    let all = roles(&g, &LegFilter::all());
    assert_eq!(all[2].role, Role::Transit);
    assert_eq!(all[4].role, Role::Destination);
}

#[test]
fn a_place_that_sends_more_than_it_receives_is_also_a_source() {
    let g = graph(3, &[(0, 1, 2.0, S), (1, 2, 9.0, S)]);
    let r = roles(&g, &LegFilter::default());
    assert_eq!((r[1].role, r[1].also), (Role::Transit, Some(Role::Source)));
}

#[test]
fn k_shortest_on_a_hand_made_graph() {
    //   A --1--> B --1--> D
    //   A --1--> C --2--> D
    //   A --5--> D ; B --1--> C
    let g = graph(
        4,
        &[
            (0, 1, 1.0, S),
            (1, 3, 1.0, S),
            (0, 2, 1.0, S),
            (2, 3, 2.0, S),
            (0, 3, 5.0, S),
            (1, 2, 1.0, S),
        ],
    );
    let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
    let rs = k_shortest(&csr, 0, 3, 10, &[]);
    let got: Vec<(Vec<usize>, f64)> = rs.iter().map(|r| (r.places.clone(), r.cost)).collect();
    assert_eq!(
        got,
        vec![
            (vec![0, 1, 3], 2.0),
            (vec![0, 2, 3], 3.0),
            (vec![0, 1, 2, 3], 4.0),
            (vec![0, 3], 5.0),
        ]
    );
    // By hops the direct leg wins.
    let hops = Csr::build(&g, &LegFilter::default(), Metric::Hops);
    assert_eq!(k_shortest(&hops, 0, 3, 1, &[])[0].places, vec![0, 3]);
    // Avoiding B.
    let rs = k_shortest(&csr, 0, 3, 10, &[1]);
    assert_eq!(
        rs.iter().map(|r| r.places.clone()).collect::<Vec<_>>(),
        vec![vec![0, 2, 3], vec![0, 3]]
    );
}

#[test]
fn parallel_legs_give_one_route_using_the_lightest() {
    let g = graph(2, &[(0, 1, 7.0, S), (0, 1, 3.0, Kind::Trafficking)]);
    let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
    let rs = k_shortest(&csr, 0, 1, 5, &[]);
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].legs, vec![1]);
    assert_eq!(rs[0].cost, 3.0);
}

/// Every simple route s -> t, each hop by its lightest leg: (places, cost).
fn brute_force(
    n: usize,
    legs: &[(usize, usize, f64, Kind)],
    s: usize,
    t: usize,
) -> Vec<(Vec<usize>, f64)> {
    let mut best = vec![vec![f64::INFINITY; n]; n];
    for &(a, b, c, _) in legs {
        best[a][b] = best[a][b].min(c);
    }
    let mut out = Vec::new();
    let mut path = vec![s];
    fn go(
        u: usize,
        t: usize,
        best: &[Vec<f64>],
        path: &mut Vec<usize>,
        cost: f64,
        out: &mut Vec<(Vec<usize>, f64)>,
    ) {
        if u == t {
            out.push((path.clone(), cost));
            return;
        }
        for v in 0..best.len() {
            if best[u][v].is_finite() && !path.contains(&v) {
                path.push(v);
                go(v, t, best, path, cost + best[u][v], out);
                path.pop();
            }
        }
    }
    go(s, t, &best, &mut path, 0.0, &mut out);
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    out
}

fn arb_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize, f64, Kind)>)> {
    (2usize..8).prop_flat_map(|n| {
        let leg = (0..n, 0..n, 1u8..6).prop_filter_map("no self-loops", |(a, b, c)| {
            (a != b).then_some((a, b, c as f64, Kind::Smuggling))
        });
        (Just(n), prop::collection::vec(leg, 0..(n * 3)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Yen's k shortest routes have the same costs as the k cheapest routes
    /// of a brute-force enumeration, are simple, distinct and valid.
    #[test]
    fn yen_matches_brute_force((n, legs) in arb_graph(), k in 1usize..12) {
        let g = graph(n, &legs);
        let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
        let (s, t) = (0, n - 1);
        let got = k_shortest(&csr, s, t, k, &[]);
        let want = brute_force(n, &legs, s, t);
        let want_costs: Vec<f64> = want.iter().take(k).map(|r| r.1).collect();
        let got_costs: Vec<f64> = got.iter().map(|r| r.cost).collect();
        prop_assert_eq!(got_costs, want_costs);
        let mut seen = std::collections::HashSet::new();
        for r in &got {
            prop_assert!(seen.insert(r.places.clone()), "duplicate route");
            let mut uniq = r.places.clone();
            uniq.sort_unstable();
            uniq.dedup();
            prop_assert_eq!(uniq.len(), r.places.len(), "not simple");
            prop_assert!(want.iter().any(|w| w.0 == r.places && w.1 == r.cost), "not a route of the graph");
            for (h, &leg) in r.legs.iter().enumerate() {
                prop_assert_eq!(g.ends(leg), (r.places[h], r.places[h + 1]));
            }
        }
    }

    /// `all_simple` lists exactly the brute-force routes within the hop limit.
    #[test]
    fn all_simple_matches_brute_force((n, legs) in arb_graph(), h in 1usize..7) {
        let g = graph(n, &legs);
        let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
        let (got, truncated) = all_simple(&csr, 0, n - 1, h, &[], 100_000);
        prop_assert!(!truncated);
        let mut want: Vec<(Vec<usize>, f64)> = brute_force(n, &legs, 0, n - 1)
            .into_iter()
            .filter(|r| r.0.len() - 1 <= h)
            .collect();
        let mut got: Vec<(Vec<usize>, f64)> = got.into_iter().map(|r| (r.places, r.cost)).collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        got.sort_by(|a, b| a.0.cmp(&b.0));
        prop_assert_eq!(got, want);
    }

    /// Point-to-point distances (radix heap, no routes) equal the cheapest
    /// brute-force route from every place to every other, with the same
    /// buffers reused across queries.
    #[test]
    fn distances_match_brute_force((n, legs) in arb_graph()) {
        let g = graph(n, &legs);
        let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
        let mut d = Distances::new(&csr);
        for s in 0..n {
            for t in 0..n {
                let want = if s == t {
                    Some(0.0)
                } else {
                    brute_force(n, &legs, s, t).iter().map(|r| r.1).min_by(f64::total_cmp)
                };
                prop_assert_eq!(d.run(s, t), want, "{} -> {}", s, t);
            }
        }
    }
}
