//! `routegraph render`: the route map or the schematic, to PNG or SVG.

use super::{Context, Outcome};
use crate::analysis::Metric;
use crate::fsutil::write_atomic_parts;
use crate::model::Kind;
use crate::render::{best_route, render, ImageFormat, Layout, RenderOptions};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Which picture: a geographic map or a layered schematic.
    #[arg(long, value_enum, default_value_t = Layout::Map)]
    pub layout: Layout,
    /// Output file; .png or .svg decides the format.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = 1600)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 1000)]
    pub height: u32,
    /// Title (default: the data set's title).
    #[arg(long)]
    pub title: Option<String>,
    /// Draw the best route between two places on top, the rest faded.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"], conflicts_with = "highlight_route")]
    pub highlight: Vec<String>,
    /// Draw this route on top (places separated by commas).
    #[arg(long, value_delimiter = ',', value_name = "A,B,C")]
    pub highlight_route: Vec<String>,
    /// With --highlight: what "best" means.
    #[arg(long, default_value = "hops", value_name = "hops|cost|days")]
    pub by: Metric,
    /// Most place labels drawn (most important first).
    #[arg(long, default_value_t = 60)]
    pub max_labels: usize,
    /// Ring the top 3 chokepoints and cross the legs of the minimum cut
    /// between all sources and all destinations.
    #[arg(long)]
    pub mark: bool,
}

/// Resolve the options shared by `render` and `report`.
pub fn highlight(ctx: &Context, args: &RenderArgs) -> anyhow::Result<Option<Vec<usize>>> {
    let g = &ctx.graph;
    let filter = ctx.filter_or(&Kind::ALL);
    if let [from, to] = args.highlight.as_slice() {
        let (s, t) = (g.resolve(from)?, g.resolve(to)?);
        return match best_route(g, &filter, args.by, s, t) {
            Some(r) => Ok(Some(r)),
            None => Err(crate::Error::Query(format!(
                "--highlight: no route from {} to {} to highlight",
                g.place(s).name,
                g.place(t).name
            ))
            .into()),
        };
    }
    if !args.highlight_route.is_empty() {
        let route = args
            .highlight_route
            .iter()
            .map(|p| g.resolve(p))
            .collect::<Result<Vec<_>, _>>()?;
        if route.len() < 2 {
            anyhow::bail!("--highlight-route needs at least two places");
        }
        for w in route.windows(2) {
            let joined =
                (0..g.leg_count()).any(|i| g.ends(i) == (w[0], w[1]) && filter.accepts(g.leg(i)));
            if !joined {
                anyhow::bail!(
                    "--highlight-route: no leg from {} to {} among the legs drawn",
                    g.place(w[0]).id,
                    g.place(w[1]).id
                );
            }
        }
        return Ok(Some(route));
    }
    Ok(None)
}

pub fn run(ctx: &Context, args: &RenderArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Some(format) = ImageFormat::from_path(&args.out) else {
        anyhow::bail!(
            "--out {}: unknown image format; expected a file name ending in .png or .svg",
            args.out.display()
        );
    };
    if args.width < 320 || args.height < 240 || args.width > 20_000 || args.height > 20_000 {
        anyhow::bail!("--width and --height must be between 320x240 and 20000x20000 pixels");
    }
    let (chokepoints, cut) = if args.mark {
        super::report::marks(ctx)
    } else {
        (Vec::new(), None)
    };
    let opts = RenderOptions {
        chokepoints: chokepoints.into_iter().map(|c| c.0).collect(),
        cut_legs: cut.map(|c| c.edge.legs).unwrap_or_default(),
        layout: args.layout,
        width: args.width,
        height: args.height,
        title: args.title.clone(),
        filter: ctx.filter_or(&Kind::ALL),
        highlight: highlight(ctx, args)?,
        max_labels: args.max_labels,
        leg_attrs: format == ImageFormat::Svg,
    };
    // Phases for ROUTEGRAPH_TIMINGS: the scene, its encoding, the file.
    let phase = super::progress::Progress::hidden("scene");
    let r = render(&ctx.graph, &opts);
    phase.finish();
    let phase = super::progress::Progress::hidden("encode");
    let bytes = r.encode(format).map_err(anyhow::Error::msg)?;
    phase.finish();
    let phase = super::progress::Progress::hidden("write");
    write_atomic_parts(&args.out, &bytes)?;
    phase.finish();
    writeln!(
        out,
        "wrote {} ({} places, {} labels{})",
        args.out.display(),
        r.positions.len(),
        r.labels.len(),
        if r.unlabelled.is_empty() {
            String::new()
        } else {
            format!(
                ", {} places unlabelled for lack of room",
                r.unlabelled.len()
            )
        }
    )?;
    super::drop_later((r, bytes));
    Ok(Outcome::Done)
}
