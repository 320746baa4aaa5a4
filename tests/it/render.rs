//! Pictures that would catch a wrong drawing: rendered in memory, the SVG
//! parsed and the PNG decoded.

use routegraph::load;
use routegraph::model::Role;
use routegraph::render::style::{role_color, HIGHLIGHT};
use routegraph::render::{render, Layout, RenderOptions};

fn opts(layout: Layout) -> RenderOptions {
    RenderOptions {
        layout,
        ..RenderOptions::default()
    }
}

fn decode(png_bytes: &[u8]) -> (u32, Vec<u8>) {
    let dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, buf)
}

#[test]
fn map_pixels_show_roles_at_the_places() {
    let g = load::turquesa();
    let r = render(&g, &opts(Layout::Map));
    let (w, px) = decode(&r.png().unwrap());
    let color_at = |id: &str| {
        let i = g.resolve(id).unwrap();
        let (_, (x, y)) = *r.positions.iter().find(|(p, _)| *p == i).expect("drawn");
        let k = ((y.round() as u32 * w + x.round() as u32) * 3) as usize;
        (px[k], px[k + 1], px[k + 2])
    };
    assert_eq!(color_at("BGD"), role_color(Role::Source));
    assert_eq!(color_at("USA"), role_color(Role::Destination));
    assert_eq!(color_at("ESP"), role_color(Role::Destination));
    assert_eq!(color_at("MEX"), role_color(Role::Transit));
}

fn svg_doc(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG is well-formed XML")
}

fn groups<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("g")
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').next() == Some(class))
        })
        .collect()
}

#[test]
fn every_place_drawn_has_its_label_and_every_leg_its_arrowhead() {
    let g = load::turquesa();
    for layout in [Layout::Map, Layout::Schematic] {
        let r = render(&g, &opts(layout));
        assert!(
            r.unlabelled.is_empty(),
            "{layout:?}: unlabelled {:?}",
            r.unlabelled
        );
        let svg = r.svg().unwrap();
        let doc = svg_doc(&svg);
        let places: Vec<&str> = groups(&doc, "place")
            .iter()
            .map(|n| n.attribute("data-place").unwrap())
            .collect();
        let labels: Vec<&str> = groups(&doc, "label")
            .iter()
            .filter_map(|n| n.attribute("data-place"))
            .collect();
        assert!(places.len() >= 18, "{layout:?}: {places:?}");
        for p in &places {
            assert!(labels.contains(p), "{layout:?}: place {p} has no label");
        }
        // Each label's text is findable.
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("label") && n.attribute("data-text").is_some())
            .map(|n| n.attribute("data-text").unwrap())
            .collect();
        assert!(texts.contains(&"Bangladesh"), "{texts:?}");
        let legs = groups(&doc, "leg");
        let heads = groups(&doc, "head");
        assert_eq!(legs.len(), heads.len(), "{layout:?}: one arrowhead per leg");
        for (l, h) in legs.iter().zip(&heads) {
            assert_eq!(l.attribute("data-legs"), h.attribute("data-legs"));
            let shapes = h.children().filter(|c| c.is_element()).count();
            assert!(shapes >= 1, "an arrowhead is drawn");
        }
    }
}

#[test]
fn the_map_draws_every_leg_with_locations_and_reports_the_rest() {
    let g = load::turquesa();
    let r = render(&g, &opts(Layout::Map));
    let svg = r.svg().unwrap();
    let doc = svg_doc(&svg);
    let drawn: usize = groups(&doc, "leg")
        .iter()
        .map(|n| n.attribute("data-legs").unwrap().split(' ').count())
        .sum();
    assert_eq!(drawn + r.not_drawn.len(), g.leg_count());
    // The Colombian money goes to unnamed countries: no location, not drawn.
    assert_eq!(r.not_drawn.len(), 1);
    assert_eq!(g.place(g.ends(r.not_drawn[0]).1).count, Some(17));
    // The schematic has no such limit.
    assert!(render(&g, &opts(Layout::Schematic)).not_drawn.is_empty());
}

#[test]
fn the_highlighted_route_carries_the_highlight_style() {
    let g = load::turquesa();
    let route: Vec<usize> = ["BGD", "DZA", "ESP"]
        .iter()
        .map(|p| g.resolve(p).unwrap())
        .collect();
    let r = render(
        &g,
        &RenderOptions {
            highlight: Some(route),
            ..opts(Layout::Map)
        },
    );
    let svg = r.svg().unwrap();
    let doc = svg_doc(&svg);
    let hl: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("leg highlight"))
        .collect();
    let pairs: Vec<(&str, &str)> = hl
        .iter()
        .map(|n| {
            (
                n.attribute("data-from").unwrap(),
                n.attribute("data-to").unwrap(),
            )
        })
        .collect();
    assert_eq!(pairs, [("BGD", "DZA"), ("DZA", "ESP")]);
    let stroke = format!("#{:02X}{:02X}{:02X}", HIGHLIGHT.0, HIGHLIGHT.1, HIGHLIGHT.2);
    for n in &hl {
        assert!(
            n.children()
                .any(|c| c.attribute("stroke") == Some(stroke.as_str())),
            "highlight colour on {:?}",
            n.attribute("data-legs")
        );
    }
    // Every other leg is faded.
    for n in groups(&doc, "leg")
        .iter()
        .filter(|n| n.attribute("class") == Some("leg"))
    {
        for c in n.children().filter(|c| c.has_tag_name("polyline")) {
            let o: f64 = c.attribute("opacity").unwrap().parse().unwrap();
            assert!(o < 0.5, "faded: {o}");
        }
    }
}

#[test]
fn labels_never_overlap() {
    let g = load::turquesa();
    for layout in [Layout::Map, Layout::Schematic] {
        let r = render(&g, &opts(layout));
        for (i, a) in r.labels.iter().enumerate() {
            for b in &r.labels[i + 1..] {
                assert!(
                    !a.rect.intersects(&b.rect),
                    "{layout:?}: {} and {}",
                    a.text,
                    b.text
                );
            }
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    let g = load::turquesa();
    for layout in [Layout::Map, Layout::Schematic] {
        let a = render(&g, &opts(layout));
        let b = render(&g, &opts(layout));
        assert_eq!(a.png().unwrap(), b.png().unwrap());
        assert_eq!(a.svg().unwrap(), b.svg().unwrap());
    }
}

/// A set large enough for merged legs, the compact painting and the bands.
fn large_set() -> routegraph::model::RouteGraph {
    let s = routegraph::synth::generate(routegraph::synth::Params {
        places: 800,
        legs: 6000,
        seed: 7,
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    s.write_dir(dir.path(), false).unwrap();
    load::load_csv(
        &dir.path().join("legs.csv"),
        Some(&dir.path().join("places.csv")),
    )
    .unwrap()
    .graph
}

#[test]
fn large_pictures_are_the_same_for_any_number_of_threads() {
    let g = large_set();
    let pool = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    for layout in [Layout::Map, Layout::Schematic] {
        let draw = |n: usize| {
            pool(n).install(|| {
                let r = render(&g, &opts(layout));
                assert!(r.aggregated && r.scene.compact);
                (r.png().unwrap(), r.svg().unwrap())
            })
        };
        let (png1, svg1) = draw(1);
        let (png3, svg3) = draw(3);
        assert!(png1 == png3, "{layout:?}: PNG differs with 3 threads");
        assert!(svg1 == svg3, "{layout:?}: SVG differs with 3 threads");
        // Every drawn leg keeps its group and its arrowhead; curves are exact.
        let doc = svg_doc(&svg1);
        let legs = groups(&doc, "leg");
        assert_eq!(legs.len(), groups(&doc, "head").len());
        assert!(legs.len() > 1500, "{}", legs.len());
        assert!(legs.iter().all(|n| n.attribute("data-from").is_some()));
        assert!(doc
            .descendants()
            .any(|n| n.has_tag_name("path") && n.attribute("d").is_some_and(|d| d.contains('Q'))));
        // The legs are drawn: the middle band of the PNG is not background.
        let (w, px) = decode(&png1);
        let h = px.len() / 3 / w as usize;
        let row = h / 2;
        let inked = (0..w as usize)
            .filter(|&x| {
                let k = (row * w as usize + x) * 3;
                px[k..k + 3] != [255, 255, 255] && px[k..k + 3] != [246, 249, 252]
            })
            .count();
        assert!(
            inked > 50,
            "{layout:?}: {inked} pixels inked on the middle row"
        );
    }
}

#[test]
fn legs_without_their_attributes_paint_the_same_pixels() {
    for (g, layout) in [
        (load::turquesa(), Layout::Map),
        (load::turquesa(), Layout::Schematic),
        (large_set(), Layout::Map),
    ] {
        let full = render(&g, &opts(layout));
        let bare = render(
            &g,
            &RenderOptions {
                leg_attrs: false,
                ..opts(layout)
            },
        );
        assert!(full.png().unwrap() == bare.png().unwrap(), "{layout:?}");
        let (full, bare) = (full.svg().unwrap(), bare.svg().unwrap());
        assert!(full.contains("data-legs=") && full.contains("data-from="));
        assert!(!bare.contains("data-legs=") && !bare.contains("data-from="));
        assert_eq!(
            groups(&svg_doc(&full), "leg").len(),
            groups(&svg_doc(&bare), "leg").len()
        );
    }
}

#[test]
fn schematic_puts_sources_left_and_destinations_right() {
    let g = load::turquesa();
    let r = render(&g, &opts(Layout::Schematic));
    let x = |id: &str| {
        let i = g.resolve(id).unwrap();
        r.positions.iter().find(|(p, _)| *p == i).unwrap().1 .0
    };
    assert!(x("BGD") < x("BRA") && x("BRA") < x("MEX") && x("MEX") < x("USA"));
    assert_eq!(x("USA"), x("CAN"));
    assert_eq!(x("USA"), x("ESP"));
    assert_eq!(x("BGD"), x("DOM"));
}

mod cli {
    use crate::harness::{files, routegraph_in};

    #[test]
    fn render_writes_png_and_svg_by_extension() {
        let dir = files(&[]);
        routegraph_in(dir.path(), &["render", "--out", "m.png"]).ok();
        routegraph_in(
            dir.path(),
            &[
                "render",
                "--layout",
                "schematic",
                "--out",
                "s.svg",
                "--highlight",
                "BGD",
                "ESP",
            ],
        )
        .ok();
        let png = std::fs::read(dir.path().join("m.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = std::fs::read_to_string(dir.path().join("s.svg")).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("leg highlight"));
    }

    #[test]
    fn render_rejects_bad_requests_and_writes_nothing() {
        let dir = files(&[]);
        routegraph_in(dir.path(), &["render", "--out", "m.jpg"])
            .fails_with(2, &["m.jpg", "expected a file name ending in .png or .svg"]);
        routegraph_in(
            dir.path(),
            &["render", "--out", "m.png", "--highlight-route", "BGD,USA"],
        )
        .fails_with(2, &["no leg from BGD to USA"]);
        routegraph_in(
            dir.path(),
            &["render", "--out", "m.png", "--highlight", "USA", "BGD"],
        )
        .fails_with(2, &["no route from United States to Bangladesh"]);
        routegraph_in(dir.path(), &["render", "--out", "nodir/m.png"])
            .fails_with(2, &["nodir/m.png"]);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "nothing written: {left:?}");
    }

    #[test]
    fn report_writes_every_file_and_a_self_contained_page() {
        let dir = files(&[]);
        let r = routegraph_in(dir.path(), &["report", "--out", "rep"]);
        r.ok();
        assert!(
            r.stdout
                .contains("sources:      Bangladesh, Dominican Republic"),
            "{}",
            r.stdout
        );
        for f in [
            "map.png",
            "map.svg",
            "schematic.png",
            "schematic.svg",
            "roles.csv",
            "summary.json",
            "report.html",
        ] {
            let p = dir.path().join("rep").join(f);
            assert!(p.metadata().unwrap().len() > 100, "{f}");
            assert!(r.stdout.contains(f), "{f} is listed");
        }
        let html = std::fs::read_to_string(dir.path().join("rep/report.html")).unwrap();
        assert_eq!(html.matches("<svg").count(), 2, "both pictures inline");
        for external in ["http://", "https://", "src=\"", "<link", "<script"] {
            let hits: Vec<_> = html
                .match_indices(external)
                .map(|(i, _)| &html[i..(i + 60).min(html.len())])
                .collect();
            // The only address allowed is the SVG namespace.
            assert!(
                hits.iter()
                    .all(|h| h.starts_with("http://www.w3.org/2000/svg")),
                "{external}: {hits:?}"
            );
        }
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join("rep/summary.json")).unwrap())
                .unwrap();
        let routes = summary["routes"].as_array().unwrap();
        assert!(routes
            .iter()
            .any(|r| r["places"] == serde_json::json!(["BGD", "DZA", "ESP"])));
        assert!(summary["figures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["what"] == "arrests" && f["value"] == 53.0));
        let roles = std::fs::read_to_string(dir.path().join("rep/roles.csv")).unwrap();
        assert!(roles
            .lines()
            .any(|l| l.starts_with("BGD,Bangladesh,source")));
    }
}
