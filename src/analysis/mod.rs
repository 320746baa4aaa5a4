//! Analyses of the route graph. Nothing here does IO or prints: functions take
//! a [`RouteGraph`](crate::model::RouteGraph) (or its [`Csr`]) and return values.

pub mod centrality;
pub mod csr;
pub mod cut;
pub mod paths;
mod radix;
pub mod roles;
pub mod structure;
pub mod whatif;

pub use centrality::{brandes, centrality, top_chokepoints, Brandes, Centrality};
pub use csr::{Csr, Metric};
pub use cut::{default_cut, min_cut, Cut, CutBy};
pub use paths::{all_simple, k_shortest, k_shortest_via, shortest, Route};
pub use roles::{role_counts, roles, PlaceRole, RoleCounts};
pub use structure::{
    articulation_points, bridges, dominators, must_pass, Bridge, Dominators, MustPass,
};
pub use whatif::{what_if, PairStatus, WhatIf};
