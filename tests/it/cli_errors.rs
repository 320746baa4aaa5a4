//! Every bad input gets one clear message naming the file, line and field,
//! exit code 2, and no panic.

use super::harness::{files, routegraph_in};

const PLACES: &str = "id,name,lat,lon\nP1,Alpha,10,20\nP2,Beta,11,21\nP3,Gamma,12,22\n";

fn roles_with_legs(legs: &str) -> super::harness::Run {
    let dir = files(&[("legs.csv", legs), ("places.csv", PLACES)]);
    routegraph_in(
        dir.path(),
        &["roles", "--data", "legs.csv", "--places", "places.csv"],
    )
}

#[test]
fn missing_file() {
    let dir = files(&[]);
    routegraph_in(dir.path(), &["roles", "--data", "nope.csv"])
        .fails_with(2, &["nope.csv", "No such file"]);
}

#[test]
fn malformed_json_names_line_and_column() {
    let dir = files(&[("d.json", "{\n  \"schema_version\": 1,\n  \"name\": \"x\",\n  \"places\": [\n    {\"id\": \"A\" \"name\": \"B\"}\n  ]\n}\n")]);
    routegraph_in(dir.path(), &["roles", "--data", "d.json"])
        .fails_with(2, &["d.json:5:", "invalid data set JSON", "expected"]);
}

#[test]
fn json_with_an_unknown_kind_names_it_and_the_choices() {
    let json = r#"{"schema_version": 1, "name": "x",
  "places": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}],
  "legs": [{"from": "A", "to": "B", "kind": "smugling", "status": "stated"}]}"#;
    let dir = files(&[("d.json", json)]);
    routegraph_in(dir.path(), &["validate", "d.json"])
        .fails_with(2, &["d.json:3:", "unknown variant `smugling`", "smuggling"]);
}

#[test]
fn json_unknown_place_names_the_leg() {
    let json = r#"{"schema_version": 1, "name": "x",
  "places": [{"id": "USA", "name": "United States"}, {"id": "B", "name": "B"}],
  "legs": [{"id": "L7", "from": "Untied States", "to": "B", "kind": "smuggling", "status": "stated"}]}"#;
    let dir = files(&[("d.json", json)]);
    routegraph_in(dir.path(), &["roles", "--data", "d.json"]).fails_with(
        2,
        &[
            "d.json: field `legs[0] (L7).from`",
            "unknown place \"Untied States\"",
            "did you mean \"United States\"",
        ],
    );
}

#[test]
fn malformed_csv_names_the_line() {
    roles_with_legs("from,to,weight\nP1,P2,3\nP2,P3\n").fails_with(
        2,
        &["legs.csv:3", "expected 3 fields like the header, found 2"],
    );
}

#[test]
fn csv_without_from_to_columns() {
    roles_with_legs("source,target\nP1,P2\n").fails_with(
        2,
        &[
            "legs.csv:1",
            "needs `from` and `to` columns",
            "source,target",
        ],
    );
}

#[test]
fn unknown_place_in_csv_suggests() {
    roles_with_legs("from,to\nP1,Gamam\n").fails_with(
        2,
        &[
            "legs.csv:2",
            "field `to`",
            "unknown place \"Gamam\"",
            "did you mean \"Gamma\"",
        ],
    );
}

#[test]
fn self_loop() {
    roles_with_legs("from,to\nP1,P2\nP3,Gamma\n")
        .fails_with(2, &["legs.csv:3", "field `to`", "self-loop"]);
}

#[test]
fn bad_weights() {
    for (w, what) in [
        ("-5", "-5"),
        ("0", "found 0"),
        ("many", "\"many\""),
        ("NaN", "NaN"),
    ] {
        roles_with_legs(&format!("from,to,weight\nP1,P2,{w}\n")).fails_with(
            2,
            &[
                "legs.csv:2",
                "field `weight`",
                "positive number of persons",
                what,
            ],
        );
    }
}

#[test]
fn unknown_kind_in_csv() {
    roles_with_legs("from,to,kind\nP1,P2,smugling\n").fails_with(
        2,
        &[
            "legs.csv:2",
            "field `kind`",
            "unknown kind \"smugling\"",
            "smuggling, trafficking, money, fugitive",
        ],
    );
}

#[test]
fn duplicate_place_id() {
    let dir = files(&[
        ("legs.csv", "from,to\nP1,P2\n"),
        ("places.csv", "id,name\nP1,A\nP2,B\nP1,C\n"),
    ]);
    routegraph_in(
        dir.path(),
        &["roles", "--data", "legs.csv", "--places", "places.csv"],
    )
    .fails_with(
        2,
        &["places.csv:4", "field `id`", "duplicate place id \"P1\""],
    );
}

#[test]
fn bad_latitude() {
    let dir = files(&[
        ("legs.csv", "from,to\nP1,P2\n"),
        ("places.csv", "id,name,lat,lon\nP1,A,95,0\nP2,B,0,0\n"),
    ]);
    routegraph_in(
        dir.path(),
        &["roles", "--data", "legs.csv", "--places", "places.csv"],
    )
    .fails_with(2, &["places.csv:2", "latitude 95 is out of range"]);
}

#[test]
fn unknown_place_in_a_query() {
    routegraph_in(std::path::Path::new("."), &["path", "Untied States", "BGD"]).fails_with(
        2,
        &[
            "unknown place \"Untied States\"",
            "did you mean \"United States\"",
        ],
    );
}

#[test]
fn no_route_exits_1() {
    let r = routegraph_in(std::path::Path::new("."), &["path", "USA", "BGD"]);
    r.fails_with(1, &["no route from United States to Bangladesh"]);
    assert!(r.stdout.is_empty());
}

#[test]
fn bad_flag_value_is_a_usage_error() {
    routegraph_in(std::path::Path::new("."), &["roles", "--kinds", "smugling"])
        .fails_with(2, &["unknown kind \"smugling\""]);
    routegraph_in(
        std::path::Path::new("."),
        &["path", "BGD", "USA", "--by", "price"],
    )
    .fails_with(2, &["unknown metric"]);
}
