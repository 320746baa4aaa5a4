//! Integration tests: one binary, one module per area.

mod chokepoints;
mod cli_errors;
mod cli_queries;
mod export;
mod extract;
mod harness;
mod render;
mod routes_prop;
mod synth;
mod turquesa;
