//! Analyses of the route graph. Nothing here does IO or prints: functions take
//! a [`RouteGraph`](crate::model::RouteGraph) (or its [`Csr`]) and return values.

pub mod csr;
pub mod paths;
pub mod roles;

pub use csr::{Csr, Metric};
pub use paths::{all_simple, k_shortest, k_shortest_via, shortest, Route};
pub use roles::{roles, PlaceRole};
