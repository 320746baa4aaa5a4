//! The command line: clap definitions and one file per subcommand. This is
//! the only layer that prints or decides exit codes; everything else returns
//! values or errors.

mod legs;
pub mod output;
mod path;
mod places;
mod roles;
mod validate;

use crate::load;
use crate::model::{Kind, LegFilter, RouteGraph, Status};
use clap::{Args, Parser, Subcommand};
use output::Format;
use std::io::Write;
use std::path::PathBuf;

/// Turn what is known about people-smuggling and trafficking routes into a
/// graph, analyse it and draw it. Without --data, works on the embedded
/// Operation Turquesa (INTERPOL, 2019) data set.
#[derive(Debug, Parser)]
#[command(name = "routegraph", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Data set: a JSON file in the routegraph schema, or a legs CSV
    /// (`from,to[,kind,weight,cost,days,status,mode]`). Default: the embedded
    /// Turquesa set.
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Places CSV (`id,name,lat,lon`) for a legs CSV.
    #[arg(long, global = true, value_name = "FILE")]
    pub places: Option<PathBuf>,
    /// Kinds of legs to use, comma-separated [default: smuggling,trafficking;
    /// `legs` and `places` show all kinds]
    #[arg(long, global = true, value_delimiter = ',', value_name = "KINDS")]
    pub kinds: Vec<Kind>,
    /// Statuses of legs to use, comma-separated [default: all]
    #[arg(long, global = true, value_delimiter = ',', value_name = "STATUSES")]
    pub status: Vec<Status>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the places, with what the source says about each.
    Places(places::PlacesArgs),
    /// List the legs, with their evidence.
    Legs(legs::LegsArgs),
    /// Each place's role: source, transit, destination or isolated.
    Roles(roles::RolesArgs),
    /// Routes from one place to another.
    Path(path::PathArgs),
    /// Check a data file and report every problem found.
    Validate(validate::ValidateArgs),
}

/// How a successful command ended.
pub enum Outcome {
    /// Exit code 0.
    Done,
    /// Exit code 1: the question has no answer (no route); the message says why.
    NotFound(String),
}

/// What the commands share: the loaded graph and the resolved options.
pub struct Context {
    pub graph: RouteGraph,
    pub format: Format,
    kinds: Vec<Kind>,
    statuses: Vec<Status>,
}

impl Context {
    /// The leg filter: `--kinds` (or `default_kinds`) and `--status`.
    pub fn filter_or(&self, default_kinds: &[Kind]) -> LegFilter {
        LegFilter {
            kinds: if self.kinds.is_empty() {
                default_kinds.to_vec()
            } else {
                self.kinds.clone()
            },
            statuses: if self.statuses.is_empty() {
                Status::ALL.to_vec()
            } else {
                self.statuses.clone()
            },
        }
    }
    /// The filter for questions about people: default smuggling and trafficking.
    pub fn filter(&self) -> LegFilter {
        self.filter_or(&Kind::PEOPLE)
    }
}

/// Run the parsed command line, writing to `out` and warnings to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    if let Command::Validate(args) = &cli.command {
        return validate::run(args, &cli.global, out, err);
    }
    let loaded = load::load(cli.global.data.as_deref(), cli.global.places.as_deref())?;
    for w in &loaded.warnings {
        writeln!(err, "warning: {w}")?;
    }
    let ctx = Context {
        graph: loaded.graph,
        format: cli.global.format,
        kinds: cli.global.kinds.clone(),
        statuses: cli.global.status.clone(),
    };
    match &cli.command {
        Command::Places(a) => places::run(&ctx, a, out),
        Command::Legs(a) => legs::run(&ctx, a, out),
        Command::Roles(a) => roles::run(&ctx, a, out),
        Command::Path(a) => path::run(&ctx, a, out),
        Command::Validate(_) => unreachable!("handled above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
