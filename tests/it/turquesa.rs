//! The embedded Turquesa data set: its key facts, through the library.

use routegraph::analysis::{k_shortest, roles, shortest, Csr, Metric};
use routegraph::load;
use routegraph::model::{Kind, LegFilter, PlaceKind, Role, Status};

fn role_of(id: &str) -> Role {
    let g = load::turquesa();
    let r = roles(&g, &LegFilter::default());
    r[g.resolve(id).unwrap()].role
}

#[test]
fn bangladesh_is_a_source_and_the_destinations_are_usa_canada_spain() {
    assert_eq!(role_of("BGD"), Role::Source);
    for d in ["USA", "CAN", "ESP"] {
        assert_eq!(role_of(d), Role::Destination, "{d}");
    }
    for t in ["BRA", "MEX", "DZA", "PAN", "GTM"] {
        assert_eq!(role_of(t), Role::Transit, "{t}");
    }
}

#[test]
fn route_bangladesh_to_usa_passes_brazil_and_mexico() {
    let g = load::turquesa();
    let csr = Csr::build(&g, &LegFilter::default(), Metric::Hops);
    let (s, t) = (g.resolve("Bangladesh").unwrap(), g.resolve("usa").unwrap());
    let r = shortest(&csr, s, t, &[]).expect("a route exists");
    let ids: Vec<&str> = r.places.iter().map(|&p| g.place(p).id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"BGD"));
    assert_eq!(ids.last(), Some(&"USA"));
    assert!(ids.contains(&"BRA") && ids.contains(&"MEX"), "{ids:?}");
    let bra = ids.iter().position(|&p| p == "BRA").unwrap();
    let mex = ids.iter().position(|&p| p == "MEX").unwrap();
    assert!(bra < mex, "Brazil comes before Mexico: {ids:?}");
}

#[test]
fn route_bangladesh_to_spain_passes_algeria_with_its_cost() {
    let g = load::turquesa();
    let csr = Csr::build(&g, &LegFilter::default(), Metric::Cost);
    let (s, t) = (g.resolve("BGD").unwrap(), g.resolve("Spain").unwrap());
    let routes = k_shortest(&csr, s, t, 5, &[]);
    assert_eq!(routes.len(), 1, "one route to Spain");
    let ids: Vec<&str> = routes[0]
        .places
        .iter()
        .map(|&p| g.place(p).id.as_str())
        .collect();
    assert_eq!(ids, ["BGD", "DZA", "ESP"]);
    assert_eq!(routes[0].cost, 6000.0);
    let sea = routes[0].legs[1];
    assert_eq!(g.leg(sea).mode, Some(routegraph::model::Mode::Sea));
}

#[test]
fn every_leg_carries_evidence_and_inferred_legs_their_reasoning() {
    let loaded = load::load_json_str(load::TURQUESA_JSON, "t").unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let g = loaded.graph;
    for i in 0..g.leg_count() {
        let leg = g.leg(i);
        assert!(
            !leg.evidence().is_empty(),
            "leg {} has no evidence",
            g.leg_id(i)
        );
        if leg.status == Status::Inferred {
            let why = leg
                .detail()
                .and_then(|d| d.reasoning.as_deref())
                .unwrap_or("");
            assert!(why.len() > 20, "leg {} lacks reasoning", g.leg_id(i));
        }
    }
    for p in g.places() {
        assert!(!p.evidence.is_empty(), "place {} has no evidence", p.id);
    }
}

#[test]
fn the_data_set_holds_the_required_flows() {
    let g = load::turquesa();
    let has = |from: &str, to: &str, kind: Kind| {
        (0..g.leg_count()).any(|i| {
            let (a, b) = g.ends(i);
            g.place(a).id == from && g.place(b).id == to && g.leg(i).kind == kind
        })
    };
    assert!(has("DOM", "USA", Kind::Smuggling));
    assert!(has("DOM", "SLV", Kind::Fugitive));
    assert!(has("ECU", "DOM", Kind::Fugitive));
    assert!(has("VEN", "ARG", Kind::Fugitive));
    assert!(has("MEX", "CAN", Kind::Smuggling));
    // The Colombian money goes to 17 countries the release does not name.
    let group = g
        .places()
        .find(|p| p.kind == PlaceKind::Group)
        .expect("a group place");
    assert_eq!(group.count, Some(17));
    assert!(
        group.position().is_none(),
        "an unnamed group cannot be drawn"
    );
    assert!(has("COL", &group.id, Kind::Money));
    // South Asia is a region, not a country.
    let sa = g
        .places()
        .find(|p| p.name == "South Asia")
        .expect("South Asia");
    assert_eq!(sa.kind, PlaceKind::Region);
    assert!(sa.members.contains(&"BGD".to_string()));
}

#[test]
fn operation_totals_and_participants() {
    let g = load::turquesa();
    let total = |what: &str| g.totals.iter().find(|f| f.what == what).map(|f| f.value);
    assert_eq!(total("arrests"), Some(53.0));
    assert_eq!(total("migrants_identified"), Some(775.0));
    assert_eq!(total("participating_countries"), Some(20.0));
    assert_eq!(total("database_hits"), Some(17.0));
    let participants = g.places().filter(|p| p.participant).count();
    assert_eq!(participants, 20);
    assert!(!g.place(g.resolve("USA").unwrap()).participant);
    let op = g.sources[0].operation.as_ref().unwrap();
    assert_eq!(op.start.as_deref(), Some("2019-10-28"));
    assert_eq!(op.end.as_deref(), Some("2019-10-31"));
}

#[test]
fn names_resolve_case_insensitively_with_suggestions() {
    let g = load::turquesa();
    let usa = g.resolve("USA").unwrap();
    for n in [
        "usa",
        "United States",
        "US",
        "united states of america",
        "the United States",
    ] {
        assert_eq!(g.resolve(n).unwrap(), usa, "{n}");
    }
    assert_eq!(
        g.resolve("Dominican Rep.").unwrap(),
        g.resolve("DOM").unwrap()
    );
    assert_eq!(g.resolve("do").unwrap(), g.resolve("DOM").unwrap());
    let err = g.resolve("Untied States").unwrap_err().to_string();
    assert!(err.contains("did you mean \"United States\""), "{err}");
}
