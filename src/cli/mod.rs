//! The command line: clap definitions and one file per subcommand. This is
//! the only layer that prints or decides exit codes; everything else returns
//! values or errors.

mod bench;
mod chokepoints;
mod cut;
mod export;
mod extract;
mod legs;
pub mod output;
mod path;
mod places;
pub mod progress;
mod render;
mod report;
mod roles;
mod synth;
mod validate;
mod whatif;

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
    /// No progress display (it is shown only when stderr is a terminal).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Worker threads for parallel analyses [default: all cores].
    #[arg(
        long,
        global = true,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,
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
    /// Rank places (or legs) by betweenness and route share; articulation
    /// points, bridges and the places every route must pass.
    Chokepoints(chokepoints::ChokepointsArgs),
    /// The fewest places and legs whose removal cuts every route from the
    /// sources to the destinations, with their evidence.
    Cut(cut::CutArgs),
    /// Remove places or legs and see which flows are cut, which reroute, and
    /// how roles change.
    WhatIf(whatif::WhatIfArgs),
    /// Check a data file and report every problem found.
    Validate(validate::ValidateArgs),
    /// Draft a data set from the text of a press release (every leg "extracted").
    Extract(extract::ExtractArgs),
    /// Draw the route map or the schematic to PNG or SVG.
    Render(render::RenderArgs),
    /// The main job: map, schematic, roles, routes and figures, as files and an HTML page.
    Report(report::ReportArgs),
    /// Export to GraphML, GEXF, DOT, GeoJSON, CSV (Neo4j, Spark) or JSON.
    Export(export::ExportArgs),
    /// Write a synthetic route set (places.csv, legs.csv, optionally dataset.json).
    Synth(synth::SynthArgs),
    /// Shortest routes for many pairs in one process (for benchmarks).
    #[command(hide = true)]
    BenchPaths(bench::BenchPathsArgs),
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
    progress::set_quiet(cli.global.quiet);
    progress::init_threads(cli.global.threads);
    if let Command::Synth(args) = &cli.command {
        return synth::run(args, &cli.global, out, err);
    }
    if let Command::Validate(args) = &cli.command {
        return validate::run(args, &cli.global, out, err);
    }
    if let Command::Extract(args) = &cli.command {
        return extract::run(args, &cli.global, out, err);
    }
    let loading = progress::Progress::spinner(
        "load",
        format!(
            "loading {}",
            cli.global
                .data
                .as_deref()
                .map_or("the embedded set".into(), |p| p.display().to_string())
        ),
    );
    let loaded = load::load(cli.global.data.as_deref(), cli.global.places.as_deref())?;
    loading.finish();
    for w in &loaded.warnings {
        writeln!(err, "warning: {w}")?;
    }
    let ctx = Context {
        graph: loaded.graph,
        format: cli.global.format,
        kinds: cli.global.kinds.clone(),
        statuses: cli.global.status.clone(),
    };
    let timed = progress::Progress::hidden("command");
    let result = match &cli.command {
        Command::Places(a) => places::run(&ctx, a, out),
        Command::Legs(a) => legs::run(&ctx, a, out),
        Command::Roles(a) => roles::run(&ctx, a, out),
        Command::Path(a) => path::run(&ctx, a, out),
        Command::Chokepoints(a) => chokepoints::run(&ctx, a, out),
        Command::Cut(a) => cut::run(&ctx, a, out),
        Command::WhatIf(a) => whatif::run(&ctx, a, out),
        Command::Render(a) => render::run(&ctx, a, out),
        Command::Report(a) => report::run(&ctx, a, out),
        Command::Export(a) => export::run(&ctx, a, out, err),
        Command::BenchPaths(a) => bench::run(&ctx, a, out),
        Command::Synth(_) => unreachable!("handled above"),
        Command::Validate(_) => unreachable!("handled above"),
        Command::Extract(_) => unreachable!("handled above"),
    };
    timed.finish();
    drop_later(ctx);
    result
}

/// Free `value` on a background thread. The answer is written by now, and a
/// process about to exit need not wait for the frees of a million-leg graph
/// or picture (a few percent of a large command); if the process lives on,
/// the thread simply finishes the job.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    // Should the thread not start, the closure and `value` drop right here.
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
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
