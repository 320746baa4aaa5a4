//! `routegraph extract`: patterns, aliases, demonyms, participants, Spanish, offsets, the
//! draft's validity, the CLI, and the Turquesa release when it is present.
//!
//! Every text here is written for these tests (no real release is copied into the repo); the
//! Turquesa release is read at test time from `../shared/sources/` only.

use super::harness::{files, routegraph_in};
use routegraph::extract::{
    draft, extract, Candidate, DraftInfo, Extraction, MentionForm, PlaceRef,
};
use routegraph::load;
use routegraph::model::{Kind, Mode, PlaceKind, Status};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn c(id: &str) -> PlaceRef {
    PlaceRef::Country(id.to_string())
}

fn leg<'a>(ex: &'a Extraction, from: &str, to: &str) -> Option<&'a Candidate> {
    ex.candidates
        .iter()
        .find(|l| l.from == c(from) && l.to == c(to))
}

fn pairs(ex: &Extraction) -> Vec<(String, String)> {
    ex.candidates
        .iter()
        .map(|l| (l.from.id(), l.to.id()))
        .collect()
}

fn expect_leg<'a>(ex: &'a Extraction, from: &str, to: &str, kind: Kind) -> &'a Candidate {
    let l =
        leg(ex, from, to).unwrap_or_else(|| panic!("no leg {from} → {to}; legs: {:?}", pairs(ex)));
    assert_eq!(l.kind, kind, "{from} → {to}");
    l
}

/// Every mention's span points at its own text, counted in chars.
fn assert_spans(text: &str, ex: &Extraction) {
    for m in &ex.mentions {
        let at: String = text.chars().skip(m.span.start).take(m.span.len()).collect();
        assert_eq!(at, m.text, "mention at {}", m.span);
    }
    for s in &ex.sentences {
        let at: String = text.chars().skip(s.span.start).take(s.span.len()).collect();
        assert_eq!(at, ex.text(s.span));
        assert!(!at.starts_with(char::is_whitespace) && !at.ends_with(char::is_whitespace));
    }
}

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The draft of `ex` loads as a data set: the same check `routegraph validate` makes.
fn assert_valid_draft(ex: &Extraction) -> routegraph::model::Dataset {
    let ds = draft(ex, &DraftInfo::for_file("input.txt", None));
    let json = serde_json::to_string(&ds).unwrap();
    let loaded = load::load_json_str(&json, "draft").unwrap_or_else(|e| panic!("{e}\n{json}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    for l in &ds.legs {
        assert_eq!(l.status, Status::Extracted);
        assert!(!l.evidence.is_empty());
        for e in &l.evidence {
            assert!(e.part.starts_with("chars:"), "{}", e.part);
            assert!(e.paragraph.is_some());
        }
    }
    for p in &ds.places {
        assert!(!p.evidence.is_empty(), "{} has no evidence", p.id);
        match p.kind {
            PlaceKind::Group => assert!(p.position().is_none() && p.count.is_some()),
            _ => assert!(p.position().is_some(), "{} cannot be drawn", p.id),
        }
    }
    ds
}

// ---------------------------------------------------------------------------------------------
// Patterns

#[test]
fn from_to_is_the_most_confident_pattern() {
    let ex = extract("Police said the migrants had been smuggled from Libya to Italy.");
    let l = expect_leg(&ex, "LBY", "ITA", Kind::Smuggling);
    assert_eq!(l.pattern, "from/to");
    assert!(l.confidence >= 0.85, "{}", l.confidence);
    assert_eq!(ex.candidates.len(), 1);
}

#[test]
fn into_takes_the_origin_from_the_travellers_nationality() {
    let ex = extract("Smugglers moved Eritrean migrants into Sudan.");
    let l = expect_leg(&ex, "ERI", "SDN", Kind::Smuggling);
    assert_eq!(l.pattern, "nationality/into");
    assert!(l.confidence < 0.6);
}

#[test]
fn through_and_via_are_transits_with_lower_confidence() {
    let ex = extract("Migrants travelled from Afghanistan through Iran to Türkiye.");
    let a = expect_leg(&ex, "AFG", "IRN", Kind::Smuggling).confidence;
    let b = expect_leg(&ex, "IRN", "TUR", Kind::Smuggling).confidence;
    assert!(a <= 0.6 && b <= 0.6, "{a} {b}");
    assert!(
        leg(&ex, "AFG", "TUR").is_none(),
        "no shortcut past the transit"
    );

    let ex = extract("The group moved Pakistani nationals via Iran and Turkey into Greece.");
    expect_leg(&ex, "PAK", "IRN", Kind::Smuggling);
    expect_leg(&ex, "IRN", "TUR", Kind::Smuggling);
    expect_leg(&ex, "TUR", "GRC", Kind::Smuggling);
    let direct = extract("Migrants were taken from Niger to Libya.");
    assert!(direct.candidates[0].confidence > ex.candidates[1].confidence);
}

#[test]
fn a_national_arrested_on_a_notice_is_a_fugitive() {
    let ex = extract(
        "A Bangladeshi national wanted under an INTERPOL Red Notice was arrested in Brazil.",
    );
    expect_leg(&ex, "BGD", "BRA", Kind::Fugitive);
    assert_eq!(ex.candidates.len(), 1);

    let ex = extract(
        "Chile arrested a 41-year old woman from Peru on an INTERPOL Red Notice for fraud.",
    );
    let l = expect_leg(&ex, "PER", "CHL", Kind::Fugitive);
    assert_eq!(l.pattern, "nationality/arrested-in");

    let ex = extract(
        "A man sought on a Red Notice issued by Ecuador was located and arrested in Spain.",
    );
    let l = expect_leg(&ex, "ECU", "ESP", Kind::Fugitive);
    assert_eq!(l.pattern, "issued-by/arrested-in");
}

#[test]
fn intercepted_migrants_come_from_their_country_but_smugglers_do_not() {
    let ex = extract("Coast guards intercepted 40 Afghan nationals in Greece.");
    let l = expect_leg(&ex, "AFG", "GRC", Kind::Smuggling);
    assert_eq!(l.pattern, "nationality/intercepted");
    // the nationality of arrested smugglers says nothing about a route
    let ex = extract("Police in Spain arrested three Albanian smugglers.");
    assert!(ex.candidates.is_empty(), "{:?}", pairs(&ex));
    let ex = extract("The arrest of a man from Nepal, believed to lead a network smuggling migrants into Canada.");
    assert!(ex.candidates.is_empty(), "{:?}", pairs(&ex));
}

#[test]
fn held_captive_on_the_way_and_journeys_told_over_sentences() {
    let ex =
        extract("Eritrean migrants said they were held captive in Libya on their way to Italy.");
    expect_leg(&ex, "ERI", "LBY", Kind::Smuggling);
    expect_leg(&ex, "LBY", "ITA", Kind::Smuggling);
    assert!(leg(&ex, "ERI", "ITA").is_none());

    let text =
        "In Italy, a Sudanese woman told police that her journey had cost EUR 3,000 and taken \
                eight months. She was held captive in Libya for weeks. Then smugglers put her on a \
                boat across the Mediterranean.";
    let ex = extract(text);
    let first = expect_leg(&ex, "SDN", "LBY", Kind::Smuggling);
    assert_eq!(first.cost, Some((3000.0, "EUR".to_string())));
    assert_eq!(first.days, Some(240.0));
    let second = expect_leg(&ex, "LBY", "ITA", Kind::Smuggling);
    assert_eq!(second.mode, Some(Mode::Sea));
    assert_eq!(second.cost, None);
    assert!(second.support.len() >= 2, "{:?}", second.support);
    assert!(leg(&ex, "SDN", "ITA").is_none());
    let ds = assert_valid_draft(&ex);
    let cost = ds.legs[0].cost.as_ref().unwrap();
    assert_eq!(cost.scope.as_deref(), Some("journey"));
}

#[test]
fn across_the_mediterranean_to_a_country() {
    let ex = extract("Tunisian migrants crossed in a dinghy across the Mediterranean to Italy.");
    let l = expect_leg(&ex, "TUN", "ITA", Kind::Smuggling);
    assert_eq!(l.mode, Some(Mode::Sea));
    assert!(l.pattern.ends_with("across-sea-to"), "{}", l.pattern);
    let ex = extract("The boats left Libya and went across the Mediterranean to Malta.");
    expect_leg(&ex, "LBY", "MLT", Kind::Smuggling);
}

#[test]
fn money_orders_to_unnamed_countries_are_a_money_leg_to_a_group() {
    let text =
        "Colombian authorities linked 500 money orders worth USD 90,000 to 12 different countries.";
    let ex = extract(text);
    let l = &ex.candidates[0];
    assert_eq!(l.from, c("COL"));
    assert!(matches!(l.to, PlaceRef::Group { count: 12, .. }));
    assert_eq!(l.kind, Kind::Money);
    let fig = |what: &str| ex.figures.iter().find(|f| f.what == what).unwrap();
    assert_eq!(fig("money_orders").value, 500.0);
    assert_eq!(fig("money_orders").place, Some(c("COL")));
    assert_eq!(fig("money_orders_value").value, 90000.0);
    assert_eq!(fig("money_orders_value").unit.as_deref(), Some("USD"));
    let ds = assert_valid_draft(&ex);
    let g = ds
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::Group)
        .unwrap();
    assert_eq!(g.count, Some(12));
}

#[test]
fn smuggling_into_the_united_states_under_every_alias() {
    for alias in [
        "USA",
        "the USA",
        "United States",
        "the United States",
        "the US",
        "the U.S.",
        "Estados Unidos",
        "EE. UU.",
        "EEUU",
    ] {
        let text = format!("Smugglers moved Guatemalan migrants from Mexico into {alias}.");
        let ex = extract(&text);
        let l = expect_leg(&ex, "MEX", "USA", Kind::Smuggling);
        assert_eq!(l.pattern, "from/into", "{alias}");
        let m = ex.mentions.iter().find(|m| m.place == c("USA")).unwrap();
        assert_eq!(m.text, alias.trim_start_matches("the "), "{alias}");
        assert_spans(&text, &ex);
    }
    // lowercase words and codes are never countries
    let ex = extract("It is up to us to act; no one in the unit can say it is over.");
    assert!(ex.mentions.is_empty(), "{:?}", ex.mentions);
}

#[test]
fn demonyms_name_countries() {
    let text = "Syrian nationals and a Bangladeshi national were found with Venezuelans and 30 South Asians.";
    let ex = extract(text);
    let got: Vec<(&str, String, MentionForm)> = ex
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.place.id(), m.form))
        .collect();
    assert_eq!(
        got,
        [
            ("Syrian", "SYR".to_string(), MentionForm::Demonym),
            ("Bangladeshi", "BGD".to_string(), MentionForm::Demonym),
            ("Venezuelans", "VEN".to_string(), MentionForm::Demonym),
            (
                "South Asians",
                "south-asia".to_string(),
                MentionForm::Region
            ),
        ]
    );
    assert_spans(text, &ex);
    let ds = assert_valid_draft(&ex);
    let region = ds.places.iter().find(|p| p.id == "south-asia").unwrap();
    assert_eq!(region.kind, PlaceKind::Region);
    assert_eq!(region.members, ["BGD"], "members are the draft's countries");
}

#[test]
fn participants_lists_give_no_legs() {
    let text = "Participating countries: Spain, France, Italy, Greece, Türkiye and Morocco.\n\n\
                Checks in Spain, Italy and Greece led to 10 arrests. Police from Austria and \
                Hungary took part. Authorities in 12 countries acted on leads.\n\n\
                Países participantes: Chile, Perú y Bolivia.";
    let ex = extract(text);
    assert!(ex.candidates.is_empty(), "{:?}", pairs(&ex));
    assert_eq!(
        ex.participants(),
        ["AUT", "BOL", "CHL", "ESP", "FRA", "GRC", "HUN", "ITA", "MAR", "PER", "TUR"]
    );
    let arrests = ex.figures.iter().find(|f| f.what == "arrests").unwrap();
    assert_eq!((arrests.value, arrests.place.as_ref()), (10.0, None));
    let n = ex
        .figures
        .iter()
        .find(|f| f.what == "participating_countries")
        .unwrap();
    assert_eq!(n.value, 12.0);
    let ds = assert_valid_draft(&ex);
    assert!(ds.legs.is_empty());
    assert!(ds.places.iter().all(|p| p.participant));
    // "from A to B" inside a participants list is still not a route
    let ex =
        extract("The following countries took part: from Chile to Mexico, all of Latin America.");
    assert!(ex.candidates.is_empty(), "{:?}", pairs(&ex));
}

#[test]
fn spanish_patterns() {
    let ex = extract("Los migrantes viajaban desde Venezuela hasta Chile a través de Perú.");
    let l = expect_leg(&ex, "VEN", "PER", Kind::Smuggling);
    assert_eq!(l.pattern, "desde/a-traves-de");
    expect_leg(&ex, "PER", "CHL", Kind::Smuggling);
    assert!(leg(&ex, "VEN", "CHL").is_none());

    let ex = extract("Trasladaban personas de Guatemala a México.");
    assert_eq!(
        expect_leg(&ex, "GTM", "MEX", Kind::Smuggling).pattern,
        "de/a"
    );

    let ex = extract("La red movía migrantes desde Honduras hacia Estados Unidos.");
    assert_eq!(
        expect_leg(&ex, "HND", "USA", Kind::Smuggling).pattern,
        "desde/hacia"
    );

    let ex = extract("Otro grupo llevaba migrantes desde Ecuador rumbo a EE. UU. por tierra.");
    let l = expect_leg(&ex, "ECU", "USA", Kind::Smuggling);
    assert_eq!(l.pattern, "desde/rumbo-a");
    assert_eq!(l.mode, Some(Mode::Land));

    let ex = extract("En Costa Rica, la policía rescató a 12 víctimas de trata de personas.");
    let f = &ex.figures[0];
    assert_eq!((f.what.as_str(), f.value), ("victims_rescued", 12.0));
    assert_eq!(f.place, Some(c("CRI")));
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text =
        "«Aviso» — Migrantes de Côte d’Ivoire 🚤 viajaron desde Túnez hasta Italia.\u{a0}Otros \
                llegaron a España.";
    let ex = extract(text);
    let texts: Vec<&str> = ex.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Côte d’Ivoire", "Túnez", "Italia", "España"]);
    assert_spans(text, &ex);
    let tun = ex.mentions.iter().find(|m| m.text == "Túnez").unwrap();
    let byte = text.find("Túnez").unwrap();
    assert_eq!(text[..byte].chars().count(), tun.span.start);
    assert_ne!(
        byte, tun.span.start,
        "this text has multi-byte characters before it"
    );
    expect_leg(&ex, "TUN", "ITA", Kind::Smuggling);
}

#[test]
fn ordinary_words_give_no_places_or_legs() {
    let text =
        "It is in the interest of all. INTERPOL provided training to the Dominican Republic. \
                An investigation into Mexico's networks continues. Experts from Spain travelled \
                to Morocco. The Indian Ocean and New Mexico are not countries.";
    let ex = extract(text);
    assert!(ex.candidates.is_empty(), "{:?}", pairs(&ex));
    let ids: BTreeSet<String> = ex.mentions.iter().map(|m| m.place.id()).collect();
    assert_eq!(
        ids,
        ["DOM", "ESP", "MAR", "MEX"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
}

#[test]
fn the_dateline_is_neither_route_nor_owner_of_figures() {
    let ex = extract("MADRID, Spain – Police made 12 arrests and rescued 4 victims.");
    assert!(ex.mentions[0].dateline);
    assert!(ex.figures.iter().all(|f| f.place.is_none()));
    assert_eq!(ex.figures.len(), 2);
}

#[test]
fn sentences_split_where_scraped_headings_run_into_text() {
    let text = "Ten countries took part.During the week police acted.Key network dismantledA \
                smuggler was arrested in Peru.";
    let ex = extract(text);
    let s: Vec<String> = ex.sentences.iter().map(|s| ex.text(s.span)).collect();
    assert_eq!(
        s,
        [
            "Ten countries took part.",
            "During the week police acted.",
            "Key network dismantled",
            "A smuggler was arrested in Peru."
        ]
    );
    assert_spans(text, &ex);
}

// ---------------------------------------------------------------------------------------------
// Fixtures written for these tests

#[test]
fn fixture_western_balkans_release() {
    let text = fixture("extract-balkans-en.txt");
    let ex = extract(&text);
    assert_spans(&text, &ex);
    expect_leg(&ex, "SYR", "TUR", Kind::Smuggling);
    expect_leg(&ex, "TUR", "BGR", Kind::Smuggling);
    expect_leg(&ex, "BGR", "AUT", Kind::Smuggling);
    assert_eq!(
        expect_leg(&ex, "TUR", "GRC", Kind::Smuggling).mode,
        Some(Mode::Sea)
    );
    for (a, b) in [("GRC", "MKD"), ("MKD", "SRB"), ("SRB", "HUN")] {
        expect_leg(&ex, a, b, Kind::Smuggling);
    }
    let l = expect_leg(&ex, "HUN", "AUT", Kind::Smuggling);
    assert_eq!(
        (l.pattern.as_str(), l.mode),
        ("from/into", Some(Mode::Land))
    );
    expect_leg(&ex, "DEU", "HUN", Kind::Fugitive);
    assert!(ex
        .candidates
        .iter()
        .any(|l| l.from == c("AUT") && l.kind == Kind::Money));
    assert_eq!(ex.candidates.len(), 10, "{:?}", pairs(&ex));
    assert!(ex
        .candidates
        .iter()
        .all(|l| l.from != c("IRQ") && l.to != c("IRQ")));
    assert_eq!(ex.participants(), ["AUT", "GRC", "HUN", "MKD", "SRB"]);
    let nld = ex.mentions.iter().find(|m| m.place == c("NLD")).unwrap();
    assert!(nld.dateline);
    let ds = assert_valid_draft(&ex);
    assert!(ds.places.iter().any(|p| p.id == "western-balkans"
        && p.kind == PlaceKind::Region
        && p.members.contains(&"SRB".to_string())));
    let arrests = ds.totals.iter().find(|f| f.what == "arrests").unwrap();
    assert_eq!(arrests.value, 18.0);
}

#[test]
fn fixture_spanish_release() {
    let text = fixture("extract-andes-es.txt");
    let ex = extract(&text);
    assert_spans(&text, &ex);
    for (a, b) in [
        ("ECU", "COL"),
        ("COL", "PAN"),
        ("PAN", "MEX"),
        ("HND", "GTM"),
    ] {
        expect_leg(&ex, a, b, Kind::Smuggling);
    }
    let l = expect_leg(&ex, "GTM", "USA", Kind::Smuggling);
    assert_eq!(l.mode, Some(Mode::Land));
    expect_leg(&ex, "PER", "COL", Kind::Fugitive);
    assert_eq!(ex.candidates.len(), 6, "{:?}", pairs(&ex));
    assert_eq!(
        ex.participants(),
        ["COL", "CRI", "ECU", "GTM", "HND", "MEX", "PAN", "PER"]
    );
    let ds = assert_valid_draft(&ex);
    assert_eq!(ds.totals[0].what, "arrests");
    assert_eq!(ds.totals[0].value, 38.0);
}

// ---------------------------------------------------------------------------------------------
// The Turquesa release (read only when present)

fn turquesa_text() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sources/interpol-operation-turquesa-2019.txt");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipped: the Turquesa release is not at {}", p.display());
            None
        }
    }
}

#[test]
fn turquesa_draft_finds_the_curated_countries_routes_and_participants() {
    let Some(text) = turquesa_text() else { return };
    let ex = extract(&text);
    assert_spans(&text, &ex);
    let ds = assert_valid_draft(&ex);
    let curated = load::turquesa();
    let draft_ids: BTreeSet<&str> = ds.places.iter().map(|p| p.id.as_str()).collect();
    for p in curated.places().filter(|p| p.kind == PlaceKind::Country) {
        assert!(draft_ids.contains(p.id.as_str()), "{} missing", p.id);
    }
    // Bangladesh → Algeria → Spain, and movement into the USA
    expect_leg(&ex, "BGD", "DZA", Kind::Smuggling);
    assert_eq!(
        expect_leg(&ex, "DZA", "ESP", Kind::Smuggling).mode,
        Some(Mode::Sea)
    );
    assert!(ex
        .candidates
        .iter()
        .any(|l| l.to == c("USA") && l.kind == Kind::Smuggling));
    assert!(ex
        .unanchored
        .iter()
        .any(|u| u.place == c("USA") && u.pattern == "into"));
    // the 20 participants, as curated
    let curated_participants: Vec<String> = curated
        .places()
        .filter(|p| p.participant)
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(ex.participants(), curated_participants);
    assert!(
        !ds.places
            .iter()
            .find(|p| p.id == "USA")
            .unwrap()
            .participant
    );
    // countries named only in the participants list are on no leg
    let only_listed: BTreeSet<String> = ex
        .places()
        .into_iter()
        .filter(|p| {
            ex.mentions
                .iter()
                .filter(|m| &m.place == p)
                .all(|m| m.participant)
        })
        .map(|p| p.id())
        .collect();
    assert!(only_listed.contains("BOL") && only_listed.contains("URY"));
    for l in &ex.candidates {
        assert!(
            !(only_listed.contains(&l.from.id()) && only_listed.contains(&l.to.id())),
            "leg between participants only: {:?}",
            pairs(&ex)
        );
        assert!(!only_listed.contains(&l.from.id()) && !only_listed.contains(&l.to.id()));
    }
    // what the curated set states as fugitive and money legs
    expect_leg(&ex, "ECU", "DOM", Kind::Fugitive);
    expect_leg(&ex, "VEN", "ARG", Kind::Fugitive);
    expect_leg(&ex, "DOM", "SLV", Kind::Fugitive);
    assert!(ex.candidates.iter().any(|l| l.from == c("COL")
        && matches!(l.to, PlaceRef::Group { count: 17, .. })
        && l.kind == Kind::Money));
    // figures: totals and per country
    let total = |what: &str| ds.totals.iter().find(|f| f.what == what).map(|f| f.value);
    assert_eq!(total("arrests"), Some(53.0));
    assert_eq!(total("migrants_identified"), Some(775.0));
    assert_eq!(total("participating_countries"), Some(20.0));
    let fig = |id: &str, what: &str| {
        ds.places
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.figures.iter().find(|f| f.what == what))
            .map(|f| f.value)
    };
    assert_eq!(fig("DOM", "victims_rescued"), Some(27.0));
    assert_eq!(fig("NIC", "arrests"), Some(2.0));
    assert_eq!(fig("COL", "money_orders"), Some(732.0));
    assert_eq!(fig("south-asia", "migrants_smuggled"), Some(200.0));
    // the dateline's El Salvador owns no figure
    assert_eq!(fig("SLV", "arrests"), None);
}

// ---------------------------------------------------------------------------------------------
// The command line

const SHORT: &str =
    "LIMA, Peru – Migrants were smuggled from Ecuador to Peru and then to Chile.\n\n\
                     Participating countries: Peru, Chile, Ecuador and Bolivia.\n";

#[test]
fn cli_writes_a_draft_that_validate_and_roles_accept() {
    let dir = files(&[("release.txt", SHORT)]);
    let run = routegraph_in(
        dir.path(),
        &["extract", "release.txt", "--out", "draft.json"],
    );
    run.ok();
    assert!(run.stdout.contains("Candidate legs"), "{}", run.stdout);
    assert!(run.stderr.contains("wrote draft.json"), "{}", run.stderr);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    let v = routegraph_in(dir.path(), &["validate", "draft.json"]);
    v.ok();
    assert!(v.stdout.contains("valid"), "{}", v.stdout);
    let r = routegraph_in(dir.path(), &["roles", "--data", "draft.json"]);
    r.ok();
    assert!(
        r.stdout.contains("ECU") && r.stdout.contains("destination"),
        "{}",
        r.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("draft.json")).unwrap())
            .unwrap();
    assert_eq!(json["name"], "draft");
    assert_eq!(json["legs"][0]["status"], "extracted");
}

#[test]
fn cli_json_to_stdout_and_stdin() {
    let dir = files(&[("release.txt", SHORT)]);
    let run = routegraph_in(dir.path(), &["extract", "release.txt", "--format", "json"]);
    let v = run.ok().json();
    assert_eq!(v["schema_version"], 1);
    let legs: Vec<(String, String)> = v["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["from"].as_str().unwrap().into(),
                l["to"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        legs,
        [
            ("ECU".to_string(), "PER".to_string()),
            ("PER".into(), "CHL".into())
        ]
    );
    let out = assert_cmd::Command::cargo_bin("routegraph")
        .unwrap()
        .args(["extract", "-", "--format", "json"])
        .write_stdin(SHORT)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["file"], "stdin");
    assert_eq!(v["legs"].as_array().unwrap().len(), 2);
    let csv = routegraph_in(dir.path(), &["extract", "release.txt", "--format", "csv"]);
    assert!(csv
        .ok()
        .stdout
        .starts_with("from,to,kind,pattern,confidence"));
}

#[test]
fn cli_table_fits_80_columns() {
    let dir = files(&[("b.txt", &fixture("extract-balkans-en.txt"))]);
    let run = routegraph_in(dir.path(), &["extract", "b.txt"]);
    for l in run.ok().stdout.lines() {
        assert!(l.chars().count() <= 80, "{l:?}");
    }
}

#[test]
fn cli_errors_are_clear_and_exit_2() {
    let dir = files(&[("empty.txt", "  \n\t\n"), ("digits.txt", "1 / 7\n")]);
    std::fs::write(dir.path().join("latin1.txt"), b"Espa\xf1a y M\xe9xico").unwrap();
    routegraph_in(dir.path(), &["extract", "missing.txt"])
        .fails_with(2, &["missing.txt", "No such file"]);
    routegraph_in(dir.path(), &["extract", "latin1.txt"])
        .fails_with(2, &["latin1.txt", "not UTF-8", "byte offset 4"]);
    routegraph_in(dir.path(), &["extract", "empty.txt"])
        .fails_with(2, &["empty.txt", "empty input"]);
    routegraph_in(dir.path(), &["extract", "digits.txt"])
        .fails_with(2, &["digits.txt", "no sentences"]);
    std::fs::write(dir.path().join("ok.txt"), SHORT).unwrap();
    routegraph_in(
        dir.path(),
        &["extract", "ok.txt", "--out", "no/such/dir/d.json"],
    )
    .fails_with(2, &["no/such/dir/d.json"]);
    routegraph_in(dir.path(), &["extract", "ok.txt", "--min-confidence", "2"])
        .fails_with(2, &["--min-confidence"]);
}
