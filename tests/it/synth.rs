//! `routegraph synth`: deterministic bytes, the sizes asked for, ids that
//! resolve, a graph the queries work on; and the CSV loader's exact values.

use super::harness::{files, routegraph_in};
use proptest::prelude::*;
use routegraph::analysis::{k_shortest, roles, Csr, Metric};
use routegraph::load::{load_csv, load_csv_readers, load_json};
use routegraph::model::{Kind, LegFilter, Mode, Role, Status};
use routegraph::synth::{generate, Params};
use std::path::Path;

fn synth(dir: &Path, out: &str, args: &[&str]) {
    let mut all = vec!["synth", "--out", out];
    all.extend_from_slice(args);
    routegraph_in(dir, &all).ok();
}

fn read(dir: &Path, f: &str) -> Vec<u8> {
    std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"))
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let dir = files(&[]);
    let d = dir.path();
    let args = [
        "--places", "300", "--legs", "2000", "--seed", "42", "--json",
    ];
    synth(d, "a", &args);
    synth(d, "b", &args);
    for f in ["places.csv", "legs.csv", "dataset.json"] {
        assert_eq!(read(&d.join("a"), f), read(&d.join("b"), f), "{f}");
    }
    synth(
        d,
        "c",
        &["--places", "300", "--legs", "2000", "--seed", "43"],
    );
    assert_ne!(
        read(&d.join("a"), "legs.csv"),
        read(&d.join("c"), "legs.csv")
    );
    assert_ne!(
        read(&d.join("a"), "places.csv"),
        read(&d.join("c"), "places.csv")
    );
    // No temporary files are left behind.
    let left: Vec<_> = std::fs::read_dir(d.join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
}

#[test]
fn counts_ids_and_queries_on_the_output() {
    let dir = files(&[]);
    let d = dir.path();
    synth(
        d,
        "s",
        &["--places", "250", "--legs", "1000", "--seed", "7", "--json"],
    );
    let s = d.join("s");
    let places = String::from_utf8(read(&s, "places.csv")).unwrap();
    let legs = String::from_utf8(read(&s, "legs.csv")).unwrap();
    assert_eq!(places.lines().count(), 251);
    assert_eq!(legs.lines().count(), 1001);
    assert_eq!(
        places.lines().next(),
        Some(routegraph::synth::PLACES_HEADER)
    );
    assert_eq!(legs.lines().next(), Some(routegraph::synth::LEGS_HEADER));
    assert!(places.contains("\nP000001,"));

    // Every id resolves (validate would fail otherwise), with the counts asked.
    let v = routegraph_in(
        &s,
        &[
            "validate",
            "legs.csv",
            "--places",
            "places.csv",
            "--format",
            "json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["places"], 250);
    assert_eq!(v["legs"], 1000);

    // CSV and JSON give the same graph.
    let a = load_csv(&s.join("legs.csv"), Some(&s.join("places.csv")))
        .unwrap()
        .graph;
    let b = load_json(&s.join("dataset.json")).unwrap();
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    let b = b.graph;
    let (da, db) = (a.to_dataset(), b.to_dataset());
    assert_eq!(da.places, db.places);
    assert_eq!(da.legs.len(), db.legs.len());
    for (x, y) in da.legs.iter().zip(&db.legs) {
        assert_eq!(
            (&x.from, &x.to, x.kind, x.status, x.persons, &x.cost, x.days),
            (&y.from, &y.to, y.kind, y.status, y.persons, &y.cost, y.days)
        );
    }

    // Roles: sources, transit places and destinations; every place has a leg.
    let r = roles(&a, &LegFilter::all());
    assert!(r.iter().all(|p| p.role != Role::Isolated));
    let count = |role| r.iter().filter(|p| p.role == role).count();
    assert!(count(Role::Source) > 0 && count(Role::Destination) > 0);
    assert!(count(Role::Transit) > 100);
    let roles_json = routegraph_in(
        &s,
        &[
            "roles",
            "--data",
            "legs.csv",
            "--places",
            "places.csv",
            "--format",
            "json",
            "--quiet",
        ],
    )
    .ok()
    .json();
    assert!(!roles_json.as_array().unwrap().is_empty());

    // Long routes from a source to a destination, through the CLI too.
    let csr = Csr::build(&a, &LegFilter::default(), Metric::Hops);
    let people = roles(&a, &LegFilter::default());
    let src = people
        .iter()
        .find(|p| p.name.starts_with("Source"))
        .unwrap();
    let (dst, route) = people
        .iter()
        .filter(|p| p.name.starts_with("Destination"))
        .find_map(|p| {
            k_shortest(&csr, src.index, p.index, 1, &[])
                .pop()
                .map(|r| (p, r))
        })
        .expect("a source reaches a destination");
    assert!(route.hops() >= 3, "{route:?}");
    let p = routegraph_in(
        &s,
        &[
            "path",
            &src.id,
            &dst.id,
            "--by",
            "cost",
            "--k",
            "3",
            "--data",
            "legs.csv",
            "--places",
            "places.csv",
            "--format",
            "json",
        ],
    )
    .ok()
    .json();
    assert!(!p["routes"].as_array().unwrap().is_empty());
}

#[test]
fn bad_sizes_are_usage_errors() {
    let dir = files(&[]);
    routegraph_in(dir.path(), &["synth", "--places", "1", "--out", "x"])
        .fails_with(2, &["--places must be at least 2"]);
    routegraph_in(dir.path(), &["synth", "--places", "many", "--out", "x"])
        .fails_with(2, &["expected a number of places"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn small_sets_are_well_formed(n in 2usize..60, m in 0usize..400, seed in any::<u64>()) {
        let s = generate(Params { places: n, legs: m, seed }).unwrap();
        prop_assert_eq!(s.places.len(), n);
        prop_assert_eq!(s.legs.len(), m);
        for l in &s.legs {
            prop_assert!(l.from != l.to, "self-loop {:?}", l);
            prop_assert!((l.from as usize) < n && (l.to as usize) < n);
            prop_assert!(l.persons >= 1 && l.cost >= 1 && l.days >= 1);
        }
        for p in &s.places {
            prop_assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
        }
        if m >= 3 * n {
            let mut touched = vec![false; n];
            for l in &s.legs {
                touched[l.from as usize] = true;
                touched[l.to as usize] = true;
            }
            prop_assert!(touched.iter().all(|&t| t), "a place without legs");
        }
        // Same parameters, same set.
        prop_assert_eq!(&s, &generate(Params { places: n, legs: m, seed }).unwrap());
    }
}

// ---------------------------------------------------------------------------
// The CSV loader, field by field.

const PLACES: &str = "id,name,lat,lon\n\
P1,Alpha,10.5,-20.25\n\
P2, Beta ,0,0\n\
P3,Gamma,,\n\
P4,,-89.999,179.5\n";

const LEGS: &str = "from,to,kind,weight,cost,days,status,mode,id,currency\n\
P1,P2,smuggling,3,1200.5,2.5,stated,land,L-a,USD\n\
P2,P3,Trafficking,1e2,0,0,INFERRED,sea,,\n\
Beta,Gamma,money,,,,extracted,,,\n\
P4,P1,fugitive,0.5,7,1,,air,L-d,\n\
 P3 , P4 ,,,,,,,,EUR\n";

fn check_every_field(g: &routegraph::model::RouteGraph) {
    assert_eq!(g.place_count(), 4);
    assert_eq!(g.leg_count(), 5);
    let p = |i: usize| g.place(i);
    assert_eq!(
        (p(0).id.as_str(), p(0).name.as_str(), p(0).lat, p(0).lon),
        ("P1", "Alpha", Some(10.5), Some(-20.25))
    );
    assert_eq!(
        (p(1).name.as_str(), p(1).lat, p(1).lon),
        ("Beta", Some(0.0), Some(0.0))
    );
    assert_eq!((p(2).lat, p(2).lon), (None, None));
    assert_eq!(
        (p(3).name.as_str(), p(3).lat, p(3).lon),
        ("P4", Some(-89.999), Some(179.5))
    );
    let l = |i: usize| g.leg(i);
    assert_eq!(g.ends(0), (0, 1));
    assert_eq!(
        (
            l(0).kind,
            l(0).status,
            l(0).mode,
            l(0).persons(),
            l(0).cost(),
            l(0).days()
        ),
        (
            Kind::Smuggling,
            Status::Stated,
            Some(Mode::Land),
            Some(3.0),
            Some(1200.5),
            Some(2.5)
        )
    );
    assert_eq!(g.leg_id(0), "L-a");
    assert_eq!(l(0).currency(), Some("USD"));
    assert_eq!(
        (
            l(1).kind,
            l(1).status,
            l(1).mode,
            l(1).persons(),
            l(1).cost(),
            l(1).days()
        ),
        (
            Kind::Trafficking,
            Status::Inferred,
            Some(Mode::Sea),
            Some(100.0),
            Some(0.0),
            Some(0.0)
        )
    );
    assert!(l(1).detail.is_none());
    assert_eq!(g.leg_id(1), "L2");
    // Names resolve as well as ids; empty fields take the defaults.
    assert_eq!(g.ends(2), (1, 2));
    assert_eq!(
        (
            l(2).kind,
            l(2).status,
            l(2).mode,
            l(2).persons(),
            l(2).cost(),
            l(2).days()
        ),
        (Kind::Money, Status::Extracted, None, Some(1.0), None, None)
    );
    assert_eq!(g.ends(3), (3, 0));
    assert_eq!(
        (
            l(3).kind,
            l(3).status,
            l(3).mode,
            l(3).persons(),
            l(3).cost()
        ),
        (
            Kind::Fugitive,
            Status::Stated,
            Some(Mode::Air),
            Some(0.5),
            Some(7.0)
        )
    );
    assert_eq!(g.leg_id(3), "L-d");
    assert_eq!(l(3).currency(), None);
    // Fields are trimmed.
    assert_eq!(g.ends(4), (2, 3));
    assert_eq!(l(4).kind, Kind::Smuggling);
    assert_eq!(l(4).currency(), Some("EUR"));
    assert_eq!(g.leg_id(4), "L5");
}

#[test]
fn csv_loads_every_field_exactly() {
    let g = load_csv_readers(
        LEGS.as_bytes(),
        "legs.csv",
        Some((PLACES.as_bytes(), "places.csv")),
    )
    .unwrap()
    .graph;
    check_every_field(&g);
}

#[test]
fn quoted_csv_loads_the_same() {
    // A quote sends the rest of the file through the csv crate's RFC 4180 reader.
    let legs = LEGS.replace("Beta,Gamma", "\"Beta\",\"Gamma\"");
    let places = PLACES.replace("P1,Alpha", "\"P1\",\"Alpha\"");
    let g = load_csv_readers(
        legs.as_bytes(),
        "legs.csv",
        Some((places.as_bytes(), "places.csv")),
    )
    .unwrap()
    .graph;
    check_every_field(&g);
    // Quoted commas and newlines are data, and line numbers stay right.
    let legs = "from,to,id\nP1,P2,\"a,b\"\nP2,P3,\"two\nlines\"\nP3,P3,x\n";
    let e = load_csv_readers(
        legs.as_bytes(),
        "legs.csv",
        Some((PLACES.as_bytes(), "places.csv")),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("legs.csv:5: field `to`: self-loop"), "{e}");
}

#[test]
fn csv_errors_name_line_and_field() {
    let cases = [
        (
            "from,to\nP1,P2\nP1\n",
            "legs.csv:3: expected 2 fields like the header, found 1",
        ),
        (
            "from,to,days\nP1,P2,-1\n",
            "legs.csv:2: field `days`: expected a duration in days of zero or more, found -1",
        ),
        (
            "from,to,cost\nP1,P2,x\n",
            "legs.csv:2: field `cost`: expected a cost (a number of zero or more), found \"x\"",
        ),
        (
            "from,to,status\nP1,P2,sure\n",
            "legs.csv:2: field `status`: unknown status \"sure\"",
        ),
        (
            "from,to,mode\nP1,P2,rail\n",
            "legs.csv:2: field `mode`: unknown mode \"rail\"",
        ),
        (
            "from,to,persons\nP1,P2,0\n",
            "legs.csv:2: field `persons`: expected a positive number of persons moved, found 0",
        ),
        (
            "from,to\n\nP1,\n",
            "legs.csv:3: field `to`: empty place name",
        ),
        (
            "",
            "legs.csv:1: the legs header needs `from` and `to` columns",
        ),
    ];
    for (legs, want) in cases {
        let e = load_csv_readers(
            legs.as_bytes(),
            "legs.csv",
            Some((PLACES.as_bytes(), "places.csv")),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with(want), "{legs:?}: {e}");
    }
    let e = load_csv_readers(
        "from,to\nP1,P2\n".as_bytes(),
        "legs.csv",
        Some((&b"id,name\nP1,A\n\xff,B\n"[..], "places.csv")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("places.csv:3: field `id`: invalid UTF-8"),
        "{e}"
    );
}
