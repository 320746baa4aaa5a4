//! Synthetic route sets: a deterministic generator of realistic, large
//! networks for tests, benchmarks and pipelines (`routegraph synth`).
//!
//! # The model
//!
//! Places are laid out as `C` corridors (one per source region, at most 4)
//! running from source regions to at most 3 destination regions through `T`
//! transit layers (`T` grows with the logarithm of the size: 7 layers at 250
//! places, 12 at 100,000). About 12% of the places are sources, 8%
//! destinations and the rest transit places, spread evenly over the layers
//! and unevenly over the corridors (the first corridor is the busiest).
//!
//! Legs mostly go one layer forward within the corridor (80%), sometimes skip
//! a layer (8%), move within a layer (7%) or back one (5%); 12% of legs
//! switch corridor. The place a leg reaches is drawn from its layer's bucket
//! by a Zipf law on the place's rank (`P(rank r) ≈ 1/r`), and the place it
//! leaves from is drawn uniformly half of the time and by the same Zipf law
//! otherwise: a few hubs carry much of the traffic, as in real corridors.
//! Every place first gets a leg (sources and transit places one out, then
//! transit places with nothing in one in, destinations one in) when the leg
//! budget allows; the rest are drawn freely, and the list is shuffled.
//!
//! Kinds: 85% smuggling, 11% trafficking, 2.5% money (which flows backwards,
//! from later layers to earlier ones), 1.5% fugitive. Status: 85% stated, 12%
//! inferred, 3% extracted. Persons per leg are lognormal, rounded, at least 1
//! (median 4 for smuggling, heavy tail up to the thousands). Cost (integer,
//! at least 1) and days (integer, at least 1) grow with the great-circle
//! distance between the two places, with lognormal noise.
//!
//! # Determinism
//!
//! The generator uses its own SplitMix64 stream, so the same parameters give
//! the same bytes whatever the crate versions. Positions are rounded to 4
//! decimals and all leg numbers are integers, so a last-bit difference in the
//! platform's `ln`/`exp`/`cos` would almost never show in the output.

use crate::model::{
    Cost, Dataset, Kind, LegRecord, Place, PlaceKind, Source, Status, SCHEMA_VERSION,
};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub places: usize,
    pub legs: usize,
    pub seed: u64,
}

/// One generated place.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthPlace {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// One generated leg (places by index into [`SynthSet::places`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthLeg {
    pub from: u32,
    pub to: u32,
    pub kind: Kind,
    pub status: Status,
    pub persons: u32,
    pub cost: u32,
    pub days: u32,
}

/// A generated route set.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthSet {
    pub params: Params,
    pub places: Vec<SynthPlace>,
    pub legs: Vec<SynthLeg>,
}

/// The header of the legs file [`SynthSet::write_legs_csv`] writes.
pub const LEGS_HEADER: &str = "from,to,kind,weight,cost,days,status";
/// The header of the places file.
pub const PLACES_HEADER: &str = "id,name,lat,lon";

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and fixed forever.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
    /// Standard normal (Box–Muller, one value per call).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.f64(); // (0, 1]
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
    /// A rank in `0..n` with `P(r) ≈ 1/(r+1)`: `floor((n+1)^u) - 1`.
    pub fn zipf(&mut self, n: usize) -> usize {
        let r = ((n as f64 + 1.0).powf(self.f64()) as usize).saturating_sub(1);
        r.min(n - 1)
    }
}

/// Where a place sits in the model.
#[derive(Debug, Clone, Copy)]
struct Slot {
    layer: u16,
    corridor: u16,
    /// Index within its bucket: 0 is the busiest place.
    rank: u32,
}

struct Layout {
    /// `buckets[layer][corridor]`: place indices, best-ranked first.
    buckets: Vec<Vec<Vec<u32>>>,
    slots: Vec<Slot>,
    transit_layers: usize,
    corridors: usize,
    /// Destination regions (the non-empty buckets of the last layer).
    regions: usize,
}

impl Layout {
    fn last(&self) -> usize {
        self.transit_layers + 1
    }
    fn bucket(&self, p: u32) -> &[u32] {
        let s = self.slots[p as usize];
        &self.buckets[s.layer as usize][s.corridor as usize]
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4 + 0.0
}

fn wrap_lon(mut lon: f64) -> f64 {
    while lon > 180.0 {
        lon -= 360.0;
    }
    while lon < -180.0 {
        lon += 360.0;
    }
    lon
}

/// Generate a route set. Errors when the parameters make no sense.
pub fn generate(p: Params) -> Result<SynthSet, String> {
    if p.places < 2 {
        return Err(format!(
            "--places must be at least 2 (a leg joins two places), found {}",
            p.places
        ));
    }
    if p.places > 10_000_000 {
        return Err(format!(
            "--places must be at most 10000000, found {}",
            p.places
        ));
    }
    if p.legs > 100_000_000 {
        return Err(format!(
            "--legs must be at most 100000000, found {}",
            p.legs
        ));
    }
    let mut rng = Rng::new(p.seed ^ 0x726F_7574_6567_7261); // "routegra"
    let n = p.places;
    let n_src = ((n as f64 * 0.12).round() as usize).max(1);
    let n_dst = ((n as f64 * 0.08).round() as usize).max(1);
    let n_tr = n - n_src - n_dst.min(n - n_src);
    let n_dst = n - n_src - n_tr;
    let corridors = n_src.min(4);
    let regions = n_dst.min(3).min(corridors);
    let transit_layers = if n_tr == 0 {
        0
    } else {
        ((2.0 * (n as f64).log10()).round() as usize)
            .clamp(3, 12)
            .min(n_tr)
    };
    let last = transit_layers + 1;

    // Corridor shares: 1, 0.71, 0.58, 0.5 (∝ 1/sqrt(c+1)).
    let shares: Vec<f64> = (0..corridors)
        .map(|c| 1.0 / ((c + 1) as f64).sqrt())
        .collect();
    let total_share: f64 = shares.iter().sum();
    let pick_corridor = |rng: &mut Rng| {
        let mut u = rng.f64() * total_share;
        for (c, s) in shares.iter().enumerate() {
            if u < *s {
                return c;
            }
            u -= s;
        }
        corridors - 1
    };

    // Slots in generation order, then shuffled onto ids.
    let mut slots: Vec<Slot> = Vec::with_capacity(n);
    for i in 0..n_src {
        slots.push(Slot {
            layer: 0,
            corridor: (i % corridors) as u16,
            rank: 0,
        });
    }
    for j in 0..n_tr {
        let layer = 1 + j * transit_layers / n_tr;
        slots.push(Slot {
            layer: layer as u16,
            corridor: pick_corridor(&mut rng) as u16,
            rank: 0,
        });
    }
    for i in 0..n_dst {
        // Destination "corridor" = its region.
        slots.push(Slot {
            layer: last as u16,
            corridor: (i % regions) as u16,
            rank: 0,
        });
    }
    // Shuffle which id gets which slot.
    for i in (1..n).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    let mut buckets: Vec<Vec<Vec<u32>>> = vec![vec![Vec::new(); corridors]; last + 1];
    for (idx, s) in slots.iter_mut().enumerate() {
        let b = &mut buckets[s.layer as usize][s.corridor as usize];
        s.rank = b.len() as u32;
        b.push(idx as u32);
    }
    let layout = Layout {
        buckets,
        slots,
        transit_layers,
        corridors,
        regions,
    };

    // Geography: source regions in the south-east, destinations in the
    // north-west (Europe or North America), corridors bowing between them.
    let src_centers: Vec<(f64, f64)> = (0..corridors)
        .map(|_| (5.0 + 25.0 * rng.f64(), 40.0 + 70.0 * rng.f64()))
        .collect();
    let dst_centers: Vec<(f64, f64)> = (0..regions)
        .map(|r| {
            let lat = 38.0 + 17.0 * rng.f64();
            let lon = if r % 2 == 0 {
                -5.0 + 30.0 * rng.f64()
            } else {
                -120.0 + 45.0 * rng.f64()
            };
            (lat, lon)
        })
        .collect();
    let bows: Vec<f64> = (0..corridors).map(|_| -12.0 + 24.0 * rng.f64()).collect();
    let mut counters = [0usize; 4];
    let places: Vec<SynthPlace> = layout
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (lat, lon, cat) = if s.layer == 0 {
                let (a, o) = src_centers[s.corridor as usize];
                (a + 3.0 * rng.normal(), o + 4.0 * rng.normal(), 0)
            } else if s.layer as usize == last {
                let (a, o) = dst_centers[s.corridor as usize];
                (a + 3.0 * rng.normal(), o + 4.0 * rng.normal(), 3)
            } else {
                let c = s.corridor as usize;
                let t = s.layer as f64 / last as f64;
                let (a0, o0) = src_centers[c];
                let (a1, o1) = dst_centers[c % regions];
                let bow = bows[c] * (std::f64::consts::PI * t).sin();
                let lat = a0 + (a1 - a0) * t + bow + 2.0 * rng.normal();
                let lon = o0 + (o1 - o0) * t + 2.5 * rng.normal();
                let size = layout.buckets[s.layer as usize][c].len();
                let hub = (s.rank as usize) < (size / 25).max(1);
                (lat, lon, if hub { 1 } else { 2 })
            };
            counters[cat] += 1;
            let word = ["Source", "Hub", "Transit", "Destination"][cat];
            SynthPlace {
                id: String::new(),
                name: format!("{word} {}", counters[cat]),
                lat: round4(lat.clamp(-80.0, 80.0)),
                lon: round4(wrap_lon(lon)),
            }
            .with_id(i, n)
        })
        .collect();

    let mut lg = LegGen {
        rng,
        layout: &layout,
        rad: places
            .iter()
            .map(|p| (p.lat.to_radians(), p.lon.to_radians()))
            .collect(),
        legs: Vec::with_capacity(p.legs),
        in_deg: vec![0u32; n],
    };
    let budget = p.legs;
    // 1. Every source and transit place sends one leg.
    for f in 0..n as u32 {
        if lg.legs.len() == budget {
            break;
        }
        let l = layout.slots[f as usize].layer as usize;
        if l < last {
            let kind = lg.people_kind();
            lg.forward_from(f, kind);
        }
    }
    // 2. Transit places that receive nothing yet get one leg in; destinations too.
    for t in 0..n as u32 {
        if lg.legs.len() == budget {
            break;
        }
        let l = layout.slots[t as usize].layer as usize;
        if l > 0 && lg.in_deg[t as usize] == 0 {
            let kind = lg.people_kind();
            lg.leg_into(t, kind);
        }
    }
    // 3. The rest, drawn freely.
    let non_dest: Vec<u32> = (0..n as u32)
        .filter(|&i| (layout.slots[i as usize].layer as usize) < last)
        .collect();
    let non_src: Vec<u32> = (0..n as u32)
        .filter(|&i| layout.slots[i as usize].layer > 0)
        .collect();
    while lg.legs.len() < budget {
        let u = lg.rng.f64();
        let kind = if u < 0.85 {
            Kind::Smuggling
        } else if u < 0.96 {
            Kind::Trafficking
        } else if u < 0.985 {
            Kind::Money
        } else {
            Kind::Fugitive
        };
        if kind == Kind::Money {
            let f = lg.pick_from(&non_src);
            lg.backward_from(f, kind);
        } else {
            let f = lg.pick_from(&non_dest);
            lg.forward_from(f, kind);
        }
    }
    let mut legs = lg.legs;
    let mut rng = lg.rng;
    for i in (1..legs.len()).rev() {
        let j = rng.below(i + 1);
        legs.swap(i, j);
    }
    Ok(SynthSet {
        params: p,
        places,
        legs,
    })
}

impl SynthPlace {
    fn with_id(mut self, i: usize, n: usize) -> Self {
        let width = n.to_string().len().max(6);
        self.id = format!("P{:0width$}", i + 1);
        self
    }
}

struct LegGen<'a> {
    rng: Rng,
    layout: &'a Layout,
    rad: Vec<(f64, f64)>,
    legs: Vec<SynthLeg>,
    in_deg: Vec<u32>,
}

impl LegGen<'_> {
    fn people_kind(&mut self) -> Kind {
        if self.rng.f64() < 0.88 {
            Kind::Smuggling
        } else {
            Kind::Trafficking
        }
    }

    /// A leaving place: uniform, or half of the time a Zipf pick in its bucket.
    fn pick_from(&mut self, pool: &[u32]) -> u32 {
        let p = pool[self.rng.below(pool.len())];
        if self.rng.f64() < 0.5 {
            let b = self.layout.bucket(p);
            b[self.rng.zipf(b.len())]
        } else {
            p
        }
    }

    /// A Zipf pick in bucket (`layer`, `corridor`), falling back to another
    /// corridor of the layer, then to the next layer in `step` direction.
    fn pick_in(&mut self, mut layer: usize, corridor: usize, step: isize) -> u32 {
        let lay = self.layout;
        loop {
            let row = &lay.buckets[layer];
            let c = if row[corridor.min(row.len() - 1)].is_empty() {
                let start = self.rng.below(row.len());
                (0..row.len())
                    .map(|k| (start + k) % row.len())
                    .find(|&k| !row[k].is_empty())
            } else {
                Some(corridor.min(row.len() - 1))
            };
            if let Some(c) = c {
                let b = &row[c];
                return b[self.rng.zipf(b.len())];
            }
            layer = (layer as isize + step) as usize;
        }
    }

    fn corridor_for(&mut self, from: u32, to_layer: usize) -> usize {
        let lay = self.layout;
        let s = lay.slots[from as usize];
        let mut c = s.corridor as usize;
        if s.layer as usize == lay.last() {
            // From a destination region: any corridor that ends there.
            let k = (lay.corridors - c).div_ceil(lay.regions);
            c += lay.regions * self.rng.below(k.max(1));
        }
        if self.rng.f64() < 0.12 {
            c = self.rng.below(lay.corridors);
        }
        if to_layer == lay.last() {
            c % lay.regions
        } else {
            c
        }
    }

    /// A people-moving (or fugitive) leg out of `f`.
    fn forward_from(&mut self, f: u32, kind: Kind) {
        let lay = self.layout;
        let l = lay.slots[f as usize].layer as usize;
        let last = lay.last();
        let u = self.rng.f64();
        let to_layer = if l == 0 {
            if u < 0.9 {
                1
            } else {
                2
            }
        } else if u < 0.80 {
            l + 1
        } else if u < 0.88 {
            l + 2
        } else if u < 0.95 {
            l
        } else if l > 1 {
            l - 1
        } else {
            l + 1
        }
        .min(last);
        let c = self.corridor_for(f, to_layer);
        let t = if to_layer == l {
            let lateral = self.pick_in(l, c, 1);
            let same_layer = lay.slots[lateral as usize].layer as usize == l;
            if lateral != f {
                lateral
            } else {
                let b = lay.bucket(f);
                if same_layer && b.len() > 1 {
                    b[(lay.slots[f as usize].rank as usize + 1) % b.len()]
                } else {
                    self.pick_in((l + 1).min(last), c, 1)
                }
            }
        } else if to_layer < l {
            self.pick_in(to_layer, c, -1)
        } else {
            self.pick_in(to_layer, c, 1)
        };
        if t == f {
            // Only possible on degenerate layouts: go forward instead.
            let t2 = self.pick_in(last, c, 1);
            self.push(f, t2, kind);
        } else {
            self.push(f, t, kind);
        }
    }

    /// A money leg out of `f` (not a source), one or two layers back.
    fn backward_from(&mut self, f: u32, kind: Kind) {
        let l = self.layout.slots[f as usize].layer as usize;
        let to_layer = if l >= 2 && self.rng.f64() < 0.2 {
            l - 2
        } else {
            l - 1
        };
        let c = self.corridor_for(f, to_layer);
        let t = self.pick_in(to_layer, c, -1);
        self.push(f, t, kind);
    }

    /// A people leg into `t` (not a source) from the layer before.
    fn leg_into(&mut self, t: u32, kind: Kind) {
        let lay = self.layout;
        let s = lay.slots[t as usize];
        let l = s.layer as usize;
        let mut c = s.corridor as usize;
        if l == lay.last() {
            let k = (lay.corridors - c).div_ceil(lay.regions);
            c += lay.regions * self.rng.below(k.max(1));
        }
        let f = self.pick_in(l - 1, c, -1);
        self.push(f, t, kind);
    }

    fn push(&mut self, from: u32, to: u32, kind: Kind) {
        debug_assert_ne!(from, to);
        let (la, oa) = self.rad[from as usize];
        let (lb, ob) = self.rad[to as usize];
        let h =
            ((lb - la) / 2.0).sin().powi(2) + la.cos() * lb.cos() * ((ob - oa) / 2.0).sin().powi(2);
        let km = 2.0 * 6371.0 * h.sqrt().min(1.0).asin();
        let rng = &mut self.rng;
        let persons = match kind {
            Kind::Smuggling => (1.4 + 1.1 * rng.normal()).exp(),
            Kind::Trafficking => (0.9 + 0.9 * rng.normal()).exp(),
            Kind::Money => 1.0,
            Kind::Fugitive => 1.0 + 2.0 * rng.f64(),
        }
        .round()
        .clamp(1.0, 1e6) as u32;
        let cost = ((40.0 + 0.6 * km) * (0.35 * rng.normal()).exp())
            .round()
            .max(1.0) as u32;
        let days = (km / 350.0 * (0.45 * rng.normal()).exp()).round().max(1.0) as u32;
        let u = rng.f64();
        let status = if u < 0.85 {
            Status::Stated
        } else if u < 0.97 {
            Status::Inferred
        } else {
            Status::Extracted
        };
        self.in_deg[to as usize] += 1;
        self.legs.push(SynthLeg {
            from,
            to,
            kind,
            status,
            persons,
            cost,
            days,
        });
    }
}

fn write_u32(buf: &mut Vec<u8>, mut v: u32) {
    let mut tmp = [0u8; 10];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

impl SynthSet {
    /// `places.csv`: `id,name,lat,lon`.
    pub fn write_places_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 16);
        buf.extend_from_slice(PLACES_HEADER.as_bytes());
        buf.push(b'\n');
        for p in &self.places {
            writeln!(buf, "{},{},{:.4},{:.4}", p.id, p.name, p.lat, p.lon)?;
            if buf.len() > 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)
    }

    /// `legs.csv`: `from,to,kind,weight,cost,days,status`.
    pub fn write_legs_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 17);
        buf.extend_from_slice(LEGS_HEADER.as_bytes());
        buf.push(b'\n');
        for l in &self.legs {
            buf.extend_from_slice(self.places[l.from as usize].id.as_bytes());
            buf.push(b',');
            buf.extend_from_slice(self.places[l.to as usize].id.as_bytes());
            buf.push(b',');
            buf.extend_from_slice(l.kind.as_str().as_bytes());
            buf.push(b',');
            write_u32(&mut buf, l.persons);
            buf.push(b',');
            write_u32(&mut buf, l.cost);
            buf.push(b',');
            write_u32(&mut buf, l.days);
            buf.push(b',');
            buf.extend_from_slice(l.status.as_str().as_bytes());
            buf.push(b'\n');
            if buf.len() > 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)
    }

    fn place_out(&self, p: &SynthPlace) -> Place {
        let mut out = Place::new(p.id.clone(), p.name.clone());
        out.kind = PlaceKind::Country;
        out.lat = Some(p.lat);
        out.lon = Some(p.lon);
        out
    }

    fn leg_out(&self, l: &SynthLeg) -> LegRecord {
        LegRecord {
            id: None,
            from: self.places[l.from as usize].id.clone(),
            to: self.places[l.to as usize].id.clone(),
            kind: l.kind,
            status: l.status,
            persons: Some(l.persons as f64),
            persons_qualifier: None,
            cost: Some(Cost {
                amount: l.cost as f64,
                currency: None,
                scope: None,
            }),
            days: Some(l.days as f64),
            days_scope: None,
            mode: None,
            evidence: Vec::new(),
            reasoning: (l.status == Status::Inferred)
                .then(|| "synthetic leg, inferred along its corridor".to_string()),
        }
    }

    /// The name and description the JSON form carries.
    pub fn name(&self) -> String {
        let p = self.params;
        format!("synth-{}-{}-{}", p.places, p.legs, p.seed)
    }

    fn description(&self) -> String {
        let p = self.params;
        format!(
            "Synthetic route set made by `routegraph synth --places {} --legs {} --seed {}`",
            p.places, p.legs, p.seed
        )
    }

    /// The whole set as a [`Dataset`] (memory: a few hundred bytes a leg;
    /// [`SynthSet::write_json`] streams instead).
    pub fn to_dataset(&self) -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION,
            name: self.name(),
            title: Some(self.name()),
            description: Some(self.description()),
            sources: Vec::new(),
            places: self.places.iter().map(|p| self.place_out(p)).collect(),
            legs: self.legs.iter().map(|l| self.leg_out(l)).collect(),
            totals: Vec::new(),
        }
    }

    /// The JSON schema form, streamed leg by leg: the bytes serde would write
    /// for [`SynthSet::to_dataset`] (pretty-printed up to 10,000 legs).
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        let wrapper = JsonOut(self);
        if self.legs.len() <= 10_000 {
            serde_json::to_writer_pretty(&mut *w, &wrapper)?;
        } else {
            serde_json::to_writer(&mut *w, &wrapper)?;
        }
        w.write_all(b"\n")
    }

    /// Write `places.csv`, `legs.csv` and (with `json`) `dataset.json` into
    /// `dir` (created if needed), each through a temporary file renamed into
    /// place, so that a reader never sees a half-written file.
    pub fn write_dir(&self, dir: &Path, json: bool) -> crate::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
        let mut written = vec![
            write_atomic(&dir.join("places.csv"), |w| self.write_places_csv(w))?,
            write_atomic(&dir.join("legs.csv"), |w| self.write_legs_csv(w))?,
        ];
        if json {
            written.push(write_atomic(&dir.join("dataset.json"), |w| {
                self.write_json(w)
            })?);
        }
        Ok(written)
    }
}

struct JsonOut<'a>(&'a SynthSet);
struct Seq<F>(F);

impl<I, T, F> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for JsonOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let set = self.0;
        // Field for field what `Dataset`'s derive writes.
        let mut st = s.serialize_struct("Dataset", 8)?;
        st.serialize_field("schema_version", &SCHEMA_VERSION)?;
        st.serialize_field("name", &set.name())?;
        st.serialize_field("title", &Some(set.name()))?;
        st.serialize_field("description", &Some(set.description()))?;
        st.serialize_field("sources", &Vec::<Source>::new())?;
        st.serialize_field(
            "places",
            &Seq(|| set.places.iter().map(|p| set.place_out(p))),
        )?;
        st.serialize_field("legs", &Seq(|| set.legs.iter().map(|l| set.leg_out(l))))?;
        st.serialize_field("totals", &Vec::<crate::model::Figure>::new())?;
        st.end()
    }
}

/// Write `path` through `path.tmp-<pid>` and a rename.
pub fn write_atomic(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> crate::Result<PathBuf> {
    let file_name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| -> io::Result<()> {
        let f = std::fs::File::create(&tmp)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, f);
        body(&mut w)?;
        // Flushed, not fsynced, as in `fsutil::write_atomic` (see there why).
        w.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, path)
    })();
    match result {
        Ok(()) => Ok(path.to_path_buf()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(crate::Error::io(path, e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_fixed() {
        // Reference values of SplitMix64 seeded with 0.
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn zipf_is_heavy_headed_and_in_range() {
        let mut r = Rng::new(7);
        let mut hist = [0usize; 10];
        for _ in 0..100_000 {
            hist[r.zipf(10)] += 1;
        }
        assert!(hist[0] > hist[1] && hist[1] > hist[5] && hist[5] > 0);
        assert!(hist[0] > 2 * hist[9]);
    }

    #[test]
    fn tiny_sets_work() {
        for n in 2..12 {
            for m in [0, 1, n, 3 * n] {
                let s = generate(Params {
                    places: n,
                    legs: m,
                    seed: 3,
                })
                .unwrap();
                assert_eq!(s.places.len(), n);
                assert_eq!(s.legs.len(), m);
                assert!(s.legs.iter().all(|l| l.from != l.to && l.persons >= 1));
            }
        }
    }

    #[test]
    fn json_stream_equals_dataset_serde() {
        let s = generate(Params {
            places: 30,
            legs: 90,
            seed: 1,
        })
        .unwrap();
        let mut a = Vec::new();
        s.write_json(&mut a).unwrap();
        let mut b = serde_json::to_vec_pretty(&s.to_dataset()).unwrap();
        b.push(b'\n');
        assert_eq!(String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
    }
}
