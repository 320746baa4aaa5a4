//! `routegraph report`: the main job. Writes the map and the schematic (PNG
//! and SVG), the roles as CSV, a summary as JSON and a self-contained HTML
//! page that shows them all with no network access.

use super::output::{num, persons_cell};
use super::path::{route_out, RouteOut};
use super::{Context, Outcome};
use crate::analysis::centrality::rank_places;
use crate::analysis::roles::{roles, sort_for_display, PlaceRole};
use crate::analysis::{centrality, default_cut, shortest, Csr, Metric};
use crate::fsutil::write_atomic;
use crate::model::{Figure, Kind, Role};
use crate::render::{render, ImageFormat, Layout, RenderOptions};
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Directory to write into (created if missing).
    #[arg(long, short, default_value = "routegraph-report", value_name = "DIR")]
    pub out: PathBuf,
    /// Width of the pictures in pixels.
    #[arg(long, default_value_t = 1600)]
    pub width: u32,
    /// Height of the pictures in pixels.
    #[arg(long, default_value_t = 1000)]
    pub height: u32,
}

/// `summary.json` (documented in README.md).
#[derive(Debug, Serialize)]
pub struct Summary {
    pub data_set: String,
    pub title: Option<String>,
    pub sources: Vec<String>,
    pub places: usize,
    pub legs: usize,
    pub roles: Vec<PlaceRole>,
    /// The best route (by hops) from each source to each destination it reaches.
    pub routes: Vec<RouteOut>,
    /// The places with the highest betweenness (by hops), marked on the pictures.
    pub chokepoints: Vec<Chokepoint>,
    /// The minimum cut between all sources and all destinations, marked on the pictures.
    pub cut: Option<CutSummary>,
    /// The operation's figures as the source gives them.
    pub figures: Vec<Figure>,
    pub files: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Chokepoint {
    pub id: String,
    pub name: String,
    pub betweenness: f64,
}

#[derive(Debug, Serialize)]
pub struct CutSummary {
    /// Fewest places whose removal cuts every route (empty when no finite vertex cut exists).
    pub places: Vec<String>,
    /// Why there is no finite vertex cut, if there is none.
    pub places_note: Option<String>,
    /// Fewest legs whose removal cuts every route.
    pub legs: Vec<String>,
    /// The max-flow value: the number of legs in the cut.
    pub flow: f64,
}

/// The top three chokepoints (place index, betweenness by hops) and the
/// default minimum cut: what the pictures mark.
pub fn marks(ctx: &Context) -> (Vec<(usize, f64)>, Option<crate::analysis::Cut>) {
    let (g, filter) = (&ctx.graph, ctx.filter());
    // As `top_chokepoints`, keeping the scores for the summary.
    let c = centrality(g, &filter, Metric::Hops, false);
    let mut top = rank_places(g, &filter, &c);
    top.retain(|&i| c.place[i] > 0.0);
    top.truncate(3);
    let top = top.into_iter().map(|i| (i, c.place[i])).collect();
    (top, default_cut(g, &filter))
}

pub fn run(ctx: &Context, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    std::fs::create_dir_all(&args.out).map_err(|e| crate::Error::io(&args.out, e))?;
    let filter = ctx.filter();
    let mut rows = roles(g, &filter);
    sort_for_display(&mut rows);

    // Routes from every source to every destination.
    let csr = Csr::build(g, &filter, Metric::Hops);
    let sources: Vec<&PlaceRole> = rows.iter().filter(|r| r.role == Role::Source).collect();
    let dests: Vec<&PlaceRole> = rows
        .iter()
        .filter(|r| r.role == Role::Destination)
        .collect();
    let mut routes = Vec::new();
    for s in &sources {
        for d in &dests {
            if let Some(r) = shortest(&csr, s.index, d.index, &[]) {
                routes.push(route_out(g, &csr, &r, Metric::Hops));
            }
        }
    }

    let (chokepoints, cut) = marks(ctx);
    let mut files = Vec::new();
    let mut svgs = Vec::new();
    for (layout, stem) in [(Layout::Map, "map"), (Layout::Schematic, "schematic")] {
        let opts = RenderOptions {
            layout,
            width: args.width,
            height: args.height,
            filter: ctx.filter_or(&Kind::ALL),
            chokepoints: chokepoints.iter().map(|c| c.0).collect(),
            cut_legs: cut
                .as_ref()
                .map(|c| c.edge.legs.clone())
                .unwrap_or_default(),
            ..RenderOptions::default()
        };
        let r = render(g, &opts);
        for fmt in [ImageFormat::Png, ImageFormat::Svg] {
            let ext = if fmt == ImageFormat::Png {
                "png"
            } else {
                "svg"
            };
            let bytes = r.encode(fmt).map_err(anyhow::Error::msg)?.concat();
            if fmt == ImageFormat::Svg {
                svgs.push(String::from_utf8(bytes.clone())?);
            }
            files.push(write(&args.out, &format!("{stem}.{ext}"), &bytes)?);
        }
    }

    let mut csv = Vec::new();
    super::output::write_csv(&mut csv, &super::roles::csv_rows(&rows))?;
    files.push(write(&args.out, "roles.csv", &csv)?);

    let mut summary = Summary {
        data_set: g.name.clone(),
        title: g.title.clone(),
        sources: g
            .sources
            .iter()
            .map(|s| format!("{}: {}", s.publisher, s.title))
            .collect(),
        places: g.place_count(),
        legs: g.leg_count(),
        roles: rows.clone(),
        routes,
        chokepoints: chokepoints
            .iter()
            .map(|&(i, betweenness)| Chokepoint {
                id: g.place(i).id.clone(),
                name: g.place(i).name.clone(),
                betweenness,
            })
            .collect(),
        cut: cut.as_ref().filter(|c| c.connected()).map(|c| CutSummary {
            places: c
                .vertex
                .places
                .iter()
                .filter(|_| c.vertex.is_finite())
                .map(|&i| g.place(i).id.clone())
                .collect(),
            places_note: c.vertex.reason(g),
            legs: c.edge.legs.iter().map(|&i| g.leg_id(i)).collect(),
            flow: c.edge.flow,
        }),
        figures: g.totals.clone(),
        files: Vec::new(),
    };
    let html = html_page(ctx, &summary, &svgs);
    files.push(write(&args.out, "report.html", html.as_bytes())?);
    let summary_path = args.out.join("summary.json");
    files.push(summary_path.display().to_string());
    summary.files = files.clone();
    let json = serde_json::to_vec_pretty(&summary)?;
    write_atomic(&summary_path, &json)?;

    // What the analyst reads first.
    let names = |rs: &[&PlaceRole]| {
        rs.iter()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let transit: Vec<&PlaceRole> = rows.iter().filter(|r| r.role == Role::Transit).collect();
    writeln!(out, "{}", g.title.as_deref().unwrap_or(&g.name))?;
    writeln!(out, "  {} places, {} legs", g.place_count(), g.leg_count())?;
    writeln!(out, "  sources:      {}", names(&sources))?;
    writeln!(out, "  transit:      {}", names(&transit))?;
    writeln!(out, "  destinations: {}", names(&dests))?;
    for r in summary.routes.iter().take(6) {
        let unit = if r.hops == 1 { "leg" } else { "legs" };
        writeln!(out, "  route: {} ({} {unit})", r.places.join(" > "), r.hops)?;
    }
    if !summary.chokepoints.is_empty() {
        let names: Vec<&str> = summary
            .chokepoints
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        writeln!(
            out,
            "  chokepoints:  {} (highest betweenness)",
            names.join(", ")
        )?;
    }
    if let Some(c) = &summary.cut {
        writeln!(
            out,
            "  minimum cut:  legs {} ({} legs cut every route)",
            c.legs.join(", "),
            num(c.flow)
        )?;
    }
    writeln!(out, "wrote:")?;
    for f in &files {
        writeln!(out, "  {f}")?;
    }
    Ok(Outcome::Done)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let p = dir.join(name);
    write_atomic(&p, bytes)?;
    Ok(p.display().to_string())
}

fn html_page(ctx: &Context, s: &Summary, svgs: &[String]) -> String {
    let g = &ctx.graph;
    let e = |t: &str| crate::xml::escape_attr(t).into_owned();
    let title = e(s.title.as_deref().unwrap_or(&s.data_set));
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{title}: routegraph report</title>\n"));
    h.push_str(
        "<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#212529;line-height:1.45}\n\
         figure{margin:1.5rem 0}figure svg{width:100%;height:auto;border:1px solid #ddd}\n\
         table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .7rem;text-align:left}\n\
         td.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.3rem 0}\n\
         .muted{color:#5a6068;font-size:.9rem}code{background:#f3f3f3;padding:0 .2rem}\n</style>\n</head>\n<body>\n",
    );
    h.push_str(&format!("<h1>{title}</h1>\n"));
    if let Some(d) = &g.description {
        h.push_str(&format!("<p>{}</p>\n", e(d)));
    }
    for src in &s.sources {
        h.push_str(&format!("<p class=\"muted\">Source: {}</p>\n", e(src)));
    }
    let captions = [
        "Route map. Dashed legs are inferred from the corridor the operation targeted; solid legs are stated by the source.",
        "Schematic: sources on the left, transit in the middle, destinations on the right.",
    ];
    for (svg, cap) in svgs.iter().zip(captions) {
        h.push_str("<figure>\n");
        h.push_str(svg);
        h.push_str(&format!(
            "<figcaption class=\"muted\">{}</figcaption>\n</figure>\n",
            e(cap)
        ));
    }
    h.push_str("<table>\n<caption>Roles (smuggling and trafficking legs)</caption>\n<tr><th>id</th><th>place</th><th>role</th><th>persons in</th><th>persons out</th><th>legs in/out</th><th>role the source states</th></tr>\n");
    for r in &s.roles {
        if r.role == Role::Isolated {
            continue;
        }
        let role = match r.also {
            Some(a) => format!("{} (+{a})", r.role),
            None => r.role.to_string(),
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}/{}</td><td>{}</td></tr>\n",
            e(&r.id),
            e(&r.name),
            role,
            persons_cell(r.in_persons, r.in_legs, r.in_unknown),
            persons_cell(r.out_persons, r.out_legs, r.out_unknown),
            r.in_legs,
            r.out_legs,
            r.stated_role.map(|x| x.to_string()).unwrap_or_default()
        ));
    }
    h.push_str(
        "</table>\n<p class=\"muted\">≥: some legs give no number of persons; -: none does.</p>\n",
    );
    h.push_str("<table>\n<caption>Routes from each source to each destination (fewest legs)</caption>\n<tr><th>route</th><th>legs</th><th>evidence</th></tr>\n");
    for r in &s.routes {
        let statuses: Vec<&str> = r.legs.iter().map(|l| l.status.as_str()).collect();
        let inferred = statuses.iter().filter(|s| **s == "inferred").count();
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{} of {} legs inferred</td></tr>\n",
            e(&r.places.join(" → ")),
            r.hops,
            inferred,
            r.hops
        ));
    }
    h.push_str("</table>\n");
    if !s.chokepoints.is_empty() || s.cut.is_some() {
        h.push_str("<h2>Where to act</h2>\n<ul>\n");
        if !s.chokepoints.is_empty() {
            let names: Vec<String> = s
                .chokepoints
                .iter()
                .map(|c| format!("{} (betweenness {})", e(&c.name), num(c.betweenness)))
                .collect();
            h.push_str(&format!(
                "<li>Chokepoints, the places most shortest routes pass through (ringed on the pictures): {}.</li>\n",
                names.join(", ")
            ));
        }
        if let Some(c) = &s.cut {
            h.push_str(&format!(
                "<li>Minimum cut: removing the {} legs {} (crossed on the pictures) cuts every route from a source to a destination.</li>\n",
                num(c.flow),
                e(&c.legs.join(", "))
            ));
            match (&c.places_note, c.places.is_empty()) {
                (Some(note), _) => h.push_str(&format!("<li>Places: {}.</li>\n", e(note))),
                (None, false) => h.push_str(&format!(
                    "<li>Fewest places that cut every route: {}.</li>\n",
                    e(&c.places.join(", "))
                )),
                _ => {}
            }
        }
        h.push_str("</ul>\n<p class=\"muted\">Details and evidence: <code>routegraph chokepoints</code>, <code>routegraph cut</code>, <code>routegraph what-if --remove PLACE</code>.</p>\n");
    }
    if !s.figures.is_empty() {
        h.push_str("<table>\n<caption>Operation figures</caption>\n<tr><th>figure</th><th>value</th><th>where in the source</th></tr>\n");
        for f in &s.figures {
            let q = f
                .qualifier
                .as_deref()
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            let unit = f
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            h.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}{}{}</td><td>{}</td></tr>\n",
                e(&f.what.replace('_', " ")),
                e(&q),
                num(f.value),
                e(&unit),
                e(&f.evidence.paraphrase)
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str("<p class=\"muted\">The boundaries and names shown do not imply endorsement or acceptance. Outlines: Natural Earth (public domain). \
                Country names and points: see data/LICENSE-gazetteer.txt (ODbL). Made by routegraph; this page loads nothing from the network.</p>\n");
    h.push_str("</body>\n</html>\n");
    h
}
