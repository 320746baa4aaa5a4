//! CSV input: a legs file (`from,to[,kind,weight,cost,days,status,mode,id,currency]`)
//! and an optional places file (`id,name,lat,lon`). Both stream record by
//! record through one reused buffer; place names are interned as they come.

use super::{check_non_negative, check_persons, check_position, Builder, Loaded};
use crate::error::{Error, InputError, Result};
use crate::model::{Kind, Leg, LegDetail, Mode, Place, Status};
use std::io::Read;
use std::path::Path;

/// Load a legs CSV and, optionally, a places CSV.
pub fn load_csv(legs: &Path, places: Option<&Path>) -> Result<Loaded> {
    let open = |p: &Path| std::fs::File::open(p).map_err(|e| Error::io(p, e));
    let legs_file = open(legs)?;
    let places_file = match places {
        Some(p) => Some((open(p)?, p.display().to_string())),
        None => None,
    };
    let mut loaded = load_csv_readers(
        legs_file,
        &legs.display().to_string(),
        places_file
            .as_ref()
            .map(|(f, n)| (f as &std::fs::File, n.as_str())),
    )?;
    loaded.graph.name = legs
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(loaded)
}

/// Load from readers; the names are used in error messages.
pub fn load_csv_readers<R: Read, P: Read>(
    legs: R,
    legs_name: &str,
    places: Option<(P, &str)>,
) -> Result<Loaded> {
    let mut b = Builder::new();
    b.allow_gazetteer = true;
    let mut warnings = Vec::new();
    if let Some((r, name)) = places {
        read_places(r, name, &mut b, &mut warnings)?;
    }
    read_legs(legs, legs_name, &mut b, &mut warnings)?;
    Ok(Loaded {
        graph: b.graph,
        warnings,
    })
}

fn reader<R: Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(r)
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields like the header, found {len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 text: {err}"),
        csv::ErrorKind::Io(io) => {
            return Error::io(file, std::io::Error::new(io.kind(), io.to_string()))
        }
        _ => format!("malformed CSV: {e}"),
    };
    let mut ie = InputError::new(file, msg);
    if let Some(l) = line {
        ie = ie.line(l);
    }
    ie.into()
}

/// Column positions found in a header.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn new(header: &csv::StringRecord) -> Self {
        Columns {
            names: header
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect(),
        }
    }
    fn find(&self, any_of: &[&str]) -> Option<usize> {
        self.names.iter().position(|n| any_of.contains(&n.as_str()))
    }
    fn unknown(&self, known: &[&str]) -> Vec<&str> {
        self.names
            .iter()
            .map(String::as_str)
            .filter(|n| !known.contains(n))
            .collect()
    }
}

fn field<'r>(rec: &'r csv::StringRecord, col: Option<usize>) -> Option<&'r str> {
    col.and_then(|c| rec.get(c)).filter(|s| !s.is_empty())
}

fn number(s: &str, expected: &str) -> std::result::Result<f64, String> {
    s.parse::<f64>()
        .map_err(|_| format!("expected {expected}, found {s:?}"))
}

const PLACE_COLUMNS: &[&str] = &["id", "name", "lat", "lon", "latitude", "longitude", "lng"];

fn read_places<R: Read>(
    r: R,
    file: &str,
    b: &mut Builder,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let mut rdr = reader(r);
    let header = rdr.headers().map_err(|e| csv_error(file, e))?.clone();
    let cols = Columns::new(&header);
    let Some(id_col) = cols.find(&["id"]) else {
        return Err(InputError::new(
            file,
            format!(
                "the places header has no `id` column: expected `id,name,lat,lon`, found `{}`",
                header.iter().collect::<Vec<_>>().join(",")
            ),
        )
        .line(1)
        .into());
    };
    let name_col = cols.find(&["name"]);
    let lat_col = cols.find(&["lat", "latitude"]);
    let lon_col = cols.find(&["lon", "longitude", "lng"]);
    let unknown = cols.unknown(PLACE_COLUMNS);
    if !unknown.is_empty() {
        warnings.push(format!("{file}: ignored columns: {}", unknown.join(", ")));
    }
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, e)),
        }
        let line = rec.position().map_or(0, |p| p.line());
        let at =
            |f: &str, m: String| -> Error { InputError::new(file, m).line(line).field(f).into() };
        let id = field(&rec, Some(id_col)).ok_or_else(|| at("id", "empty place id".into()))?;
        let name = field(&rec, name_col).unwrap_or(id);
        let coord = |col, what| -> Result<Option<f64>> {
            field(&rec, col)
                .map(|s| number(s, &format!("a {what} in degrees")).map_err(|m| at(what, m)))
                .transpose()
        };
        let lat = coord(lat_col, "lat")?;
        let lon = coord(lon_col, "lon")?;
        check_position(lat, lon).map_err(|m| at("lat", m))?;
        let mut place = Place::new(id, name);
        place.lat = lat;
        place.lon = lon;
        b.add_place(place).map_err(|m| at("id", m))?;
    }
    Ok(())
}

const LEG_COLUMNS: &[&str] = &[
    "from", "to", "kind", "weight", "persons", "cost", "days", "status", "mode", "id", "currency",
];

fn read_legs<R: Read>(r: R, file: &str, b: &mut Builder, warnings: &mut Vec<String>) -> Result<()> {
    let mut rdr = reader(r);
    let header = rdr.headers().map_err(|e| csv_error(file, e))?.clone();
    let cols = Columns::new(&header);
    let (Some(from_col), Some(to_col)) = (cols.find(&["from"]), cols.find(&["to"])) else {
        return Err(InputError::new(
            file,
            format!(
                "the legs header needs `from` and `to` columns: expected at least `from,to` \
                 (optional: kind,weight,cost,days,status,mode), found `{}`",
                header.iter().collect::<Vec<_>>().join(",")
            ),
        )
        .line(1)
        .into());
    };
    let kind_col = cols.find(&["kind"]);
    let weight_col = cols.find(&["weight", "persons"]);
    let weight_name = weight_col.map_or("weight", |c| {
        if cols.names[c] == "persons" {
            "persons"
        } else {
            "weight"
        }
    });
    let cost_col = cols.find(&["cost"]);
    let days_col = cols.find(&["days"]);
    let status_col = cols.find(&["status"]);
    let mode_col = cols.find(&["mode"]);
    let id_col = cols.find(&["id"]);
    let currency_col = cols.find(&["currency"]);
    let unknown = cols.unknown(LEG_COLUMNS);
    if !unknown.is_empty() {
        warnings.push(format!("{file}: ignored columns: {}", unknown.join(", ")));
    }
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, e)),
        }
        let line = rec.position().map_or(0, |p| p.line());
        let at =
            |f: &str, m: String| -> Error { InputError::new(file, m).line(line).field(f).into() };
        let from_name = field(&rec, Some(from_col)).unwrap_or("");
        let to_name = field(&rec, Some(to_col)).unwrap_or("");
        let from = b.resolve(from_name).map_err(|m| at("from", m))?;
        let to = b.resolve(to_name).map_err(|m| at("to", m))?;
        if from == to {
            return Err(at(
                "to",
                format!(
                    "self-loop: the leg goes from {from_name:?} to itself; a leg must join two different places"
                ),
            ));
        }
        let kind = match field(&rec, kind_col) {
            Some(s) => s.parse::<Kind>().map_err(|m| at("kind", m))?,
            None => Kind::Smuggling,
        };
        let status = match field(&rec, status_col) {
            Some(s) => s.parse::<Status>().map_err(|m| at("status", m))?,
            None => Status::Stated,
        };
        let mut leg = Leg::new(kind, status);
        leg.persons = Some(match field(&rec, weight_col) {
            Some(s) => number(s, "a positive number of persons moved")
                .and_then(check_persons)
                .map_err(|m| at(weight_name, m))?,
            None => 1.0,
        });
        leg.cost = field(&rec, cost_col)
            .map(|s| {
                number(s, "a cost (a number of zero or more)")
                    .and_then(|v| check_non_negative(v, "cost"))
                    .map_err(|m| at("cost", m))
            })
            .transpose()?;
        leg.days = field(&rec, days_col)
            .map(|s| {
                number(s, "a duration in days (a number of zero or more)")
                    .and_then(|v| check_non_negative(v, "duration in days"))
                    .map_err(|m| at("days", m))
            })
            .transpose()?;
        leg.mode = field(&rec, mode_col)
            .map(|s| s.parse::<Mode>().map_err(|m| at("mode", m)))
            .transpose()?;
        let id = field(&rec, id_col).map(str::to_string);
        let currency = field(&rec, currency_col).map(str::to_string);
        if id.is_some() || currency.is_some() {
            leg.detail = Some(Box::new(LegDetail {
                id,
                currency,
                ..LegDetail::default()
            }));
        }
        b.add_leg(from, to, leg);
    }
    Ok(())
}
