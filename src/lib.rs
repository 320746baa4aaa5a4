//! routegraph: people-smuggling and trafficking routes as a graph.
//!
//! Load places and legs (the embedded Operation Turquesa set, a JSON data
//! set, or CSV files), compute each place's role and the routes between
//! places, and draw them.
//!
//! ```
//! use routegraph::{analysis, load, model::LegFilter};
//! let g = load::turquesa();
//! let roles = analysis::roles(&g, &LegFilter::default());
//! let bgd = g.resolve("Bangladesh").unwrap();
//! assert_eq!(roles[bgd].role, routegraph::model::Role::Source);
//! ```

pub mod analysis;
pub mod cli;
pub mod error;
pub mod export;
pub mod extract;
pub mod fsutil;
pub mod geo;
mod hint;
pub mod load;
pub mod model;
pub mod names;
pub mod render;
pub mod synth;
pub mod xml;

pub use error::{Error, InputError, Result};
