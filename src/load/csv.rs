//! CSV input: a legs file (`from,to[,kind,weight,cost,days,status,mode,id,currency]`)
//! and an optional places file (`id,name,lat,lon`).
//!
//! Both files stream through one reused 1 MiB buffer. Lines without a quote
//! character are split by hand (no per-row allocation, no UTF-8 pass over
//! fields that are only numbers); from the first block that holds a `"`, the
//! rest of the file goes through the `csv` crate, which knows RFC 4180
//! quoting. Both paths give the same records: fields trimmed, empty lines
//! skipped, every record as long as the header. Place names are interned
//! through a byte-keyed map in front of the [`Builder`]'s cache, so a million
//! rows cost two hash look-ups each and no `String`. A legs file of 4 MiB
//! or more that comes with a places file is read, split and parsed on a
//! second thread while this one reads the places and then builds the graph
//! ([`load_parallel`]); the result and the errors are the same.

use super::{check_non_negative, check_persons, check_position, Builder, Loaded};
use crate::error::{Error, InputError, Result};
use crate::model::{Kind, Leg, LegDetail, Mode, Place, Status};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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
    let legs_name = legs.display().to_string();
    // A large legs file with a places file is parsed on a second thread.
    let parallel = places.is_some()
        && legs_file
            .metadata()
            .is_ok_and(|m| m.len() >= PARALLEL_BYTES);
    let places = places_file
        .as_ref()
        .map(|(f, n)| (f as &std::fs::File, n.as_str()));
    let mut loaded = match places {
        Some(places) if parallel => load_parallel(legs_file, &legs_name, places)?,
        _ => load_with(places, |b, ids, warnings| {
            read_legs(legs_file, &legs_name, b, ids, warnings)
        })?,
    };
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
    load_with(places, |b, ids, warnings| {
        read_legs(legs, legs_name, b, ids, warnings)
    })
}

/// From this size, a legs file that comes with a places file is parsed on
/// a second thread ([`load_parallel`]).
const PARALLEL_BYTES: u64 = 4 << 20;

/// Read the places (if any), then the legs through `read`.
fn load_with<P: Read>(
    places: Option<(P, &str)>,
    read: impl FnOnce(&mut Builder, &mut Interner, &mut Vec<String>) -> Result<()>,
) -> Result<Loaded> {
    let mut b = Builder::new();
    b.allow_gazetteer = true;
    let mut ids = Interner::default();
    let mut warnings = Vec::new();
    let Some((r, name)) = places else {
        read(&mut b, &mut ids, &mut warnings)?;
        return Ok(Loaded {
            graph: b.graph,
            warnings,
        });
    };
    // The places become nodes here, without their name index (every id and
    // name normalised and hashed: the slow part), which the graph builds on
    // first use; the legs need only the ids. A leg naming a place by
    // anything but its exact id builds it then.
    read_places(r, name, &mut b, &mut ids, &mut warnings)?;
    ids.end_places(b.graph.place_count());
    read(&mut b, &mut ids, &mut warnings)?;
    Ok(Loaded {
        graph: b.graph,
        warnings,
    })
}

/// Before the builder resolves a name: the id maps [`Builder::add_place`]
/// would have filled (built only now, as most large files never need them).
fn ready_to_resolve(b: &mut Builder) {
    if b.ids.is_empty() && b.graph.place_count() > 0 {
        for (i, p) in b.graph.graph.node_weights().enumerate() {
            b.cache.insert(p.id.clone(), i);
            b.ids.insert(p.id.clone(), i);
        }
    }
}

// ---------------------------------------------------------------------------
// Records

/// Receives the header, then each record, as trimmed byte fields.
trait Sink {
    /// The header's fields; returns nothing, the record length is the header's.
    fn header(&mut self, fields: &[&[u8]]) -> Result<()>;
    /// One record of exactly as many fields as the header, at 1-based `line`.
    fn record(&mut self, line: u64, fields: &[&[u8]]) -> Result<()>;
}

const BLOCK: usize = 1 << 20;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if is_space(*first) {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if is_space(*last) {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn unequal(file: &str, line: u64, expected: usize, found: usize) -> Error {
    InputError::new(
        file,
        format!("expected {expected} fields like the header, found {found}"),
    )
    .line(line)
    .into()
}

/// Stream `r` into `sink`. Returns the number of records.
fn read_records<R: Read>(mut r: R, file: &str, sink: &mut dyn Sink) -> Result<u64> {
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK);
    let mut start = 0usize; // first unprocessed byte of buf
    let mut line = 0u64; // lines consumed so far
    let mut expected: Option<usize> = None;
    let mut records = 0u64;
    let mut eof = false;
    let mut first_block = true;
    loop {
        // Refill: keep the partial line, read up to a block more.
        if !eof {
            buf.drain(..start);
            start = 0;
            let want = buf.len() + BLOCK;
            if buf.capacity() < want {
                buf.reserve(want - buf.len());
            }
            while buf.len() < want {
                let old = buf.len();
                buf.resize(want, 0);
                match r.read(&mut buf[old..]) {
                    Ok(0) => {
                        buf.truncate(old);
                        eof = true;
                        break;
                    }
                    Ok(n) => buf.truncate(old + n),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(old),
                    Err(e) => return Err(Error::io(file, e)),
                }
            }
            if first_block {
                first_block = false;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    start = 3;
                }
            }
        }
        let pending = &buf[start..];
        if pending.contains(&b'"') {
            // Quoting: let the csv crate take the rest of the input.
            let mut rest = pending.to_vec();
            r.read_to_end(&mut rest).map_err(|e| Error::io(file, e))?;
            return read_records_csv(&rest, file, sink, line, expected, records);
        }
        // Complete lines only, unless at the end of the input.
        let end = if eof {
            buf.len()
        } else {
            match pending.iter().rposition(|&b| b == b'\n') {
                Some(p) => start + p + 1,
                None => {
                    if buf.len() - start >= BLOCK * 64 {
                        return Err(InputError::new(file, "a line longer than 64 MiB")
                            .line(line + 1)
                            .into());
                    }
                    continue; // a very long line: read more
                }
            }
        };
        let mut pos = start;
        let mut fields: Vec<&[u8]> = Vec::with_capacity(16);
        while pos < end {
            let nl = buf[pos..end]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(end, |p| pos + p);
            let mut text = &buf[pos..nl];
            pos = nl + 1;
            line += 1;
            if let [rest @ .., b'\r'] = text {
                text = rest;
            }
            if text.is_empty() {
                continue;
            }
            fields.clear();
            fields.extend(text.split(|&b| b == b',').map(trim));
            match expected {
                None => {
                    sink.header(&fields).map_err(|e| at_line(e, line))?;
                    expected = Some(fields.len());
                }
                Some(n) => {
                    if fields.len() != n {
                        return Err(unequal(file, line, n, fields.len()));
                    }
                    records += 1;
                    sink.record(line, &fields)?;
                }
            }
        }
        start = end.min(buf.len());
        if eof {
            if expected.is_none() {
                // An empty file: an empty header, which the sink rejects.
                sink.header(&[]).map_err(|e| at_line(e, 1))?;
            }
            return Ok(records);
        }
    }
}

/// A header error without a line gets line 1 (the header's, usually).
fn at_line(e: Error, line: u64) -> Error {
    match e {
        Error::Input(mut ie) if ie.line.is_none() => {
            ie.line = Some(line);
            Error::Input(ie)
        }
        e => e,
    }
}

/// Physical line numbers of byte offsets, counted forward.
struct Lines<'a> {
    data: &'a [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    /// The 1-based line of the record at byte `offset` (offsets must not go
    /// backwards). The csv crate's offset can be that of empty lines before it.
    fn of(&mut self, offset: u64) -> u64 {
        let mut end = (offset as usize).min(self.data.len()).max(self.at);
        while matches!(self.data.get(end), Some(b'\n' | b'\r')) {
            end += 1;
        }
        self.line += self.data[self.at..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = end;
        self.line
    }
}

/// The rest of the input, through the csv crate; `line0` lines are already consumed.
/// (Its own line count skips empty lines; ours counts every line, as editors do.)
fn read_records_csv(
    data: &[u8],
    file: &str,
    sink: &mut dyn Sink,
    line0: u64,
    mut expected: Option<usize>,
    mut records: u64,
) -> Result<u64> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(data);
    let mut lines = Lines {
        data,
        at: 0,
        line: line0 + 1,
    };
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => {
                if expected.is_none() {
                    sink.header(&[]).map_err(|e| at_line(e, 1))?;
                }
                return Ok(records);
            }
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| lines.of(p.byte()));
                return Err(csv_error(file, e, line));
            }
        }
        let line = lines.of(rec.position().map_or(0, |p| p.byte()));
        let fields: Vec<&[u8]> = rec.iter().collect();
        match expected {
            None => {
                sink.header(&fields).map_err(|e| at_line(e, line))?;
                expected = Some(fields.len());
            }
            Some(n) => {
                if fields.len() != n {
                    return Err(unequal(file, line, n, fields.len()));
                }
                records += 1;
                sink.record(line, &fields)?;
            }
        }
    }
}

fn csv_error(file: &str, e: csv::Error, line: Option<u64>) -> Error {
    let msg = match e.kind() {
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

// ---------------------------------------------------------------------------
// Fields

fn text<'a>(file: &str, line: u64, field: &str, b: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(b).map_err(|e| {
        InputError::new(file, format!("invalid UTF-8 text: {e}"))
            .line(line)
            .field(field)
            .into()
    })
}

/// A number: plain integers of up to 15 digits directly, the rest by `str::parse`.
fn number(b: &[u8], expected: &str) -> std::result::Result<f64, String> {
    if !b.is_empty() && b.len() <= 15 && b.iter().all(u8::is_ascii_digit) {
        let mut v = 0u64;
        for &d in b {
            v = v * 10 + (d - b'0') as u64;
        }
        return Ok(v as f64);
    }
    std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .ok_or_else(|| {
            format!(
                "expected {expected}, found {:?}",
                String::from_utf8_lossy(b)
            )
        })
}

fn kind_of(b: &[u8]) -> std::result::Result<Kind, String> {
    match b {
        b"smuggling" => Ok(Kind::Smuggling),
        b"trafficking" => Ok(Kind::Trafficking),
        b"money" => Ok(Kind::Money),
        b"fugitive" => Ok(Kind::Fugitive),
        _ => String::from_utf8_lossy(b).parse(),
    }
}

fn status_of(b: &[u8]) -> std::result::Result<Status, String> {
    match b {
        b"stated" => Ok(Status::Stated),
        b"inferred" => Ok(Status::Inferred),
        b"extracted" => Ok(Status::Extracted),
        _ => String::from_utf8_lossy(b).parse(),
    }
}

/// Column positions found in a header.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn new(header: &[&[u8]]) -> Self {
        Columns {
            names: header
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
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
    fn joined(header: &[&[u8]]) -> String {
        header
            .iter()
            .map(|h| String::from_utf8_lossy(h))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A field by optional column; empty fields are absent.
#[inline]
fn field<'r>(rec: &[&'r [u8]], col: Option<usize>) -> Option<&'r [u8]> {
    col.and_then(|c| rec.get(c).copied())
        .filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------
// Interning

/// A small, fast hasher for short byte keys (place ids): 8 bytes at a time,
/// folded through a 64×64→128-bit multiply.
#[derive(Default, Clone, Copy)]
struct FoldHasher(u64);

impl FoldHasher {
    #[inline]
    fn mix(&mut self, w: u64) {
        let m = ((self.0 ^ w) as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

impl Hasher for FoldHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A key of at most 23 bytes, stored inline (byte 0 is the length), so
/// that a look-up touches the table and not a heap string too.
#[derive(PartialEq, Eq, Clone, Copy)]
struct Short([u8; 24]);

impl Short {
    #[inline]
    fn new(b: &[u8]) -> Option<Short> {
        (b.len() < 24).then(|| {
            let mut k = [0u8; 24];
            k[0] = b.len() as u8;
            k[1..=b.len()].copy_from_slice(b);
            Short(k)
        })
    }
}

impl std::hash::Hash for Short {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write(&self.0[..=self.0[0] as usize]);
    }
}

type FastMap<K> = HashMap<K, u32, BuildHasherDefault<FoldHasher>>;

/// Raw field bytes → place index, in front of [`Builder::resolve`].
#[derive(Default)]
struct Interner {
    short: FastMap<Short>,
    long: FastMap<Box<[u8]>>,
    /// Ids of one shape, `<prefix><digits of a fixed width>` (`P000123`),
    /// looked up by their number in a table instead of hashed.
    dense: Option<Dense>,
}

struct Dense {
    prefix: Vec<u8>,
    width: usize,
    /// Place index by number; `u32::MAX` for none.
    table: Vec<u32>,
}

impl Dense {
    /// The number of `raw` when it has this shape.
    #[inline]
    fn number(&self, raw: &[u8]) -> Option<usize> {
        if raw.len() != self.prefix.len() + self.width || !raw.starts_with(&self.prefix) {
            return None;
        }
        let mut n = 0usize;
        for &d in &raw[self.prefix.len()..] {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + (d - b'0') as usize;
        }
        Some(n)
    }

    /// An empty table for ids of the shape of `first`, if it has one
    /// (a prefix, then 1 to 9 digits).
    fn start(first: &[u8]) -> Option<Dense> {
        let digits = first
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        Some(Dense {
            prefix: first[..first.len() - digits].to_vec(),
            width: digits,
            table: Vec::new(),
        })
    }

    /// Whether a table of this length is dense enough for `count` ids (at
    /// most 4 slots an id).
    fn dense_enough(len: usize, count: usize) -> bool {
        len <= 4 * count + 1024
    }

    /// The id the table holds at `n`.
    fn id(&self, n: usize) -> Vec<u8> {
        let mut id = self.prefix.clone();
        id.extend_from_slice(format!("{n:0w$}", w = self.width).as_bytes());
        id
    }
}

impl Interner {
    #[inline]
    fn get(&self, raw: &[u8]) -> Option<u32> {
        if let Some(d) = &self.dense {
            if let Some(n) = d.number(raw) {
                match d.table.get(n) {
                    Some(&i) if i != u32::MAX => return Some(i),
                    _ => {}
                }
            }
        }
        match Short::new(raw) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(raw).copied(),
        }
    }
    /// While the places are read, in order: map place `i`'s id `raw` to
    /// `i`; the index it had before, if any (a duplicate id). The ids go
    /// into the dense table as long as they all share the first one's
    /// shape and stay dense enough ([`Interner::end_places`] checks at the
    /// end); otherwise the table is given up and they go into the maps.
    fn insert_place(&mut self, raw: &[u8], i: u32) -> Option<u32> {
        if i == 0 {
            self.dense = Dense::start(raw);
        }
        if let Some(d) = &mut self.dense {
            // A sparse start is allowed while the table is small.
            let limit = (4 * (i as usize + 1) + 1024).max(1 << 20);
            if let Some(n) = d.number(raw).filter(|&n| n < limit) {
                if n >= d.table.len() {
                    d.table.resize(n + 1, u32::MAX);
                }
                return match d.table[n] {
                    u32::MAX => {
                        d.table[n] = i;
                        None
                    }
                    old => Some(old),
                };
            }
            self.spill();
        }
        self.insert(raw, i)
    }

    /// After the last of `count` places: keeps the table only if it is
    /// dense enough.
    fn end_places(&mut self, count: usize) {
        if self
            .dense
            .as_ref()
            .is_some_and(|d| !Dense::dense_enough(d.table.len(), count))
        {
            self.spill();
        }
    }

    /// Moves the ids of the dense table into the maps, and drops it.
    fn spill(&mut self) {
        if let Some(d) = self.dense.take() {
            for (n, &i) in d.table.iter().enumerate() {
                if i != u32::MAX {
                    self.insert(&d.id(n), i);
                }
            }
        }
    }

    /// Map `raw` to `i`; the index it had before, if any.
    fn insert(&mut self, raw: &[u8], i: u32) -> Option<u32> {
        match Short::new(raw) {
            Some(k) => self.short.insert(k, i),
            None => self.long.insert(raw.into(), i),
        }
    }

    /// The place `raw` names: a look-up, or (first time only) the
    /// builder's resolution, once the place index is in.
    #[inline]
    fn resolve(
        &mut self,
        b: &mut Builder,
        raw: &[u8],
        file: &str,
        line: u64,
        field: &str,
    ) -> Result<usize> {
        if let Some(i) = self.get(raw) {
            return Ok(i as usize);
        }
        ready_to_resolve(b);
        let name = text(file, line, field, raw)?;
        let i = b
            .resolve(name)
            .map_err(|m| InputError::new(file, m).line(line).field(field))?;
        self.insert(raw, i as u32);
        Ok(i)
    }
}

// ---------------------------------------------------------------------------
// Places

const PLACE_COLUMNS: &[&str] = &["id", "name", "lat", "lon", "latitude", "longitude", "lng"];

struct PlaceSink<'a> {
    file: &'a str,
    b: &'a mut Builder,
    ids: &'a mut Interner,
    warnings: &'a mut Vec<String>,
    id_col: usize,
    name_col: Option<usize>,
    lat_col: Option<usize>,
    lon_col: Option<usize>,
}

impl Sink for PlaceSink<'_> {
    fn header(&mut self, h: &[&[u8]]) -> Result<()> {
        let cols = Columns::new(h);
        let Some(id_col) = cols.find(&["id"]) else {
            return Err(InputError::new(
                self.file,
                format!(
                    "the places header has no `id` column: expected `id,name,lat,lon`, found `{}`",
                    Columns::joined(h)
                ),
            )
            .line(1)
            .into());
        };
        self.id_col = id_col;
        self.name_col = cols.find(&["name"]);
        self.lat_col = cols.find(&["lat", "latitude"]);
        self.lon_col = cols.find(&["lon", "longitude", "lng"]);
        let unknown = cols.unknown(PLACE_COLUMNS);
        if !unknown.is_empty() {
            self.warnings.push(format!(
                "{}: ignored columns: {}",
                self.file,
                unknown.join(", ")
            ));
        }
        Ok(())
    }

    fn record(&mut self, line: u64, rec: &[&[u8]]) -> Result<()> {
        let file = self.file;
        let at =
            |f: &str, m: String| -> Error { InputError::new(file, m).line(line).field(f).into() };
        let id_raw =
            field(rec, Some(self.id_col)).ok_or_else(|| at("id", "empty place id".into()))?;
        let id = text(file, line, "id", id_raw)?;
        let name = match field(rec, self.name_col) {
            Some(n) => text(file, line, "name", n)?,
            None => id,
        };
        let coord = |col, what, expected| -> Result<Option<f64>> {
            field(rec, col)
                .map(|s| number(s, expected).map_err(|m| at(what, m)))
                .transpose()
        };
        let lat = coord(self.lat_col, "lat", "a lat in degrees")?;
        let lon = coord(self.lon_col, "lon", "a lon in degrees")?;
        check_position(lat, lon).map_err(|m| at("lat", m))?;
        let idx = self.b.graph.graph.node_count();
        if self.ids.insert_place(id_raw, idx as u32).is_some() {
            // Builder::add_place's message.
            return Err(at(
                "id",
                format!("duplicate place id {id:?}: each place id must be unique"),
            ));
        }
        let mut place = Place::new(id, name);
        place.lat = lat;
        place.lon = lon;
        self.b.graph.graph.add_node(place);
        Ok(())
    }
}

/// Read the places into `b`'s graph (nodes only: the builder must be empty)
/// and `ids`.
fn read_places<R: Read>(
    r: R,
    file: &str,
    b: &mut Builder,
    ids: &mut Interner,
    warnings: &mut Vec<String>,
) -> Result<()> {
    debug_assert_eq!(b.graph.place_count(), 0);
    let mut sink = PlaceSink {
        file,
        b,
        ids,
        warnings,
        id_col: 0,
        name_col: None,
        lat_col: None,
        lon_col: None,
    };
    read_records(r, file, &mut sink).map(|_| ())
}

// ---------------------------------------------------------------------------
// Legs

const LEG_COLUMNS: &[&str] = &[
    "from", "to", "kind", "weight", "persons", "cost", "days", "status", "mode", "id", "currency",
];

#[derive(Default)]
struct LegCols {
    from: usize,
    to: usize,
    kind: Option<usize>,
    weight: Option<usize>,
    weight_name: &'static str,
    cost: Option<usize>,
    days: Option<usize>,
    status: Option<usize>,
    mode: Option<usize>,
    id: Option<usize>,
    currency: Option<usize>,
}

/// The columns of a legs header; warns about columns it does not know.
fn leg_columns(file: &str, h: &[&[u8]], warnings: &mut Vec<String>) -> Result<LegCols> {
    let cols = Columns::new(h);
    let (Some(from), Some(to)) = (cols.find(&["from"]), cols.find(&["to"])) else {
        return Err(InputError::new(
            file,
            format!(
                "the legs header needs `from` and `to` columns: expected at least `from,to` \
                 (optional: kind,weight,cost,days,status,mode), found `{}`",
                Columns::joined(h)
            ),
        )
        .line(1)
        .into());
    };
    let weight = cols.find(&["weight", "persons"]);
    let c = LegCols {
        from,
        to,
        kind: cols.find(&["kind"]),
        weight,
        weight_name: match weight {
            Some(c) if cols.names[c] == "persons" => "persons",
            _ => "weight",
        },
        cost: cols.find(&["cost"]),
        days: cols.find(&["days"]),
        status: cols.find(&["status"]),
        mode: cols.find(&["mode"]),
        id: cols.find(&["id"]),
        currency: cols.find(&["currency"]),
    };
    let unknown = cols.unknown(LEG_COLUMNS);
    if !unknown.is_empty() {
        warnings.push(format!("{}: ignored columns: {}", file, unknown.join(", ")));
    }
    Ok(c)
}

struct LegSink<'a> {
    file: &'a str,
    b: &'a mut Builder,
    ids: &'a mut Interner,
    warnings: &'a mut Vec<String>,
    c: LegCols,
    pending: Pending,
}

impl Sink for LegSink<'_> {
    fn header(&mut self, h: &[&[u8]]) -> Result<()> {
        self.c = leg_columns(self.file, h, self.warnings)?;
        Ok(())
    }

    fn record(&mut self, line: u64, rec: &[&[u8]]) -> Result<()> {
        let file = self.file;
        let from_raw = rec[self.c.from];
        let to_raw = rec[self.c.to];
        let from = self.ids.resolve(self.b, from_raw, file, line, "from")?;
        let to = self.ids.resolve(self.b, to_raw, file, line, "to")?;
        if from == to {
            return Err(self_loop(file, line, &String::from_utf8_lossy(from_raw)));
        }
        let leg = parse_leg(file, line, &self.c, rec)?;
        self.pending.push(self.b, from, to, leg);
        Ok(())
    }
}

/// The error for a leg from a place to itself.
fn self_loop(file: &str, line: u64, name: &str) -> Error {
    InputError::new(
        file,
        format!(
            "self-loop: the leg goes from {name:?} to itself; a leg must join two different places"
        ),
    )
    .line(line)
    .field("to")
    .into()
}

/// The leg of a legs record, without its ends.
fn parse_leg(file: &str, line: u64, c: &LegCols, rec: &[&[u8]]) -> Result<Leg> {
    let at = |f: &str, m: String| -> Error { InputError::new(file, m).line(line).field(f).into() };
    let kind = match field(rec, c.kind) {
        Some(s) => kind_of(s).map_err(|m| at("kind", m))?,
        None => Kind::Smuggling,
    };
    let status = match field(rec, c.status) {
        Some(s) => status_of(s).map_err(|m| at("status", m))?,
        None => Status::Stated,
    };
    let mut leg = Leg::new(kind, status);
    leg.set_persons(Some(match field(rec, c.weight) {
        Some(s) => number(s, "a positive number of persons moved")
            .and_then(check_persons)
            .map_err(|m| at(c.weight_name, m))?,
        None => 1.0,
    }));
    if let Some(s) = field(rec, c.cost) {
        leg.set_cost(Some(
            number(s, "a cost (a number of zero or more)")
                .and_then(|v| check_non_negative(v, "cost"))
                .map_err(|m| at("cost", m))?,
        ));
    }
    if let Some(s) = field(rec, c.days) {
        leg.set_days(Some(
            number(s, "a duration in days (a number of zero or more)")
                .and_then(|v| check_non_negative(v, "duration in days"))
                .map_err(|m| at("days", m))?,
        ));
    }
    if let Some(s) = field(rec, c.mode) {
        leg.mode = Some(
            String::from_utf8_lossy(s)
                .parse::<Mode>()
                .map_err(|m| at("mode", m))?,
        );
    }
    let id = field(rec, c.id)
        .map(|s| text(file, line, "id", s).map(str::to_string))
        .transpose()?;
    let currency = field(rec, c.currency)
        .map(|s| text(file, line, "currency", s).map(str::to_string))
        .transpose()?;
    if id.is_some() || currency.is_some() {
        leg.detail = Some(Box::new(LegDetail {
            id,
            currency,
            ..LegDetail::default()
        }));
    }
    Ok(leg)
}

/// Legs on their way into the graph, a few rows behind the parser.
///
/// Adding an edge updates both end nodes' adjacency heads; with 100,000
/// places (a ~25 MB node array) those are two cache misses a leg, and they
/// were a third of the time to load a million legs. Each leg waits here for
/// [`Self::DEPTH`] rows while its nodes are prefetched, so the misses of
/// several legs overlap. Legs leave in order: edge `i` is still leg `i`.
struct Pending {
    queue: std::collections::VecDeque<(usize, usize, Leg)>,
}

impl Pending {
    const DEPTH: usize = 16;

    fn new() -> Self {
        Pending {
            queue: std::collections::VecDeque::with_capacity(Self::DEPTH + 1),
        }
    }

    fn push(&mut self, b: &mut Builder, from: usize, to: usize, leg: Leg) {
        let nodes = b.graph.graph.raw_nodes();
        crate::hint::prefetch(nodes, from);
        crate::hint::prefetch(nodes, to);
        self.queue.push_back((from, to, leg));
        if self.queue.len() > Self::DEPTH {
            let (a, c, leg) = self.queue.pop_front().expect("longer than DEPTH");
            b.add_leg(a, c, leg);
        }
    }

    fn flush(&mut self, b: &mut Builder) {
        for (a, c, leg) in self.queue.drain(..) {
            b.add_leg(a, c, leg);
        }
    }
}

fn read_legs<R: Read>(
    r: R,
    file: &str,
    b: &mut Builder,
    ids: &mut Interner,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let mut sink = LegSink {
        file,
        b,
        ids,
        warnings,
        c: LegCols::default(),
        pending: Pending::new(),
    };
    read_records(r, file, &mut sink)?;
    sink.pending.flush(sink.b);
    Ok(())
}

// ---------------------------------------------------------------------------
// Legs on two threads

/// A place name as a leg gives it, carried to the building thread.
enum End {
    /// Up to 23 bytes, inline (no allocation): nearly every id.
    Short(Short),
    Long(Box<[u8]>),
}

impl End {
    fn new(raw: &[u8]) -> End {
        match Short::new(raw) {
            Some(k) => End::Short(k),
            None => End::Long(raw.into()),
        }
    }
    fn bytes(&self) -> &[u8] {
        match self {
            End::Short(k) => &k.0[1..=k.0[0] as usize],
            End::Long(b) => b,
        }
    }
}

/// One legs record, parsed on the reader thread.
struct Parsed {
    line: u64,
    from: End,
    to: End,
    /// The leg, or the first problem of its own fields (boxed: a batch
    /// holds many).
    leg: std::result::Result<Leg, Box<Error>>,
}

/// Records a batch holds before it goes to the building thread.
const BATCH: usize = 4096;

/// The reader thread's sink: splits and parses records and sends them on
/// in batches.
struct ParseSink<'a> {
    file: &'a str,
    warnings: Vec<String>,
    c: LegCols,
    batch: Vec<Parsed>,
    tx: std::sync::mpsc::SyncSender<Vec<Parsed>>,
    /// The building thread stopped (an error): stop reading.
    closed: bool,
}

impl ParseSink<'_> {
    fn send(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if !batch.is_empty() && self.tx.send(batch).is_err() {
            self.closed = true;
        }
    }
}

impl Sink for ParseSink<'_> {
    fn header(&mut self, h: &[&[u8]]) -> Result<()> {
        self.c = leg_columns(self.file, h, &mut self.warnings)?;
        Ok(())
    }

    fn record(&mut self, line: u64, rec: &[&[u8]]) -> Result<()> {
        let parsed = Parsed {
            line,
            from: End::new(rec[self.c.from]),
            to: End::new(rec[self.c.to]),
            leg: parse_leg(self.file, line, &self.c, rec).map_err(Box::new),
        };
        self.batch.push(parsed);
        if self.batch.len() == BATCH {
            self.send();
            if self.closed {
                // Not reported: the building thread's own error is.
                return Err(Error::Query("stopped".into()));
            }
        }
        Ok(())
    }
}

/// Batches the reader thread may be ahead of the building thread (about
/// 5 MB). A longer queue, to read on while the places load, was slower:
/// page faults on the buffered batches (docs/performance.md).
const AHEAD: usize = 8;

/// [`load_csv_readers`] on two threads: a second thread reads, splits and
/// parses the legs from the start, while this one reads the places and
/// then resolves each leg's ends, checks it and adds it to the graph, in
/// file order. The graph, the warnings and the first error (places first, then
/// by line) are those of the one-thread path; tests hold the two to it.
fn load_parallel<R: Read + Send, P: Read>(
    legs: R,
    file: &str,
    places: (P, &str),
) -> Result<Loaded> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Parsed>>(AHEAD);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut sink = ParseSink {
                file,
                warnings: Vec::new(),
                c: LegCols::default(),
                batch: Vec::with_capacity(BATCH),
                tx,
                closed: false,
            };
            let result = read_records(legs, file, &mut sink);
            sink.send();
            (result, sink.warnings)
        });
        let mut rx = Some(rx);
        let loaded = load_with(Some(places), |b, ids, _| {
            build_legs(rx.take().expect("legs read once"), file, b, ids)
        });
        // Should the places fail, the reader stops at its next batch.
        drop(rx);
        let (read, read_warnings) = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // A places error, then a leg's error while building (on an earlier
        // line than anything the reader had not sent), then the reader's.
        let mut loaded = loaded?;
        read?;
        loaded.warnings.extend(read_warnings);
        Ok(loaded)
    })
}

/// The building thread's side of [`load_parallel`].
fn build_legs(
    rx: std::sync::mpsc::Receiver<Vec<Parsed>>,
    file: &str,
    b: &mut Builder,
    ids: &mut Interner,
) -> Result<()> {
    let mut pending = Pending::new();
    for batch in rx {
        for p in batch {
            let from = ids.resolve(b, p.from.bytes(), file, p.line, "from")?;
            let to = ids.resolve(b, p.to.bytes(), file, p.line, "to")?;
            if from == to {
                let name = String::from_utf8_lossy(p.from.bytes());
                return Err(self_loop(file, p.line, &name));
            }
            pending.push(b, from, to, p.leg.map_err(|e| *e)?);
        }
    }
    pending.flush(b);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(legs: &str, places: Option<&str>) -> Result<Loaded> {
        load_csv_readers(
            legs.as_bytes(),
            "legs.csv",
            places.map(|p| (p.as_bytes(), "places.csv")),
        )
    }

    /// Both ways of reading legs: `(graph as a data set and warnings) or the error`.
    fn both_ways(
        legs: &str,
        places: &str,
    ) -> [std::result::Result<(String, Vec<String>), String>; 2] {
        let one = load(legs, Some(places));
        let two = load_parallel(
            legs.as_bytes(),
            "legs.csv",
            (places.as_bytes(), "places.csv"),
        );
        [one, two].map(|r| {
            r.map(|l| (format!("{:?}", l.graph.to_dataset()), l.warnings))
                .map_err(|e| e.to_string())
        })
    }

    fn big_legs(n: usize, places: usize) -> String {
        let mut legs = String::from("from,to,kind,weight,cost,days,extra\n");
        for i in 0..n {
            let (a, b) = (i % places, (i * 7 + 1) % places);
            if a == b {
                continue;
            }
            let kind = ["smuggling", "trafficking", "money", ""][i % 4];
            legs.push_str(&format!(
                "P{a:05},P{b:05},{kind},{},{}.5,,x\n",
                1 + i % 9,
                i % 100
            ));
        }
        legs
    }

    fn big_places(n: usize) -> String {
        let mut places = String::from("id,name,lat,lon\n");
        for i in 0..n {
            places.push_str(&format!("P{i:05},Place {i},{}.0,{}.0\n", i % 80, i % 170));
        }
        places
    }

    #[test]
    fn two_threads_read_legs_like_one() {
        let places = big_places(300);
        let mut legs = big_legs(20_000, 300);
        // Names the reader thread does not know: a place's name, a country
        // from the gazetteer (a new place, twice), a quoted line at the end.
        legs.push_str("Place 7,P00009,,,,,x\nMexico,P00001,,,,,x\nP00002,mexico,,,,,x\n\"P00003\",P00004,,2,,,x\n");
        let [one, two] = both_ways(&legs, &places);
        let one = one.unwrap();
        assert_eq!(Ok(one.clone()), two);
        assert!(one.0.contains("MEX"), "the gazetteer added Mexico");
        assert_eq!(one.1.len(), 1, "{:?}", one.1);

        let bad = |at: usize, row: &str| {
            let mut l = big_legs(12_000, 300);
            let mut lines: Vec<&str> = l.lines().collect();
            lines.insert(at, row);
            l = lines.join("\n");
            l.push('\n');
            l
        };
        for (name, legs) in [
            ("unknown place late", bad(9_000, "P00001,Atlantis,,,,,x")),
            ("bad number, then an unknown place", {
                let l = bad(9_000, "P00001,Atlantis,,,,,x");
                let mut lines: Vec<&str> = l.lines().collect();
                lines.insert(5_000, "P00001,P00002,,many,,,x");
                lines.join("\n") + "\n"
            }),
            ("unknown place, then a bad number", {
                let l = bad(9_000, "P00001,P00002,,many,,,x");
                let mut lines: Vec<&str> = l.lines().collect();
                lines.insert(5_000, "P00001,Atlantis,,,,,x");
                lines.join("\n") + "\n"
            }),
            ("self-loop by name", bad(7_000, "Place 5,P00005,,,,,x")),
            ("self-loop by id", bad(7_000, "P00005,P00005,,,,,x")),
            ("short record", bad(11_000, "P00001,P00002")),
            (
                "bad kind in the first batch",
                bad(10, "P00001,P00002,ferry,,,,x"),
            ),
            (
                "bad header",
                "from,destination\nP00001,P00002\n".to_string(),
            ),
        ] {
            let [one, two] = both_ways(&legs, &places);
            let e = one.clone().unwrap_err();
            assert!(e.contains("legs.csv:"), "{name}: {e}");
            assert_eq!(one, two, "{name}");
        }
        // A bad places file stops both before any leg (the reader thread
        // has started on the legs already and must stop too).
        let dup = format!("{places}P00003,Again,1,1\n");
        let [one, two] = both_ways(&big_legs(50_000, 300), &dup);
        assert!(
            one.clone().unwrap_err().contains("places.csv:302"),
            "{one:?}"
        );
        assert_eq!(one, two);
    }

    #[test]
    fn quoted_and_plain_files_give_the_same_graph() {
        let places = "id,name,lat,lon\nP1,Alpha,10,20\nP2,Beta,11.5,-21.25\nP3,Gamma,,\n";
        let plain = "from,to,kind,weight,cost,days,status\nP1,P2,trafficking,3,100.5,2,inferred\n P2 , P3 ,,,,,\n";
        let quoted = "from,to,kind,weight,cost,days,status\nP1,P2,trafficking,3,100.5,2,inferred\n\"P2\",\"P3\",,,,,\n";
        let a = load(plain, Some(places)).unwrap().graph;
        let b = load(quoted, Some(places)).unwrap().graph;
        assert_eq!(a.to_dataset(), b.to_dataset());
        assert_eq!(a.leg_count(), 2);
        assert_eq!(a.leg(1).kind, Kind::Smuggling);
        assert_eq!(a.leg(1).persons(), Some(1.0));
        assert_eq!(a.place(1).lon, Some(-21.25));
    }

    #[test]
    fn quotes_late_in_a_long_file_keep_line_numbers() {
        let mut legs = String::from("from,to\n");
        for _ in 0..60_000 {
            legs.push_str("P1,P2\n");
        }
        legs.push_str("\"P2\",P3\n\nP3,P3\n");
        let places = "id,name\nP1,A\nP2,B\nP3,C\n";
        let e = load(&legs, Some(places)).unwrap_err().to_string();
        // header + 60,000 + quoted + empty line: the self-loop is on line 60,004.
        assert!(e.contains("legs.csv:60004"), "{e}");
        assert!(e.contains("self-loop"), "{e}");
    }

    #[test]
    fn bulk_places_index_like_the_builder() {
        let places = "id,name\nP1,Alpha\nP2,Beta\nP3,alpha\nUSA,United States\n";
        let g = load("from,to\nP1,P2\n", Some(places)).unwrap().graph;
        let mut b = Builder::new();
        for (id, name) in [
            ("P1", "Alpha"),
            ("P2", "Beta"),
            ("P3", "alpha"),
            ("USA", "United States"),
        ] {
            b.add_place(Place::new(id, name)).unwrap();
        }
        for q in [
            "P1",
            "p2",
            "alpha",
            "Beta",
            "usa",
            "united states",
            "Unitd States",
            "x",
        ] {
            assert_eq!(g.names().lookup(q), b.graph.names().lookup(q), "{q}");
        }
        // "Alpha" is ambiguous (P1 and P3): the leg says so, as it did before.
        let e = load("from,to\nAlpha,P2\n", Some(places)).err();
        assert!(e.is_none() || e.unwrap().to_string().contains("ambiguous"));
    }

    #[test]
    fn numbered_ids_take_the_table_and_others_still_resolve() {
        let places = "id,name\nP001,A\nP002,B\nP010,C\n";
        let legs = "from,to\nP001,P010\nP010,P002\nB,C\n";
        let g = load(legs, Some(places)).unwrap().graph;
        assert_eq!((g.ends(0), g.ends(1), g.ends(2)), ((0, 2), (2, 1), (1, 2)));
        // Same shape, no such place; another width; a shape the table does not hold.
        for bad in ["P003", "P0001", "Q001"] {
            let e = load(&format!("from,to\nP001,{bad}\n"), Some(places))
                .unwrap_err()
                .to_string();
            assert!(e.contains("unknown place"), "{bad}: {e}");
        }
        let places_of = |ids: &[&str]| {
            let mut t = Interner::default();
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(t.insert_place(id.as_bytes(), i as u32), None);
            }
            t.end_places(ids.len());
            t
        };
        let ids = places_of(&["P001", "P010"]);
        assert!(ids.dense.is_some() && ids.short.is_empty());
        assert_eq!(ids.get(b"P010"), Some(1));
        assert_eq!(ids.get(b"P002"), None);
        // Another shape, or too sparse: the table is given up for the maps,
        // which then hold every id.
        for odd in [
            &["P1", "X2", "P3"][..],
            &["P1", "P99999"],
            &["P1", "P2999999"],
        ] {
            let ids = places_of(odd);
            assert!(ids.dense.is_none(), "{odd:?}");
            for (i, id) in odd.iter().enumerate() {
                assert_eq!(ids.get(id.as_bytes()), Some(i as u32), "{odd:?}");
            }
        }
        // A duplicate is found in the table as in the maps.
        let mut t = places_of(&["P07", "P08"]);
        assert_eq!(t.insert_place(b"P07", 2), Some(0));
    }

    #[test]
    fn crlf_and_bom() {
        let legs = "\u{feff}from,to,weight\r\nP1,P2,7\r\n\r\n";
        let g = load(legs, Some("id,name\nP1,A\nP2,B\n")).unwrap().graph;
        assert_eq!(g.leg_count(), 1);
        assert_eq!(g.leg(0).persons(), Some(7.0));
    }

    #[test]
    fn numbers_parse_like_std() {
        for s in [
            "0",
            "7",
            "123456789012345",
            "1e3",
            "2.5",
            "-0",
            "007",
            "1234567890123456789",
        ] {
            assert_eq!(
                number(s.as_bytes(), "x").unwrap(),
                s.parse::<f64>().unwrap(),
                "{s}"
            );
        }
        assert!(number(b"many", "x").is_err());
    }
}
