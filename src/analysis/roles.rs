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

use crate::model::{LegFilter, Role, RouteGraph};
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

#[derive(Clone, Copy, Default)]
struct Tally {
    in_persons: f64,
    out_persons: f64,
    in_legs: u32,
    out_legs: u32,
    in_unknown: u32,
    out_unknown: u32,
}

/// Roles of every place, in place order.
///
/// Runs in O(V + E).
pub fn roles(g: &RouteGraph, filter: &LegFilter) -> Vec<PlaceRole> {
    let n = g.place_count();
    let mut t = vec![Tally::default(); n];
    for e in g.graph.edge_indices() {
        let leg = &g.graph[e];
        if !filter.accepts(leg) {
            continue;
        }
        let (a, b) = g.ends(e.index());
        let p = leg.persons.unwrap_or(0.0);
        t[a].out_legs += 1;
        t[a].out_persons += p;
        t[b].in_legs += 1;
        t[b].in_persons += p;
        if leg.persons.is_none() {
            t[a].out_unknown += 1;
            t[b].in_unknown += 1;
        }
    }
    g.places()
        .zip(t)
        .enumerate()
        .map(|(index, (place, t))| {
            let role = match (t.in_legs > 0, t.out_legs > 0) {
                (false, false) => Role::Isolated,
                (false, true) => Role::Source,
                (true, false) => Role::Destination,
                (true, true) => Role::Transit,
            };
            let also = if role == Role::Transit && t.in_unknown + t.out_unknown == 0 {
                if t.in_persons > t.out_persons {
                    Some(Role::Destination)
                } else if t.out_persons > t.in_persons {
                    Some(Role::Source)
                } else {
                    None
                }
            } else {
                None
            };
            let agrees = place.stated_role.map(|s| s == role || Some(s) == also);
            PlaceRole {
                id: place.id.clone(),
                name: place.name.clone(),
                role,
                also,
                in_persons: t.in_persons,
                out_persons: t.out_persons,
                in_legs: t.in_legs,
                out_legs: t.out_legs,
                in_unknown: t.in_unknown,
                out_unknown: t.out_unknown,
                stated_role: place.stated_role,
                agrees,
                index,
            }
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
