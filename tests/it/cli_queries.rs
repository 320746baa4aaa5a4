//! The queries through the CLI, on the embedded set and on a CSV pair.

use super::harness::{files, routegraph, routegraph_in};

#[test]
fn roles_json_has_the_documented_fields() {
    let r = routegraph(&["roles", "--format", "json"]);
    let v = r.ok().json();
    let rows = v.as_array().unwrap();
    let bgd = rows.iter().find(|x| x["id"] == "BGD").unwrap();
    assert_eq!(bgd["role"], "source");
    assert_eq!(bgd["name"], "Bangladesh");
    for key in ["in_persons", "out_persons", "in_legs", "out_legs"] {
        assert!(bgd[key].is_number(), "{key}");
    }
    let usa = rows.iter().find(|x| x["id"] == "USA").unwrap();
    assert_eq!(usa["role"], "destination");
    assert_eq!(usa["stated_role"], "destination");
    assert_eq!(usa["agrees"], true);
}

#[test]
fn roles_table_fits_80_columns() {
    let r = routegraph(&["roles"]);
    r.ok();
    assert!(r.stdout.contains("BGD"));
    for line in r.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    for cmd in ["places", "legs"] {
        let r = routegraph(&[cmd]);
        for line in r.ok().stdout.lines() {
            assert!(line.chars().count() <= 80, "{cmd}: {line:?}");
        }
    }
}

#[test]
fn path_json_lists_routes_best_first_with_evidence() {
    let r = routegraph(&[
        "path",
        "bangladesh",
        "United States",
        "--k",
        "3",
        "--format",
        "json",
    ]);
    let v = r.ok().json();
    assert_eq!(v["from"], "BGD");
    assert_eq!(v["to"], "USA");
    let routes = v["routes"].as_array().unwrap();
    assert!(!routes.is_empty());
    let first = &routes[0];
    let places: Vec<&str> = first["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(places.first(), Some(&"BGD"));
    assert_eq!(places.last(), Some(&"USA"));
    assert!(places.contains(&"BRA") && places.contains(&"MEX"));
    assert_eq!(first["hops"].as_u64().unwrap() as usize, places.len() - 1);
    assert!(first.get("cost").is_none(), "no cost when --by hops");
    let leg = &first["legs"][0];
    assert_eq!(leg["from"], "BGD");
    assert!(leg["evidence"][0]["paraphrase"].as_str().unwrap().len() > 10);
    let hops: Vec<u64> = routes.iter().map(|r| r["hops"].as_u64().unwrap()).collect();
    assert!(
        hops.windows(2).all(|w| w[0] <= w[1]),
        "best first: {hops:?}"
    );
}

#[test]
fn path_by_cost_reports_the_total_and_currency() {
    let v = routegraph(&["path", "BGD", "ESP", "--by", "cost", "--format", "json"])
        .ok()
        .json();
    let r = &v["routes"][0];
    assert_eq!(r["cost"], 6000.0);
    assert_eq!(r["currency"], "EUR");
    assert_eq!(r["places"], serde_json::json!(["BGD", "DZA", "ESP"]));
    assert_eq!(r["legs_without_value"], 1);
}

#[test]
fn path_via_and_avoid() {
    let v = routegraph(&[
        "path", "BGD", "USA", "--avoid", "Mexico", "--format", "json",
    ]);
    assert_eq!(
        v.code, 1,
        "every Bangladesh route to the USA crosses Mexico"
    );
    let v = routegraph(&[
        "path",
        "ECU",
        "USA",
        "--kinds",
        "smuggling,fugitive",
        "--via",
        "DOM",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_eq!(
        v["routes"][0]["places"],
        serde_json::json!(["ECU", "DOM", "USA"])
    );
}

#[test]
fn path_all_with_max_hops() {
    let r = routegraph(&["path", "BGD", "USA", "--all", "--max-hops", "3"]);
    assert_eq!(r.code, 1, "the corridor is 9 legs long");
    let v = routegraph(&[
        "path",
        "BGD",
        "CAN",
        "--all",
        "--max-hops",
        "9",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_eq!(v["routes"].as_array().unwrap().len(), 1);
}

#[test]
fn csv_pair_with_synthetic_ids_and_country_names() {
    let legs = "from,to,kind,weight,cost,days\nP000001,P000002,smuggling,10,100,2\nP000002,P000003,smuggling,8,50,1\nP000001,P000003,trafficking,1,500,9\n";
    let places = "id,name,lat,lon\nP000001,Origin,0,0\nP000002,Hub,1,1\nP000003,End,2,2\n";
    let dir = files(&[("legs.csv", legs), ("places.csv", places)]);
    let args = ["--data", "legs.csv", "--places", "places.csv"];
    let run = |extra: &[&str]| {
        let mut a: Vec<&str> = extra.to_vec();
        a.extend_from_slice(&args);
        routegraph_in(dir.path(), &a)
    };
    let roles = run(&["roles", "--format", "json"]).ok().json();
    let hub = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "P000002")
        .unwrap();
    assert_eq!(hub["role"], "transit");
    assert_eq!(hub["in_persons"], 10.0);
    assert_eq!(hub["also"], "destination");
    let by_cost = run(&["path", "origin", "END", "--by", "cost", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        by_cost["routes"][0]["places"],
        serde_json::json!(["P000001", "P000002", "P000003"])
    );
    assert_eq!(by_cost["routes"][0]["cost"], 150.0);
    let by_hops = run(&["path", "P000001", "P000003", "--format", "json"])
        .ok()
        .json();
    assert_eq!(by_hops["routes"][0]["hops"], 1);
    let csv = run(&["roles", "--format", "csv"]).ok().stdout.clone();
    assert!(csv.starts_with("id,name,role,also,in_persons,out_persons,in_legs,out_legs"));
    let valid = routegraph_in(
        dir.path(),
        &["validate", "legs.csv", "--places", "places.csv"],
    );
    assert!(valid.ok().stdout.contains("valid: 3 places, 3 legs"));
}

#[test]
fn csv_without_places_file_resolves_countries_through_the_gazetteer() {
    let legs = "from,to,weight\nBangladesh,Brasil,5\nBrazil,Estados Unidos,4\nUSA,CA,1\n";
    let dir = files(&[("legs.csv", legs)]);
    let v = routegraph_in(
        dir.path(),
        &["places", "--data", "legs.csv", "--format", "json"],
    )
    .ok()
    .json();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["BGD", "BRA", "USA", "CAN"]);
    let bra = &v[1];
    assert!(
        bra["lat"].as_f64().unwrap() < 0.0,
        "Brazil's point is south of the equator"
    );
    let p = routegraph_in(
        dir.path(),
        &[
            "path", "BD", "canada", "--data", "legs.csv", "--format", "json",
        ],
    )
    .ok()
    .json();
    assert_eq!(
        p["routes"][0]["places"],
        serde_json::json!(["BGD", "BRA", "USA", "CAN"])
    );
}

#[test]
fn foreign_names_find_places_of_the_embedded_set() {
    let v = routegraph(&["path", "Bangladés", "Estados Unidos", "--format", "json"])
        .ok()
        .json();
    assert_eq!(v["to"], "USA");
    assert_eq!(v["from"], "BGD");
}
