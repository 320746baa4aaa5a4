//! Integration tests: one binary, one module per area.

mod cli_errors;
mod cli_queries;
mod harness;
mod routes_prop;
mod turquesa;
