//! The JSON schema (version 1): parse with serde, then check what serde
//! cannot (ids, references, ranges), naming the JSON path of each problem.

use super::{check_non_negative, check_persons, check_position, Builder, Loaded};
use crate::error::{Error, InputError, Result};
use crate::model::{Dataset, Evidence, Leg, LegDetail, Status, SCHEMA_VERSION};
use std::collections::HashSet;
use std::path::Path;

/// Load a data set from a JSON file.
pub fn load_json(path: &Path) -> Result<Loaded> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    load_json_str(&text, &path.display().to_string())
}

/// Load a data set from JSON text; `file` names it in errors.
pub fn load_json_str(text: &str, file: &str) -> Result<Loaded> {
    let ds: Dataset = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line L column C"; we print those ourselves.
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        InputError::new(file, format!("invalid data set JSON: {msg}"))
            .line(e.line() as u64)
            .column(e.column() as u64)
    })?;
    from_dataset(ds, file)
}

/// Build a graph from a parsed [`Dataset`], checking it.
pub fn from_dataset(ds: Dataset, file: &str) -> Result<Loaded> {
    let err =
        |field: String, msg: String| -> Error { InputError::new(file, msg).field(field).into() };
    if ds.schema_version != SCHEMA_VERSION {
        return Err(err(
            "schema_version".into(),
            format!(
                "unsupported schema version {}: this build reads version {SCHEMA_VERSION}",
                ds.schema_version
            ),
        ));
    }
    let mut warnings = Vec::new();
    let all_sources = ds.sources.clone();
    let mut parts: HashSet<(String, String)> = HashSet::new();
    for s in &all_sources {
        for p in &s.parts {
            parts.insert((s.id.clone(), p.id.clone()));
        }
    }
    let sources: HashSet<&str> = all_sources.iter().map(|s| s.id.as_str()).collect();
    let check_evidence = |ev: &[Evidence], at: &str| -> Result<()> {
        for (k, e) in ev.iter().enumerate() {
            if sources.is_empty() {
                break;
            }
            if !sources.contains(e.source.as_str()) {
                return Err(err(
                    format!("{at}.evidence[{k}].source"),
                    format!(
                        "unknown source {:?}: expected the id of an entry in `sources`",
                        e.source
                    ),
                ));
            }
            let has_parts = all_sources
                .iter()
                .any(|s| s.id == e.source && !s.parts.is_empty());
            if has_parts && !parts.contains(&(e.source.clone(), e.part.clone())) {
                return Err(err(
                    format!("{at}.evidence[{k}].part"),
                    format!(
                        "unknown part {:?} of source {:?}: expected one of its `parts` ids",
                        e.part, e.source
                    ),
                ));
            }
        }
        Ok(())
    };

    let mut b = Builder::new();
    let Dataset {
        name,
        title,
        description,
        sources: ds_sources,
        places,
        legs,
        totals,
        ..
    } = ds;
    for (i, place) in places.into_iter().enumerate() {
        let at = format!("places[{i}]");
        if place.id.trim().is_empty() {
            return Err(err(format!("{at}.id"), "empty place id".into()));
        }
        check_position(place.lat, place.lon).map_err(|m| err(format!("{at}.lat"), m))?;
        check_evidence(&place.evidence, &at)?;
        for (k, f) in place.figures.iter().enumerate() {
            check_evidence(
                std::slice::from_ref(&f.evidence),
                &format!("{at}.figures[{k}]"),
            )?;
        }
        b.add_place(place).map_err(|m| err(format!("{at}.id"), m))?;
    }
    for (i, f) in totals.iter().enumerate() {
        check_evidence(std::slice::from_ref(&f.evidence), &format!("totals[{i}]"))?;
    }
    let mut leg_ids = HashSet::new();
    for (i, rec) in legs.into_iter().enumerate() {
        let at = match &rec.id {
            Some(id) => format!("legs[{i}] ({id})"),
            None => format!("legs[{i}]"),
        };
        if let Some(id) = &rec.id {
            if !leg_ids.insert(id.clone()) {
                return Err(err(format!("{at}.id"), format!("duplicate leg id {id:?}")));
            }
        }
        let from = b
            .resolve(&rec.from)
            .map_err(|m| err(format!("{at}.from"), m))?;
        let to = b.resolve(&rec.to).map_err(|m| err(format!("{at}.to"), m))?;
        if from == to {
            return Err(err(
                format!("{at}.to"),
                format!(
                    "self-loop: the leg goes from {:?} to itself; a leg must join two different places",
                    rec.from
                ),
            ));
        }
        if let Some(p) = rec.persons {
            check_persons(p).map_err(|m| err(format!("{at}.persons"), m))?;
        }
        if let Some(c) = &rec.cost {
            check_non_negative(c.amount, "cost")
                .map_err(|m| err(format!("{at}.cost.amount"), m))?;
        }
        if let Some(d) = rec.days {
            check_non_negative(d, "duration in days").map_err(|m| err(format!("{at}.days"), m))?;
        }
        check_evidence(&rec.evidence, &at)?;
        if rec.status == Status::Inferred && rec.reasoning.as_deref().is_none_or(str::is_empty) {
            warnings.push(format!(
                "{file}: {at}: an inferred leg should say why in `reasoning`"
            ));
        }
        let mut leg = Leg::new(rec.kind, rec.status);
        leg.mode = rec.mode;
        leg.set_persons(rec.persons);
        leg.set_cost(rec.cost.as_ref().map(|c| c.amount));
        leg.set_days(rec.days);
        let detail = LegDetail {
            id: rec.id,
            persons_qualifier: rec.persons_qualifier,
            currency: rec.cost.as_ref().and_then(|c| c.currency.clone()),
            cost_scope: rec.cost.and_then(|c| c.scope),
            days_scope: rec.days_scope,
            evidence: rec.evidence,
            reasoning: rec.reasoning,
        };
        if detail != LegDetail::default() {
            leg.detail = Some(Box::new(detail));
        }
        b.add_leg(from, to, leg);
    }
    let mut graph = b.graph;
    graph.name = name;
    graph.title = title;
    graph.description = description;
    graph.sources = ds_sources;
    graph.totals = totals;
    Ok(Loaded { graph, warnings })
}
