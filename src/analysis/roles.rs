//! Roles: which places send people, which pass them on, which receive them.
//!
//! The rule, over the legs that pass the filter (default: smuggling and
//! trafficking, any status):
//! - no legs at all: `isolated`;
//! - legs out only: `source`; legs in only: `destination`;
//! - legs in and out: `transit`. When every leg at the place gives a number
//!   of persons and the numbers do not balance, the place is also marked
//!   (`also`) as a destination (more arrive than leave) or a source (more
//!   leave than arrive): a country that both sends and receives is not
//!   forced into one word.
//!
//! Where the data set records the role its source states, both are shown and
//! disagreement is flagged.

use crate::model::{Leg, LegFilter, Role, RouteGraph};
use serde::Serialize;

/// One place's role and the counts behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRole {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// A second role the numbers show (see the module docs), if any.
    pub also: Option<Role>,
    pub in_persons: f64,
    pub out_persons: f64,
    pub in_legs: u32,
    pub out_legs: u32,
    /// Legs in (out) that give no number of persons: `in_persons` then counts only the others.
    pub in_unknown: u32,
    pub out_unknown: u32,
    /// The role the source states, when the data set records it.
    pub stated_role: Option<Role>,
    /// Whether the computed role agrees with the stated one (`None`: nothing stated).
    pub agrees: Option<bool>,
    #[serde(skip)]
    pub index: usize,
}

/// One place's role and the counts behind it, without its names: what
/// [`role_counts`] computes, one per place, in place order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RoleCounts {
    pub role: Role,
    pub also: Option<Role>,
    pub in_persons: f64,
    pub out_persons: f64,
    pub in_legs: u32,
    pub out_legs: u32,
    pub in_unknown: u32,
    pub out_unknown: u32,
}

/// The role of every place, in place order (see the module docs).
///
/// Runs in O(V + E): one pass over the legs, one over the places.
pub fn role_counts(g: &RouteGraph, filter: &LegFilter) -> Vec<RoleCounts> {
    let n = g.place_count();
    let edges = g.graph.raw_edges();
    // Large sets: the two halves of the edge array on two threads, then
    // added together. The split depends on the size only, never on the
    // number of threads, so the sums are the same bits with one thread.
    let (out, inn) = if edges.len() >= PARALLEL_LEGS {
        let (first, second) = edges.split_at(edges.len() / 2);
        let ((mut out, mut inn), (out2, in2)) =
            rayon::join(|| tally(first, n, filter), || tally(second, n, filter));
        for (a, b) in out.iter_mut().zip(&out2).chain(inn.iter_mut().zip(&in2)) {
            a.add(b);
        }
        (out, inn)
    } else {
        tally(edges, n, filter)
    };
    out.iter()
        .zip(&inn)
        .map(|(o, i)| {
            let role = match (i.legs > 0, o.legs > 0) {
                (false, false) => Role::Isolated,
                (false, true) => Role::Source,
                (true, false) => Role::Destination,
                (true, true) => Role::Transit,
            };
            let also = if role == Role::Transit && i.unknown + o.unknown == 0 {
                if i.persons > o.persons {
                    Some(Role::Destination)
                } else if o.persons > i.persons {
                    Some(Role::Source)
                } else {
                    None
                }
            } else {
                None
            };
            RoleCounts {
                role,
                also,
                in_persons: i.persons,
                out_persons: o.persons,
                in_legs: i.legs,
                out_legs: o.legs,
                in_unknown: i.unknown,
                out_unknown: o.unknown,
            }
        })
        .collect()
}

/// From this many legs, [`role_counts`] counts on two threads.
const PARALLEL_LEGS: usize = 200_000;

/// One side (in or out) of a place's counts: 16 bytes, four to a cache line.
#[derive(Clone, Copy, Default)]
struct Side {
    persons: f64,
    legs: u32,
    unknown: u32,
}

impl Side {
    fn add(&mut self, o: &Side) {
        self.persons += o.persons;
        self.legs += o.legs;
        self.unknown += o.unknown;
    }
}

/// The counts of `edges`, out and in, one pass in memory order.
///
/// Each leg updates two places picked at random as far as the cache can
/// tell (at 100,000 places the counts outgrow it), so the places of the
/// leg [`AHEAD`] rows on are prefetched: the misses of several legs
/// overlap (docs/performance.md).
fn tally(
    edges: &[petgraph::graph::Edge<Leg>],
    n: usize,
    filter: &LegFilter,
) -> (Vec<Side>, Vec<Side>) {
    const AHEAD: usize = 16;
    let mut out = vec![Side::default(); n];
    let mut inn = vec![Side::default(); n];
    for (k, e) in edges.iter().enumerate() {
        if let Some(next) = edges.get(k + AHEAD) {
            crate::hint::prefetch(&out, next.source().index());
            crate::hint::prefetch(&inn, next.target().index());
        }
        let leg = &e.weight;
        if !filter.accepts(leg) {
            continue;
        }
        let p = leg.persons().unwrap_or(0.0);
        let unknown = u32::from(leg.persons().is_none());
        let o = &mut out[e.source().index()];
        o.legs += 1;
        o.persons += p;
        o.unknown += unknown;
        let i = &mut inn[e.target().index()];
        i.legs += 1;
        i.persons += p;
        i.unknown += unknown;
    }
    (out, inn)
}

/// Roles of every place, in place order, with their ids, names and stated
/// roles: [`role_counts`] made readable.
///
/// Runs in O(V + E).
pub fn roles(g: &RouteGraph, filter: &LegFilter) -> Vec<PlaceRole> {
    with_names(g, &role_counts(g, filter))
}

/// [`role_counts`] with each place's id, name and stated role.
pub fn with_names(g: &RouteGraph, counts: &[RoleCounts]) -> Vec<PlaceRole> {
    g.places()
        .zip(counts)
        .enumerate()
        .map(|(index, (place, t))| PlaceRole {
            id: place.id.clone(),
            name: place.name.clone(),
            role: t.role,
            also: t.also,
            in_persons: t.in_persons,
            out_persons: t.out_persons,
            in_legs: t.in_legs,
            out_legs: t.out_legs,
            in_unknown: t.in_unknown,
            out_unknown: t.out_unknown,
            stated_role: place.stated_role,
            agrees: place.stated_role.map(|s| s == t.role || Some(s) == t.also),
            index,
        })
        .collect()
}

/// The order analysts read roles in: sources, transit, destinations, then
/// isolated places; within a role, most persons through first, then by id.
pub fn sort_for_display(rows: &mut [PlaceRole]) {
    rows.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then_with(|| {
                let ta = a.in_persons + a.out_persons;
                let tb = b.in_persons + b.out_persons;
                tb.total_cmp(&ta)
            })
            .then_with(|| (b.in_legs + b.out_legs).cmp(&(a.in_legs + a.out_legs)))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Place, Status};
    use petgraph::graph::NodeIndex;

    /// Above [`PARALLEL_LEGS`] the counts come from two halves: they must
    /// equal a plain count leg by leg, with one thread or two.
    #[test]
    fn two_halves_count_like_one_pass() {
        let (n, m) = (500usize, PARALLEL_LEGS + 1001);
        let mut g = RouteGraph::default();
        for i in 0..n {
            g.graph
                .add_node(Place::new(format!("P{i}"), format!("P{i}")));
        }
        // Places 0..50 only send, 450..500 only receive, the rest both.
        let mut x = 12345u64;
        for i in 0..m {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let a = (x >> 33) as usize % 450;
            let b = 50 + (x >> 13) as usize % 450;
            if a == b {
                continue;
            }
            let kind = if i % 7 == 0 {
                Kind::Money
            } else {
                Kind::Smuggling
            };
            let mut leg = Leg::new(kind, Status::Stated);
            leg.set_persons((i % 5 != 0).then_some((i % 13) as f64));
            g.graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), leg);
        }
        let f = LegFilter::default();
        let got = role_counts(&g, &f);
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| role_counts(&g, &f));
        assert_eq!(got, one_thread);
        for (p, r) in got.iter().enumerate() {
            let mut want = RoleCounts::default();
            for e in g.graph.raw_edges().iter().filter(|e| f.accepts(&e.weight)) {
                let unknown = u32::from(e.weight.persons().is_none());
                let persons = e.weight.persons().unwrap_or(0.0);
                if e.source().index() == p {
                    want.out_legs += 1;
                    want.out_persons += persons;
                    want.out_unknown += unknown;
                }
                if e.target().index() == p {
                    want.in_legs += 1;
                    want.in_persons += persons;
                    want.in_unknown += unknown;
                }
            }
            assert_eq!(
                (r.in_legs, r.out_legs, r.in_unknown, r.out_unknown),
                (
                    want.in_legs,
                    want.out_legs,
                    want.in_unknown,
                    want.out_unknown
                ),
                "place {p}"
            );
            assert_eq!(
                (r.in_persons, r.out_persons),
                (want.in_persons, want.out_persons)
            );
            let role = match p {
                0..50 => Role::Source,
                450.. => Role::Destination,
                _ => Role::Transit,
            };
            assert_eq!(r.role, role, "place {p}");
            assert_eq!(r.also, None, "unknown persons at every transit place");
        }
    }
}
