//! Movement patterns, participant lists and the dateline.
//!
//! Each sentence becomes a list of items (words folded like the gazetteer folds names,
//! numbers, punctuation and place mentions). Cues are read from it:
//!
//! | cue | role | strength |
//! | --- | --- | --- |
//! | `from X`, `desde X`, `de X a Y`, `coming/originating from X` | origin | 0.85 (0.75 for `de`) |
//! | `migrants from X` (a person noun before "from") | origin | 0.7 |
//! | `left X`, `originating in X`, `procedentes de X` | origin | 0.7–0.8 |
//! | `via X`, `through X`, `transiting X`, `a través de X`, `en tránsito por X` | transit | 0.6 |
//! | `held (captive) in X`, `spent months in X` (a migrant's journey) | transit | 0.55 |
//! | `to Y` after an origin or transit in the same clause, `hasta Y`, `a Y` after `de X` | destination | 0.85 |
//! | `into Y` | destination | 0.8 |
//! | `towards Y`, `bound for Y`, `on the way to Y`, `hacia Y`, `rumbo a Y`, `entered Y` | destination | 0.75 |
//! | `to Y` after a movement word ("smuggled", "routes"), `reach Y`, `arrived in Y` | destination | 0.7 |
//! | boat, "across the Mediterranean", lorry, flight | mode | – |
//!
//! Cues in order make frames (origins → transits → destinations; "then" chains a new frame
//! from the last destination). A frame gives one leg per consecutive pair of its places, of
//! confidence `min(strength of both ends)`, pattern `origin-cue/destination-cue`. A frame with
//! a destination but no origin takes, in this order: the travellers' nationality ("Syrian
//! nationals", 0.5), where smugglers were arrested in the sentence (0.45) or, when the sentence
//! starts with a pronoun, in the sentence before (0.4). Otherwise it is only
//! [`Unanchored`](super::Unanchored).
//!
//! Further patterns: a fugitive arrested in Y (Red Notice, wanted, extradition) comes from the
//! country that issued the notice (0.65, `issued-by`), where the crime was (0.5) or their nationality
//! (0.55); migrants of nationality X intercepted in Y (0.5); a journey told over several
//! sentences ("a Bangladeshi national ... In Spain ... He was held captive in Algeria ... a boat
//! across the Mediterranean") gives origin → stops → destination (0.55); money linked "to N
//! countries" gives a money leg to a group place (0.5).
//!
//! Participants: "Participating countries: A, B, ...", "Países participantes:", "A, B and C took
//! part", "with the participation of ...", "authorities/police in A, B and C", "checks in A, B
//! and C" mark those mentions as participants. A sentence that lists participants gives no legs,
//! and a participant mention is never the end of a leg.

use super::figures;
use super::mentions::{Found, TokKind, Token};
use super::{Candidate, Extraction, MentionForm, PlaceRef, Span, Unanchored};
use crate::geo::gazetteer::Gazetteer;
use crate::model::{Kind, Mode};
use std::collections::HashSet;

/// One item of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum It {
    /// A word, folded (lowercase, no accents).
    W(String),
    /// A number as written (digits and separators).
    N,
    P(char),
    /// A place mention: index into [`Extraction::mentions`].
    M(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub it: It,
    pub span: Span,
    pub raw: String,
}

/// A sentence as items.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub s: usize,
    pub items: Vec<Item>,
}

impl View {
    pub fn w(&self, i: usize) -> Option<&str> {
        match &self.items.get(i)?.it {
            It::W(s) => Some(s),
            _ => None,
        }
    }
    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        self.w(i).is_some_and(|w| words.contains(&w))
    }
    pub fn punct(&self, i: usize, cs: &[char]) -> bool {
        matches!(self.items.get(i).map(|x| &x.it), Some(It::P(c)) if cs.contains(c))
    }
    pub fn mention(&self, i: usize) -> Option<usize> {
        match self.items.get(i)?.it {
            It::M(m) => Some(m),
            _ => None,
        }
    }
    pub fn has(&self, words: &[&str]) -> bool {
        self.items
            .iter()
            .any(|x| matches!(&x.it, It::W(w) if words.contains(&w.as_str())))
    }
    pub fn has_prefix(&self, prefixes: &[&str]) -> bool {
        self.items
            .iter()
            .any(|x| matches!(&x.it, It::W(w) if prefixes.iter().any(|p| w.starts_with(p))))
    }
    /// A clause break (`;` or `:`) between items `a` and `b`.
    fn clause_break(&self, a: usize, b: usize) -> bool {
        (a.min(b)..a.max(b)).any(|k| self.punct(k, &[';', ':']))
    }
}

/// Build the item view of every sentence.
pub(crate) fn views(ex: &Extraction, tokens: &[Vec<Token>], found: &[Vec<Found>]) -> Vec<View> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut base = 0;
    for (s, (toks, f)) in tokens.iter().zip(found).enumerate() {
        let mut items = Vec::with_capacity(toks.len());
        let mut k = 0;
        let mut t = 0;
        while t < toks.len() {
            if k < f.len() && f[k].first_tok == t {
                items.push(Item {
                    it: It::M(base + k),
                    span: f[k].span,
                    raw: ex.text(f[k].span),
                });
                t = f[k].last_tok + 1;
                k += 1;
                continue;
            }
            let tok = &toks[t];
            let span = Span {
                start: tok.start,
                end: tok.end,
            };
            let raw = ex.text(span);
            let it = match tok.kind {
                TokKind::Word => It::W(Gazetteer::normalize(&raw)),
                TokKind::Num => It::N,
                TokKind::Punct => It::P(raw.chars().next().unwrap_or(' ')),
            };
            items.push(Item { it, span, raw });
            t += 1;
        }
        base += f.len();
        out.push(View { s, items });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Word lists (folded: lowercase, no accents)

const ARTICLES: &[&str] = &["the", "el", "la", "los", "las"];
const PERSON_MIGRANT: &[&str] = &[
    "migrant",
    "migrants",
    "refugee",
    "refugees",
    "asylum",
    "victim",
    "victims",
    "migrantes",
    "migrante",
    "refugiados",
    "victimas",
    "indocumentados",
];
const PERSON_NEUTRAL: &[&str] = &[
    "man",
    "woman",
    "men",
    "women",
    "national",
    "nationals",
    "citizen",
    "citizens",
    "people",
    "persons",
    "person",
    "individual",
    "individuals",
    "family",
    "families",
    "child",
    "children",
    "boy",
    "boys",
    "girl",
    "girls",
    "teenager",
    "teenagers",
    "minor",
    "minors",
    "youth",
    "worker",
    "workers",
    "ciudadano",
    "ciudadanos",
    "ciudadana",
    "ciudadanas",
    "nacional",
    "nacionales",
    "hombre",
    "hombres",
    "mujer",
    "mujeres",
    "personas",
    "ninos",
    "menores",
];
const SUSPECT: &[&str] = &[
    "smuggler",
    "smugglers",
    "trafficker",
    "traffickers",
    "suspect",
    "suspects",
    "leader",
    "leaders",
    "kingpin",
    "ringleader",
    "ringleaders",
    "member",
    "members",
    "facilitator",
    "facilitators",
    "driver",
    "drivers",
    "organiser",
    "organisers",
    "organizer",
    "organizers",
    "courier",
    "couriers",
    "coyote",
    "coyotes",
    "boss",
    "gang",
    "gangs",
    "network",
    "networks",
    "criminal",
    "criminals",
    "traficante",
    "traficantes",
    "sospechoso",
    "sospechosos",
    "lider",
    "cabecilla",
    "cabecillas",
    "red",
    "banda",
];
const AGENT: &[&str] = &[
    "police",
    "officers",
    "officer",
    "officials",
    "official",
    "experts",
    "expert",
    "authorities",
    "authority",
    "investigators",
    "agencies",
    "agency",
    "prosecutors",
    "representatives",
    "delegates",
    "delegation",
    "delegations",
    "teams",
    "team",
    "units",
    "unit",
    "counterparts",
    "colleagues",
    "partners",
    "forces",
    "guards",
    "services",
    "ministry",
    "government",
    "enforcement",
    "support",
    "funding",
    "assistance",
    "help",
    "cooperation",
    "contribution",
    "request",
    "invitation",
    "participants",
    "policia",
    "autoridades",
    "agentes",
    "fiscales",
    "fiscalia",
];
const MOVE: &[&str] = &[
    "smuggled",
    "smuggling",
    "smuggle",
    "moved",
    "moving",
    "move",
    "transported",
    "transporting",
    "transport",
    "brought",
    "bringing",
    "taken",
    "taking",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "travel",
    "journey",
    "journeys",
    "trip",
    "trips",
    "route",
    "routes",
    "passage",
    "sent",
    "sending",
    "shipped",
    "flown",
    "flew",
    "trafficked",
    "migrated",
    "migrating",
    "migration",
    "fled",
    "fleeing",
    "crossed",
    "crossing",
    "carried",
    "driven",
    "escorted",
    "facilitated",
    "heading",
    "headed",
    "relocated",
    "corridor",
    "flow",
    "flows",
    "boat",
    "boats",
    "across",
    "trasladaban",
    "trasladados",
    "trasladadas",
    "trasladar",
    "trasladaba",
    "llevaban",
    "llevados",
    "llevaba",
    "transportaban",
    "ruta",
    "rutas",
    "viaje",
    "viajaban",
    "viajar",
    "cruzar",
    "cruzaron",
    "ingresar",
    "ingresaron",
    "llegar",
    "llegaron",
    "entrar",
    "entraron",
    "enviados",
    "conducidos",
];
const ARREST: &[&str] = &[
    "arrested",
    "arrest",
    "arrests",
    "apprehended",
    "detained",
    "intercepted",
    "caught",
    "captured",
    "located",
    "detenido",
    "detenidos",
    "detenida",
    "detenidas",
    "arrestado",
    "arrestados",
    "capturado",
    "capturados",
    "aprehendido",
    "aprehendidos",
    "interceptados",
    "interceptado",
    "detuvieron",
    "capturaron",
    "arrestaron",
];
const INTERCEPT: &[&str] = &[
    "found",
    "detected",
    "rescued",
    "identified",
    "discovered",
    "rescatados",
    "rescataron",
    "localizados",
    "hallados",
];
const AUX: &[&str] = &[
    "have", "has", "had", "were", "was", "also", "all", "both", "jointly", "han", "ha",
];
const CHAIN: &[&str] = &[
    "then",
    "later",
    "onward",
    "onwards",
    "subsequently",
    "before",
    "finally",
    "afterwards",
    "eventually",
    "luego",
    "despues",
    "posteriormente",
    "finalmente",
];
const PRONOUNS: &[&str] = &[
    "he", "she", "him", "his", "her", "they", "them", "their", "ella", "ellos",
];
const SEA_WORDS: &[&str] = &[
    "boat",
    "boats",
    "dinghy",
    "dinghies",
    "vessel",
    "vessels",
    "ship",
    "ships",
    "ferry",
    "patera",
    "pateras",
    "cayuco",
    "cayucos",
    "lancha",
    "lanchas",
    "barco",
    "barcos",
    "embarcacion",
    "embarcaciones",
];
const SEA_NAMES: &[&str] = &[
    "mediterranean",
    "aegean",
    "atlantic",
    "channel",
    "adriatic",
    "sea",
    "ocean",
    "gulf",
    "strait",
    "english",
    "red",
    "pacific",
    "mar",
];
const LAND_WORDS: &[&str] = &[
    "lorry", "lorries", "truck", "trucks", "van", "vans", "bus", "buses", "camion", "camiones",
];
const AIR_WORDS: &[&str] = &[
    "flight", "flights", "flew", "plane", "planes", "aircraft", "vuelo", "vuelos", "avion",
];

// ---------------------------------------------------------------------------------------------
// Lists of places

/// Countries joined by commas and "and"/"or" ("Turkey, Greece and Serbia").
#[derive(Debug, Clone)]
pub(crate) struct List {
    pub ms: Vec<usize>,
    pub alt: bool,
    pub start: usize,
    pub end: usize,
}

fn country_at(ex: &Extraction, v: &View, i: usize) -> Option<usize> {
    let m = v.mention(i)?;
    ex.mentions[m].place.is_country().then_some(m)
}

/// The list of countries starting at item `i` (after optional articles).
pub(crate) fn list_at(ex: &Extraction, v: &View, mut i: usize) -> Option<List> {
    while v.is(i, ARTICLES) {
        i += 1;
    }
    let first = country_at(ex, v, i)?;
    let mut l = List {
        ms: vec![first],
        alt: false,
        start: i,
        end: i + 1,
    };
    loop {
        let mut k = l.end;
        let mut sep = false;
        if v.punct(k, &[',']) {
            k += 1;
            sep = true;
        }
        if v.is(k, &["and", "y", "e"]) || v.punct(k, &['&']) {
            k += 1;
            sep = true;
        } else if v.is(k, &["or", "o", "u"]) {
            k += 1;
            sep = true;
            l.alt = true;
        } else if v.is(k, &["as"]) && v.is(k + 1, &["well"]) && v.is(k + 2, &["as"]) {
            k += 3;
            sep = true;
        }
        if !sep {
            break;
        }
        while v.is(k, ARTICLES) {
            k += 1;
        }
        match country_at(ex, v, k) {
            Some(m) => {
                l.ms.push(m);
                l.end = k + 1;
            }
            None => break,
        }
    }
    Some(l)
}

/// The list of countries that ends at item `k` (inclusive), if item `k` is a country.
fn list_ending_at(ex: &Extraction, v: &View, k: usize) -> Option<List> {
    country_at(ex, v, k)?;
    let mut start = k;
    loop {
        let mut j = start;
        while j > 0 && v.is(j - 1, ARTICLES) {
            j -= 1;
        }
        let mut sep = false;
        if j > 0 && (v.is(j - 1, &["and", "y", "e", "or", "o"]) || v.punct(j - 1, &['&'])) {
            j -= 1;
            sep = true;
        }
        if j > 0 && v.punct(j - 1, &[',']) {
            j -= 1;
            sep = true;
        }
        while j > 0 && v.is(j - 1, ARTICLES) {
            j -= 1;
        }
        if sep && j > 0 && country_at(ex, v, j - 1).is_some() {
            start = j - 1;
        } else {
            break;
        }
    }
    let l = list_at(ex, v, start)?;
    (l.end > k).then_some(l)
}

// ---------------------------------------------------------------------------------------------
// Sentence-level flags

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    fugitive: bool,
    suspect: bool,
    migrant: bool,
    journey: bool,
    smuggling: bool,
    trafficking: bool,
    money: bool,
}

fn flags(v: &View) -> Flags {
    let mut f = Flags {
        fugitive: v.has(&[
            "notice",
            "notices",
            "fugitive",
            "fugitives",
            "extradited",
            "extradition",
            "extradite",
            "warrant",
            "profugo",
            "notificacion",
            "extradicion",
            "extraditado",
        ]) || (v.has(&["difusion"]) && v.has(&["roja"])),
        // the people the sentence is about are suspects: arrested (or accused) smugglers
        suspect: v.has(&["suspected", "suspicion", "accused", "charged"])
            || (v.has(ARREST) && v.has(SUSPECT)),
        migrant: v.has(PERSON_MIGRANT),
        journey: v.has(&[
            "journey",
            "journeys",
            "trip",
            "travel",
            "travelled",
            "traveled",
            "travelling",
            "traveling",
            "reach",
            "reached",
            "arrived",
            "crossing",
            "crossed",
            "smuggled",
            "route",
            "viaje",
            "llegar",
            "llegaron",
        ]),
        smuggling: v.has_prefix(&["smuggl"]) || v.has(&["coyote", "coyotes", "trafico"]),
        trafficking: v.has(&["trata", "exploitation", "exploited", "forced"]),
        money: v.has(&[
            "money",
            "funds",
            "transfer",
            "transfers",
            "transferred",
            "remittance",
            "remittances",
            "payments",
            "transactions",
            "hawala",
            "laundering",
            "laundered",
            "dinero",
            "transferencias",
            "remesas",
            "giros",
        ]),
    };
    for (i, x) in v.items.iter().enumerate() {
        if let It::W(w) = &x.it {
            if w == "wanted" && v.is(i + 1, &["by", "for", "in"]) {
                f.fugitive = true;
            }
            if w.starts_with("traffick")
                && !v.is(
                    i.wrapping_sub(1),
                    &[
                        "drug",
                        "drugs",
                        "arms",
                        "firearms",
                        "weapons",
                        "narcotics",
                        "cocaine",
                        "gun",
                        "guns",
                        "wildlife",
                    ],
                )
            {
                f.trafficking = true;
            }
            if w == "for" && v.w(i + 1).is_some_and(|n| n.starts_with("smuggl")) && v.has(ARREST) {
                f.suspect = true;
            }
        }
    }
    f.journey |= f.migrant && v.has_prefix(&["smuggl", "traffick"]);
    f
}

impl Flags {
    fn kind(&self) -> Kind {
        if self.fugitive {
            Kind::Fugitive
        } else if self.money && !self.migrant && !self.journey {
            Kind::Money
        } else if self.trafficking && !self.smuggling {
            Kind::Trafficking
        } else {
            Kind::Smuggling
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cues

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Origin,
    Transit,
    Dest,
    Mode(Mode),
}

#[derive(Debug, Clone)]
struct Cue {
    role: Role,
    name: &'static str,
    strength: f64,
    list: Vec<usize>,
    alt: bool,
    at: usize,
}

/// Whether a mention may be a traveller's nationality, and of what kind of person.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PersonKind {
    Migrant,
    Neutral,
    Suspect,
}

fn person_kind(w: &str) -> Option<PersonKind> {
    if PERSON_MIGRANT.contains(&w) {
        Some(PersonKind::Migrant)
    } else if PERSON_NEUTRAL.contains(&w) {
        Some(PersonKind::Neutral)
    } else if SUSPECT.contains(&w) {
        Some(PersonKind::Suspect)
    } else {
        None
    }
}

#[derive(Debug, Clone)]
struct Nationality {
    place: String,
    kind: PersonKind,
}

/// What one sentence says, before frames are built.
#[derive(Debug, Clone, Default)]
struct Facts {
    cues: Vec<Cue>,
    nationality: Vec<Nationality>,
    arrests: Vec<String>,
    issuer: Option<String>,
    crime_place: Option<String>,
    flags: Flags,
    pronoun_start: bool,
    has_pronoun: bool,
    /// The sentence lists participants: it gives no legs.
    participants_only: bool,
    /// Mentions that cannot end a leg (participants, dateline).
    excluded: HashSet<usize>,
    /// "In Spain, a Bangladeshi national ... his journey": (traveller's country, where).
    anchor: Option<(String, Option<String>)>,
    /// Money "to N countries": (N, outgoing).
    money_group: Option<(u32, bool)>,
    money_actor: Option<String>,
    journey_cost: Option<(f64, String)>,
    journey_days: Option<f64>,
}

impl Facts {
    fn usable_nationality(&self) -> Option<&str> {
        if self.flags.fugitive {
            return None;
        }
        self.nationality
            .iter()
            .find(|n| {
                n.kind == PersonKind::Migrant
                    || (n.kind == PersonKind::Neutral && !self.flags.suspect)
            })
            .map(|n| n.place.as_str())
    }
}

fn country_of(ex: &Extraction, m: usize) -> Option<&str> {
    match &ex.mentions[m].place {
        PlaceRef::Country(c) => Some(c),
        _ => None,
    }
}

fn cues(ex: &Extraction, v: &View, f: &Flags, nat: &mut Vec<Nationality>) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    let n = v.items.len();
    let mut i = 0;
    let push = |out: &mut Vec<Cue>, role, name, strength, l: &List, at| {
        out.push(Cue {
            role,
            name,
            strength,
            list: l.ms.clone(),
            alt: l.alt,
            at,
        })
    };
    while i < n {
        let Some(w) = v.w(i) else {
            i += 1;
            continue;
        };
        let prev = if i > 0 { v.w(i - 1) } else { None };
        // ---- origins
        if w == "from" {
            if let Some(l) = list_at(ex, v, i + 1) {
                let skip = prev.is_some_and(|p| {
                    AGENT.contains(&p)
                        || ["ranging", "range", "ranged", "varying", "vary"].contains(&p)
                });
                let person = prev.and_then(person_kind);
                if let Some(kind) = person {
                    for &m in &l.ms {
                        if let Some(c) = country_of(ex, m) {
                            nat.push(Nationality {
                                place: c.to_string(),
                                kind,
                            });
                        }
                    }
                }
                let origin = match person {
                    None => !skip,
                    Some(PersonKind::Migrant) => !f.fugitive,
                    Some(PersonKind::Neutral) => !f.fugitive && !f.suspect,
                    Some(PersonKind::Suspect) => false,
                };
                if origin {
                    let s = if person.is_some() { 0.7 } else { 0.85 };
                    push(&mut out, Role::Origin, "from", s, &l, i);
                }
                i = l.end;
                continue;
            }
        }
        if (w == "originating" || w == "starting") && v.is(i + 1, &["in"]) {
            if let Some(l) = list_at(ex, v, i + 2) {
                push(&mut out, Role::Origin, "originating-in", 0.8, &l, i);
                i = l.end;
                continue;
            }
        }
        if ["left", "leaving", "departed", "fled", "fleeing"].contains(&w) {
            if let Some(l) = list_at(ex, v, i + 1) {
                push(&mut out, Role::Origin, "left", 0.7, &l, i);
                i = l.end;
                continue;
            }
        }
        if w == "desde" {
            if let Some(l) = list_at(ex, v, i + 1) {
                push(&mut out, Role::Origin, "desde", 0.85, &l, i);
                i = l.end;
                continue;
            }
        }
        if [
            "procedentes",
            "provenientes",
            "originarios",
            "oriundos",
            "procedente",
            "proveniente",
            "originario",
        ]
        .contains(&w)
            && v.is(i + 1, &["de", "del"])
        {
            if let Some(l) = list_at(ex, v, i + 2) {
                push(&mut out, Role::Origin, "procedentes-de", 0.7, &l, i);
                i = l.end;
                continue;
            }
        }
        if w == "de" || w == "del" {
            if let Some(l) = list_at(ex, v, i + 1) {
                if v.is(l.end, &["a", "al", "hacia", "hasta", "para"]) {
                    if let Some(l2) = list_at(ex, v, l.end + 1) {
                        push(&mut out, Role::Origin, "de", 0.75, &l, i);
                        push(&mut out, Role::Dest, "a", 0.75, &l2, l.end);
                        i = l2.end;
                        continue;
                    }
                }
            }
        }
        // ---- transits
        let transit = match w {
            "via" => Some(("via", 1)),
            "through" | "transiting" | "transited" | "transit" => Some(("through", 1)),
            "across" | "atravesando" | "cruzando" => Some(("across", 1)),
            "by" if v.is(i + 1, &["way"]) && v.is(i + 2, &["of"]) => Some(("via", 3)),
            "a" if v.is(i + 1, &["traves"]) && v.is(i + 2, &["de", "del"]) => {
                Some(("a-traves-de", 3))
            }
            "transito" | "pasando" | "transitaron" | "pasaban" if v.is(i + 1, &["por"]) => {
                Some(("en-transito-por", 2))
            }
            _ => None,
        };
        if let Some((name, skip)) = transit {
            if let Some(l) = list_at(ex, v, i + skip) {
                push(&mut out, Role::Transit, name, 0.6, &l, i);
                i = l.end;
                continue;
            }
        }
        if [
            "held",
            "kept",
            "stayed",
            "spent",
            "waited",
            "retenido",
            "retenidos",
            "retenida",
            "secuestrado",
            "secuestrados",
            "secuestrada",
        ]
        .contains(&w)
            && !f.fugitive
        {
            let mut hit = None;
            for j in i + 1..(i + 8).min(n) {
                if v.punct(j, &[',', ';', ':', '.']) {
                    break;
                }
                if v.is(j, &["in", "en"]) {
                    if let Some(l) = list_at(ex, v, j + 1) {
                        hit = Some((j, l));
                        break;
                    }
                }
            }
            if let Some((j, l)) = hit {
                let captive = (i..j).any(|k| {
                    v.is(
                        k,
                        &[
                            "captive",
                            "hostage",
                            "hostages",
                            "ransom",
                            "kidnapped",
                            "secuestrado",
                            "secuestrados",
                            "secuestrada",
                            "retenido",
                            "retenidos",
                            "retenida",
                        ],
                    )
                });
                if captive || f.migrant || f.journey {
                    push(&mut out, Role::Transit, "held-in", 0.55, &l, i);
                }
                i = l.end;
                continue;
            }
        }
        // ---- destinations
        if w == "into" {
            if let Some(l) = list_at(ex, v, i + 1) {
                let excluded = prev.is_some_and(|p| {
                    [
                        "investigation",
                        "investigations",
                        "inquiry",
                        "inquiries",
                        "probe",
                        "insight",
                        "insights",
                        "look",
                        "looking",
                        "research",
                        "study",
                        "turned",
                        "translated",
                        "light",
                    ]
                    .contains(&p)
                });
                if !excluded {
                    push(&mut out, Role::Dest, "into", 0.8, &l, i);
                }
                i = l.end;
                continue;
            }
        }
        let towards = match w {
            "towards" | "toward" => Some(("towards", 1)),
            "hacia" => Some(("hacia", 1)),
            "for"
                if prev
                    .is_some_and(|p| ["bound", "destined", "heading", "headed"].contains(&p)) =>
            {
                Some(("bound-for", 1))
            }
            "rumbo" if v.is(i + 1, &["a", "al"]) => Some(("rumbo-a", 2)),
            "destino" if v.is(i + 1, &["a", "al"]) => Some(("destino-a", 2)),
            "entered" | "entering" => Some(("entered", 1)),
            "reach" | "reached" | "reaching" => Some(("reach", 1)),
            "arrived" | "arriving" | "arrival" if v.is(i + 1, &["in"]) => Some(("arrived-in", 2)),
            "llegar" | "llegaron" | "ingresar" | "ingresaron" | "entrar" | "entraron"
                if v.is(i + 1, &["a", "al", "en"]) =>
            {
                Some(("a", 2))
            }
            _ => None,
        };
        if let Some((name, skip)) = towards {
            if let Some(l) = list_at(ex, v, i + skip) {
                let s = if ["reach", "arrived-in", "a"].contains(&name) {
                    0.7
                } else {
                    0.75
                };
                push(&mut out, Role::Dest, name, s, &l, i);
                i = l.end;
                continue;
            }
        }
        if w == "to" || w == "hasta" || w == "a" || w == "al" {
            if let Some(l) = list_at(ex, v, i + 1) {
                let anchored = out.iter().rev().find(|c| {
                    matches!(c.role, Role::Origin | Role::Transit | Role::Mode(Mode::Sea))
                });
                let anchored = anchored
                    .is_some_and(|c| i - c.at <= 25 && !v.clause_break(c.at, i) && c.at < i);
                let move_before = (i.saturating_sub(5)..i).any(|k| v.is(k, MOVE));
                let by_sea = out.last().is_some_and(|c| {
                    c.role == Role::Mode(Mode::Sea) && i - c.at <= 6 && !v.clause_break(c.at, i)
                });
                let (name, s) = if w == "to"
                    && (prev == Some("way")
                        || (prev == Some("route") && v.is(i.wrapping_sub(2), &["en"])))
                {
                    ("way-to", 0.75)
                } else if by_sea && w == "to" {
                    ("across-sea-to", 0.8)
                } else if anchored && (w == "to" || w == "hasta") {
                    (if w == "to" { "to" } else { "hasta" }, 0.85)
                } else if w == "to" && prev == Some("extradited") {
                    ("extradited-to", 0.7)
                } else if move_before && (w == "to" || w == "hasta") {
                    let routes = (i.saturating_sub(5)..i).any(|k| v.is(k, &["route", "routes"]));
                    (if routes { "routes-to" } else { "to" }, 0.7)
                } else if anchored && (w == "a" || w == "al") {
                    ("a", 0.8)
                } else if move_before && (w == "a" || w == "al") {
                    ("a", 0.7)
                } else {
                    ("", 0.0)
                };
                if s > 0.0 {
                    push(&mut out, Role::Dest, name, s, &l, i);
                }
                i = l.end;
                continue;
            }
        }
        // ---- modes
        let sea = SEA_WORDS.contains(&w)
            || (w == "by" && v.is(i + 1, &["sea"]))
            || (w == "por" && v.is(i + 1, &["mar"]))
            || (w == "across"
                && v.is(i + 1, &["the"])
                && (v.is(i + 2, SEA_NAMES)
                    || v.mention(i + 2).is_some_and(|m| {
                        ex.mentions[m].place == PlaceRef::Region("caribbean".into())
                    })));
        let land = LAND_WORDS.contains(&w)
            || (w == "on" && v.is(i + 1, &["foot"]))
            || (w == "by" && v.is(i + 1, &["land", "road"]))
            || (w == "por" && v.is(i + 1, &["tierra"]))
            || (w == "a" && v.is(i + 1, &["pie"]));
        let air = AIR_WORDS.contains(&w)
            || (w == "by" && v.is(i + 1, &["air"]))
            || (w == "por" && v.is(i + 1, &["aire"]))
            || (w == "via" && v.is(i + 1, &["aerea"]));
        let mode = if sea {
            Some(Mode::Sea)
        } else if land {
            Some(Mode::Land)
        } else if air {
            Some(Mode::Air)
        } else {
            None
        };
        if let Some(mode) = mode {
            out.push(Cue {
                role: Role::Mode(mode),
                name: "mode",
                strength: 0.0,
                list: Vec::new(),
                alt: false,
                at: i,
            });
        }
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Facts of a sentence

fn facts(ex: &Extraction, v: &View, excluded: HashSet<usize>, participants_only: bool) -> Facts {
    let fl = flags(v);
    let mut nat = Vec::new();
    let cues = cues(ex, v, &fl, &mut nat);
    let n = v.items.len();
    // nationalities written as demonyms
    for i in 0..n {
        let Some(m) = v.mention(i) else { continue };
        let men = &ex.mentions[m];
        if men.form != MentionForm::Demonym {
            continue;
        }
        let Some(c) = country_of(ex, m) else { continue };
        let next = v.w(i + 1);
        let kind = match next.and_then(person_kind) {
            Some(k) => Some(k),
            None if men.text.ends_with('s') && next.is_none_or(|w| !AGENT.contains(&w)) => {
                Some(PersonKind::Neutral)
            }
            None => None,
        };
        if let Some(kind) = kind {
            nat.push(Nationality {
                place: c.to_string(),
                kind,
            });
        }
    }
    // arrest locations
    let mut arrests: Vec<String> = Vec::new();
    let mut add_arrest = |c: &str| {
        if !arrests.iter().any(|a| a == c) {
            arrests.push(c.to_string());
        }
    };
    let any_arrest = v.has(ARREST);
    if v.is(0, &["in", "en"]) {
        if let Some(l) = list_at(ex, v, 1) {
            if l.ms.len() == 1 && v.punct(l.end, &[',']) && any_arrest {
                if let Some(c) = country_of(ex, l.ms[0]) {
                    add_arrest(c);
                }
            }
        }
    }
    let mut crime_place = None;
    for i in 0..n {
        if !v.is(i, ARREST) {
            continue;
        }
        for j in i + 1..(i + 7).min(n) {
            if v.is(
                j,
                &[
                    "for",
                    "por",
                    "on",
                    "after",
                    "following",
                    "over",
                    "under",
                    "because",
                ],
            ) || v.punct(j, &[',', ';', ':', '.', '-', '–'])
            {
                break;
            }
            if v.is(j, &["in", "en"]) {
                if let Some(l) = list_at(ex, v, j + 1) {
                    for &m in &l.ms {
                        if let Some(c) = country_of(ex, m) {
                            add_arrest(c);
                        }
                    }
                    break;
                }
            }
        }
        // "Argentina arrested", "Colombian authorities have arrested": the country acts. Not
        // "... issued by Germany was arrested": in the passive the noun before is the person.
        let mut k = i;
        while k > 0
            && v.is(
                k - 1,
                &["have", "has", "had", "also", "jointly", "han", "ha"],
            )
        {
            k -= 1;
        }
        let passive = k > 0 && v.is(k - 1, &["was", "were", "been", "be", "fue", "fueron"]);
        if k > 0 && !passive {
            if let Some(c) = country_at(ex, v, k - 1).and_then(|m| country_of(ex, m)) {
                add_arrest(c);
            } else if k > 1 && v.is(k - 1, AGENT) {
                if let Some(c) = country_at(ex, v, k - 2).and_then(|m| country_of(ex, m)) {
                    add_arrest(c);
                }
            }
        }
        if fl.fugitive && crime_place.is_none() {
            if let Some(j) = (i + 1..(i + 4).min(n)).find(|&j| v.is(j, &["for", "por"])) {
                for k in j + 1..(j + 14).min(n) {
                    if v.punct(k, &[';', '.']) {
                        break;
                    }
                    if v.is(k, &["in", "en"]) {
                        if let Some(l) = list_at(ex, v, k + 1) {
                            crime_place = country_of(ex, l.ms[0]).map(str::to_string);
                            break;
                        }
                    }
                }
            }
        }
    }
    // who issued the Red Notice / wants the person
    let mut issuer = None;
    for i in 0..n {
        let start = if v.is(
            i,
            &["notice", "notices", "notificacion", "difusion", "warrant"],
        ) {
            (i + 1..(i + 5).min(n)).find(|&j| v.is(j, &["by", "from", "de", "por"]))
        } else if (v.is(i, &["wanted", "sought", "requested"]) && v.is(i + 1, &["by"]))
            || (v.is(i, &["request"]) && v.is(i + 1, &["of"]))
        {
            Some(i + 1)
        } else {
            None
        };
        if let Some(l) = start.and_then(|j| list_at(ex, v, j + 1)) {
            issuer = country_of(ex, l.ms[0]).map(str::to_string);
            break;
        }
    }
    let first_word = v.items.iter().position(|x| matches!(x.it, It::W(_)));
    let pronoun_start = first_word.is_some_and(|k| {
        v.is(
            k,
            &["he", "she", "they", "his", "her", "their", "ella", "ellos"],
        ) || (v.is(k, &["the"])
            && v.is(
                k + 1,
                &[
                    "group",
                    "network",
                    "gang",
                    "organisation",
                    "organization",
                    "suspect",
                    "man",
                    "woman",
                    "leader",
                ],
            ))
    });
    let has_pronoun = v.has(PRONOUNS);
    let mut f = Facts {
        cues,
        nationality: nat,
        arrests,
        issuer,
        crime_place,
        flags: fl,
        pronoun_start,
        has_pronoun,
        participants_only,
        excluded,
        ..Facts::default()
    };
    // a migrant's journey told from here on
    if !fl.fugitive && !fl.suspect && fl.journey {
        if let Some(origin) = f.usable_nationality().map(str::to_string) {
            let mut dest = None;
            if v.is(0, &["in", "en"]) {
                if let Some(l) = list_at(ex, v, 1) {
                    if v.punct(l.end, &[',']) {
                        dest = country_of(ex, l.ms[0]).map(str::to_string);
                    }
                }
            }
            if dest.is_none() {
                dest = f
                    .cues
                    .iter()
                    .find(|c| c.role == Role::Dest)
                    .and_then(|c| country_of(ex, c.list[0]).map(str::to_string));
            }
            if dest.is_none() {
                for i in 0..n {
                    if v.is(i, &["in", "en"]) {
                        if let Some(c) = list_at(ex, v, i + 1)
                            .and_then(|l| country_of(ex, l.ms[0]).map(str::to_string))
                        {
                            if c != origin {
                                dest = Some(c);
                                break;
                            }
                        }
                    }
                }
            }
            let dest = dest.filter(|d| *d != origin);
            // what the journey cost and how long it took
            for i in 0..n {
                if v.is(
                    i,
                    &[
                        "cost", "costs", "paid", "pay", "paying", "fee", "charged", "pagaron",
                        "pago",
                    ],
                ) {
                    if let Some((amount, cur)) = (i + 1..(i + 4).min(n))
                        .find_map(|j| figures::amount_at(ex, v, j).map(|(a, c, _)| (a, c)))
                    {
                        f.journey_cost.get_or_insert((amount, cur));
                    }
                }
                if v.is(i, &["taken", "took", "lasted", "lasting", "after"]) {
                    if let Some((value, next, _)) = figures::number_at(v, i + 1) {
                        let per = match v.w(next) {
                            Some("year" | "years" | "ano" | "anos") => 365.0,
                            Some("month" | "months" | "mes" | "meses") => 30.0,
                            Some("week" | "weeks" | "semana" | "semanas") => 7.0,
                            Some("day" | "days" | "dia" | "dias") => 1.0,
                            _ => 0.0,
                        };
                        if per > 0.0 {
                            f.journey_days.get_or_insert(value * per);
                        }
                    }
                }
            }
            f.anchor = Some((origin, dest));
        }
    }
    // money linked to a number of unnamed countries
    if fl.money {
        for i in 0..n {
            if !v.is(i, &["to", "in", "with", "from", "a", "con", "de", "en"]) {
                continue;
            }
            let Some((count, next, _)) = figures::number_at(v, i + 1) else {
                continue;
            };
            let mut k = next;
            while v.is(
                k,
                &["different", "other", "separate", "distintos", "diferentes"],
            ) {
                k += 1;
            }
            if v.is(k, &["countries", "nations", "jurisdictions", "paises"]) && count >= 1.0 {
                let outgoing = !v.is(i, &["from", "de"]);
                f.money_group = Some((count as u32, outgoing));
                let mut actor = f.arrests.first().cloned();
                if actor.is_none() {
                    // "Colombian authorities", "authorities in Colombia", else the nearest before
                    for j in (0..i).rev() {
                        if let Some(m) = country_at(ex, v, j) {
                            if !f.excluded.contains(&m) {
                                actor = country_of(ex, m).map(str::to_string);
                                break;
                            }
                        }
                    }
                }
                f.money_actor = actor;
                break;
            }
        }
    }
    f
}

// ---------------------------------------------------------------------------------------------
// Participants and dateline

/// Mentions that are participants, and whether the sentence is a participants list.
fn participants(ex: &Extraction, v: &View) -> (Vec<usize>, bool, bool) {
    let n = v.items.len();
    let mut out: Vec<usize> = Vec::new();
    let mut whole = false;
    let mut next_sentence = false;
    let countries_after =
        |i: usize| -> Vec<usize> { (i..n).filter_map(|k| country_at(ex, v, k)).collect() };
    for i in 0..n {
        let header = (v.is(i, &["participating"])
            && v.is(
                i + 1,
                &["countries", "nations", "states", "member", "agencies"],
            ))
            || (v.is(i, &["paises"]) && v.is(i + 1, &["participantes"]))
            || (v.is(i, &["countries", "nations"]) && v.is(i + 1, &["participating", "involved"]))
            || (v.is(i, &["following"]) && v.is(i + 1, &["countries", "nations"]))
            || (v.is(i, &["participants"]) && v.punct(i + 1, &[':']));
        if header {
            let after = countries_after(i);
            if after.is_empty() {
                next_sentence = true;
            }
            out.extend(after);
            whole = true;
            break;
        }
        // lists after a verb or noun of participation
        let after_list = if (v.is(i, &["participation", "participacion"])
            && v.is(i + 1, &["of", "de", "del"]))
            || (v.is(i, &["tomaron"]) && v.is(i + 1, &["parte"]))
        {
            Some(i + 2)
        } else if v.is(i, &["involving", "participaron", "participan"]) {
            Some(i + 1)
        } else {
            None
        };
        if let Some(l) = after_list.and_then(|k| list_at(ex, v, k)) {
            out.extend(&l.ms);
            whole |= l.ms.len() >= 2;
            continue;
        }
        // lists before a verb of participation
        let verb = (v.is(i, &["took"]) && v.is(i + 1, &["part"]))
            || v.is(i, &["participated", "participaron", "joined"]);
        if verb {
            let mut k = i;
            while k > 0 && v.is(k - 1, AUX) {
                k -= 1;
            }
            if let Some(l) = k.checked_sub(1).and_then(|k| list_ending_at(ex, v, k)) {
                out.extend(&l.ms);
                whole |= l.ms.len() >= 2;
            }
            continue;
        }
        // "prompting Bangladesh to participate", "invitation for Brazil to join"
        if v.is(i, &["participate", "join", "participar"]) && i >= 2 && v.is(i - 1, &["to", "a"]) {
            if let Some(m) = country_at(ex, v, i - 2) {
                out.push(m);
            }
            continue;
        }
        // "authorities in A, B and C", "police from A and B"
        if v.is(i, AGENT) && v.is(i + 1, &["in", "from", "of", "en", "de"]) {
            if let Some(l) = list_at(ex, v, i + 2) {
                if l.ms.len() >= 2 {
                    out.extend(&l.ms);
                }
            }
            continue;
        }
        // "checks in A, B and C", "raids were carried out in A"
        if v.is(
            i,
            &[
                "checks",
                "controls",
                "inspections",
                "raids",
                "searches",
                "operations",
                "actions",
                "activities",
                "deployments",
                "controles",
                "operativos",
                "allanamientos",
                "inspecciones",
            ],
        ) {
            for j in i + 1..(i + 6).min(n) {
                if v.punct(j, &[',', ';', ':', '.']) {
                    break;
                }
                if v.is(j, &["in", "en"]) {
                    if let Some(l) = list_at(ex, v, j + 1) {
                        out.extend(&l.ms);
                    }
                    break;
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    (out, whole, next_sentence)
}

/// Mentions in the dateline of the first sentence: `CITY, Country –` in capitals.
fn dateline(ex: &Extraction, v: &View) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.items.len() {
        let x = &v.items[i];
        let caps = x.raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && x.raw
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        match &x.it {
            It::W(_) if caps => {}
            It::M(m) if caps => out.push(*m),
            _ => break,
        }
        i += 1;
    }
    if i == 0 || !v.punct(i, &[',']) {
        return Vec::new();
    }
    let Some(m) = v.mention(i + 1) else {
        return Vec::new();
    };
    out.push(m);
    let dash = (i + 2..(i + 12).min(v.items.len())).any(|k| v.punct(k, &['–', '—', '-']));
    let _ = ex;
    if dash {
        out
    } else {
        Vec::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Frames and legs

#[derive(Debug, Clone)]
struct Node {
    place: String,
    name: &'static str,
    strength: f64,
    sentence: usize,
}

#[derive(Debug, Clone, Default)]
struct Frame {
    origins: Vec<Node>,
    layers: Vec<Vec<Node>>,
    dests: Vec<Node>,
    dest_names: Vec<&'static str>,
    mode: Option<Mode>,
    last_dest_at: usize,
}

impl Frame {
    fn is_empty(&self) -> bool {
        self.origins.is_empty() && self.layers.is_empty() && self.dests.is_empty()
    }
}

/// Candidate legs and notes collected over the whole text.
#[derive(Default)]
struct Collector {
    legs: Vec<Candidate>,
    unanchored: Vec<Unanchored>,
}

impl Collector {
    #[allow(clippy::too_many_arguments)]
    fn leg(
        &mut self,
        a: &Node,
        b: &Node,
        kind: Kind,
        mode: Option<Mode>,
        sentence: usize,
        mut support: Vec<usize>,
        reasoning: Option<String>,
    ) {
        if a.place == b.place {
            return;
        }
        support.extend([a.sentence, b.sentence, sentence]);
        support.sort_unstable();
        support.dedup();
        let confidence = (a.strength.min(b.strength) * 100.0).round() / 100.0;
        let pattern = format!("{}/{}", a.name, b.name);
        let reasoning = reasoning.or_else(|| reasoning_for(a.name, b.name, support.len() > 1));
        self.legs.push(Candidate {
            from: PlaceRef::Country(a.place.clone()),
            to: PlaceRef::Country(b.place.clone()),
            kind,
            pattern,
            confidence,
            sentence,
            support,
            mode,
            cost: None,
            days: None,
            reasoning,
        });
    }

    fn note(&mut self, place: &str, role: &'static str, pattern: &str, sentence: usize) {
        let u = Unanchored {
            place: PlaceRef::Country(place.to_string()),
            role,
            pattern: pattern.to_string(),
            sentence,
        };
        if !self.unanchored.contains(&u) {
            self.unanchored.push(u);
        }
    }
}

fn reasoning_for(a: &str, b: &str, several: bool) -> Option<String> {
    let r = match (a, b) {
        ("nationality", _) => {
            "The origin is the travellers' nationality; the text does not say where their journey began."
        }
        ("arrested-in" | "arrest-before", _) => {
            "The origin is where the smugglers were arrested; the text does not say where the migrants set out from."
        }
        ("crime-in", _) => {
            "The origin is where the crime was committed and the destination where the fugitive was arrested; the movement itself is not described."
        }
        ("issued-by", _) => {
            "The origin is the country that issued the Red Notice or warrant and the destination where the person was arrested; the movement itself is not described."
        }
        _ if several => {
            "Read from a passage of several sentences; the pronouns are taken to point back to the same traveller or group."
        }
        _ => return None,
    };
    Some(r.to_string())
}

fn nodes(ex: &Extraction, c: &Cue, excluded: &HashSet<usize>, s: usize) -> Vec<Node> {
    c.list
        .iter()
        .filter(|m| !excluded.contains(m))
        .filter_map(|&m| country_of(ex, m))
        .map(|p| Node {
            place: p.to_string(),
            name: c.name,
            strength: c.strength,
            sentence: s,
        })
        .collect()
}

fn frames(ex: &Extraction, v: &View, f: &Facts) -> Vec<Frame> {
    let chain_between = |a: usize, b: usize| (a.min(b)..a.max(b)).any(|k| v.is(k, CHAIN));
    let mut out: Vec<Frame> = Vec::new();
    let mut cur = Frame::default();
    let flush = |cur: &mut Frame, out: &mut Vec<Frame>| {
        let done = std::mem::take(cur);
        if !done.is_empty() {
            out.push(done);
        }
    };
    for c in &f.cues {
        let ns = nodes(ex, c, &f.excluded, v.s);
        if let Role::Mode(m) = c.role {
            cur.mode.get_or_insert(m);
            continue;
        }
        if ns.is_empty() {
            continue;
        }
        match c.role {
            Role::Origin => {
                if !cur.dests.is_empty()
                    && cur.origins.is_empty()
                    && !v.clause_break(cur.last_dest_at, c.at)
                    && c.at - cur.last_dest_at <= 4
                {
                    cur.origins = ns; // "into Austria from Hungary"
                } else {
                    if !cur.origins.is_empty() || !cur.dests.is_empty() {
                        flush(&mut cur, &mut out);
                    }
                    cur.origins = ns;
                }
            }
            Role::Transit => {
                if !cur.dests.is_empty() {
                    if chain_between(cur.last_dest_at, c.at) {
                        let prev = cur.dests.clone();
                        flush(&mut cur, &mut out);
                        cur.origins = prev;
                    } else if v.clause_break(cur.last_dest_at, c.at) {
                        flush(&mut cur, &mut out);
                    }
                }
                if c.alt {
                    cur.layers.push(ns);
                } else {
                    cur.layers.extend(ns.into_iter().map(|n| vec![n]));
                }
            }
            Role::Dest => {
                if !cur.dests.is_empty() {
                    let chained = chain_between(cur.last_dest_at, c.at);
                    let prev = cur.dests.clone();
                    flush(&mut cur, &mut out);
                    if chained {
                        cur.origins = prev;
                    }
                }
                cur.dests = ns;
                cur.dest_names.push(c.name);
                cur.last_dest_at = c.at;
            }
            Role::Mode(_) => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// An open journey: a traveller of known nationality, where they ended up, and the stops
/// later sentences name.
#[derive(Debug, Clone)]
struct Journey {
    anchor: usize,
    last: usize,
    origin: Node,
    dest: Option<Node>,
    stops: Vec<Node>,
    /// Mode of the leg that starts at stop number `n` (0 = the origin).
    modes: Vec<(usize, Mode, usize)>,
    kind: Kind,
    cost: Option<(f64, String)>,
    days: Option<f64>,
    produced: bool,
}

impl Journey {
    fn absorb(&mut self, ex: &Extraction, s: usize, f: &Facts) {
        for c in &f.cues {
            if let Role::Mode(m) = c.role {
                self.modes.push((self.stops.len(), m, s));
                continue;
            }
            for n in nodes(ex, c, &f.excluded, s) {
                match c.role {
                    Role::Origin if n.place != self.origin.place => self.stops.push(n),
                    Role::Transit => self.stops.push(n),
                    Role::Dest => match &self.dest {
                        None => self.dest = Some(n),
                        Some(d) if d.place != n.place => self.stops.push(n),
                        Some(_) => {}
                    },
                    _ => {}
                }
            }
        }
        self.last = s;
    }

    fn emit(self, out: &mut Collector) {
        let mut chain = vec![self.origin.clone()];
        chain.extend(self.stops.iter().cloned());
        if let Some(d) = &self.dest {
            chain.push(d.clone());
        }
        chain.dedup_by(|a, b| a.place == b.place);
        if chain.len() < 2 || (self.stops.is_empty() && self.produced) {
            return;
        }
        let first_leg = out.legs.len();
        for (k, pair) in chain.windows(2).enumerate() {
            // a mode named after the k-th stop is the mode of the leg that leaves it
            let found = self.modes.iter().find(|(at, _, _)| *at == k);
            let mode = found.map(|(_, m, _)| *m);
            let mut support = vec![self.anchor];
            if let Some((_, _, ms)) = found {
                support.push(*ms);
            }
            out.leg(
                &pair[0],
                &pair[1],
                self.kind,
                mode,
                pair[1].sentence.max(pair[0].sentence),
                support,
                None,
            );
        }
        if let Some(first) = out.legs.get_mut(first_leg) {
            first.cost = self.cost;
            first.days = self.days;
        }
    }
}

/// Find participants, datelines, candidate legs and unanchored movements.
pub(crate) fn analyse(ex: &mut Extraction, views: &[View]) {
    // dateline and participants first: they decide which mentions may end a leg
    if let Some(v) = views.first() {
        for m in dateline(ex, v) {
            ex.mentions[m].dateline = true;
        }
    }
    let mut participant_only = vec![false; views.len()];
    let mut next_list = false;
    for v in views {
        let (ms, whole, next) = participants(ex, v);
        let mut ms = ms;
        if next_list {
            // the list under a "Participating countries:" heading
            let countries: Vec<usize> = (0..v.items.len())
                .filter_map(|k| country_at(ex, v, k))
                .collect();
            let words = v.items.iter().filter(|x| matches!(x.it, It::W(_))).count();
            if countries.len() >= 2 && words <= countries.len() * 2 {
                ms.extend(countries);
                participant_only[v.s] = true;
            }
        }
        next_list = next;
        participant_only[v.s] |= whole;
        for m in ms {
            ex.mentions[m].participant = true;
        }
    }
    let all_facts: Vec<Facts> = views
        .iter()
        .map(|v| {
            let excluded: HashSet<usize> = (0..v.items.len())
                .filter_map(|k| v.mention(k))
                .filter(|&m| ex.mentions[m].participant || ex.mentions[m].dateline)
                .collect();
            facts(ex, v, excluded, participant_only[v.s])
        })
        .collect();

    let mut col = Collector::default();
    let mut journey: Option<Journey> = None;
    for (v, f) in views.iter().zip(&all_facts) {
        let s = v.s;
        // a journey goes on while pronouns point back to the traveller
        if let Some(j) = journey.as_mut() {
            let covered: HashSet<usize> = f.cues.iter().flat_map(|c| c.list.clone()).collect();
            let stray = (0..v.items.len())
                .filter_map(|k| country_at(ex, v, k))
                .any(|m| !covered.contains(&m) && !f.excluded.contains(&m));
            let goes_on = f.anchor.is_none()
                && f.has_pronoun
                && !f.participants_only
                && !f.flags.fugitive
                && !stray
                && s <= j.last + 2
                && s <= j.anchor + 4;
            if goes_on {
                j.absorb(ex, s, f);
                continue;
            }
            if let Some(j) = journey.take() {
                j.emit(&mut col);
            }
        }
        if f.participants_only {
            continue;
        }
        let before = col.legs.len();
        let kind = f.flags.kind();
        let prev_arrest = if f.pronoun_start && s > 0 {
            all_facts[s - 1].arrests.first().cloned()
        } else {
            None
        };
        for fr in frames(ex, v, f) {
            let mut origins = fr.origins.clone();
            let people = f.flags.smuggling || f.flags.trafficking || f.flags.migrant;
            if origins.is_empty() && (!fr.dests.is_empty() || !fr.layers.is_empty()) {
                let in_frame = |p: &str| {
                    fr.dests
                        .iter()
                        .chain(fr.layers.iter().flatten())
                        .any(|n| n.place == p)
                };
                if let Some(nat) = f.usable_nationality().filter(|p| !in_frame(p)) {
                    origins.push(Node {
                        place: nat.to_string(),
                        name: "nationality",
                        strength: 0.5,
                        sentence: s,
                    });
                } else if !fr.dests.is_empty() && people && !f.flags.fugitive {
                    if let Some(a) = f.arrests.iter().find(|a| !in_frame(a)) {
                        origins.push(Node {
                            place: a.clone(),
                            name: "arrested-in",
                            strength: 0.45,
                            sentence: s,
                        });
                    } else if let Some(a) = prev_arrest.as_ref().filter(|a| !in_frame(a)) {
                        origins.push(Node {
                            place: a.clone(),
                            name: "arrest-before",
                            strength: 0.4,
                            sentence: s - 1,
                        });
                    }
                }
            }
            let mut layers: Vec<Vec<Node>> = Vec::new();
            if !origins.is_empty() {
                layers.push(origins);
            }
            layers.extend(fr.layers.iter().cloned());
            if !fr.dests.is_empty() {
                layers.push(fr.dests.clone());
            }
            let has_origin = layers.len() > fr.layers.len() + usize::from(!fr.dests.is_empty());
            if layers.len() < 2 || (!has_origin && fr.dests.is_empty()) {
                for n in &fr.dests {
                    let name = fr.dest_names.first().copied().unwrap_or("to");
                    col.note(&n.place, "destination", name, s);
                }
                for n in fr.layers.iter().flatten() {
                    col.note(&n.place, "transit", n.name, s);
                }
                continue;
            }
            for pair in layers.windows(2) {
                for a in &pair[0] {
                    for b in &pair[1] {
                        col.leg(a, b, kind, fr.mode, s, Vec::new(), None);
                    }
                }
            }
        }
        // a fugitive arrested in Y
        if f.flags.fugitive {
            for a in &f.arrests {
                let origin = f
                    .issuer
                    .as_ref()
                    .filter(|x| *x != a)
                    .map(|x| (x.clone(), "issued-by", 0.65))
                    .or_else(|| {
                        f.crime_place
                            .as_ref()
                            .filter(|x| *x != a)
                            .map(|x| (x.clone(), "crime-in", 0.5))
                    })
                    .or_else(|| {
                        f.nationality
                            .iter()
                            .find(|n| n.place != *a)
                            .map(|n| (n.place.clone(), "nationality", 0.55))
                    });
                if let Some((p, name, strength)) = origin {
                    let from = Node {
                        place: p,
                        name,
                        strength,
                        sentence: s,
                    };
                    let to = Node {
                        place: a.clone(),
                        name: "arrested-in",
                        strength: 0.65,
                        sentence: s,
                    };
                    col.leg(&from, &to, Kind::Fugitive, None, s, Vec::new(), None);
                }
            }
        }
        // migrants of nationality X intercepted in Y
        if col.legs.len() == before && !f.flags.fugitive && (v.has(ARREST) || v.has(INTERCEPT)) {
            {
                if let Some(nat) = f
                    .nationality
                    .iter()
                    .find(|n| {
                        n.kind == PersonKind::Migrant
                            || (n.kind == PersonKind::Neutral
                                && !f.flags.suspect
                                && (f.flags.migrant
                                    || f.flags.journey
                                    || v.has(INTERCEPT)
                                    || v.has(&["intercepted", "apprehended"])))
                    })
                    .map(|n| n.place.clone())
                {
                    let mut locs = f.arrests.clone();
                    for i in 0..v.items.len() {
                        if v.is(i, INTERCEPT) {
                            for j in i + 1..(i + 7).min(v.items.len()) {
                                if v.is(j, &["in", "en"]) {
                                    if let Some(l) = list_at(ex, v, j + 1) {
                                        locs.extend(
                                            l.ms.iter()
                                                .filter_map(|&m| country_of(ex, m))
                                                .map(str::to_string),
                                        );
                                    }
                                    break;
                                }
                            }
                        }
                    }
                    if let Some(loc) = locs.into_iter().find(|l| *l != nat) {
                        let from = Node {
                            place: nat,
                            name: "nationality",
                            strength: 0.5,
                            sentence: s,
                        };
                        let to = Node {
                            place: loc,
                            name: "intercepted",
                            strength: 0.6,
                            sentence: s,
                        };
                        col.leg(&from, &to, kind, None, s, Vec::new(), None);
                    }
                }
            }
        }
        // money linked to N unnamed countries
        if let (Some((count, outgoing)), Some(actor)) = (f.money_group, f.money_actor.as_ref()) {
            let group = PlaceRef::Group { count, sentence: s };
            let (from, to) = if outgoing {
                (PlaceRef::Country(actor.clone()), group)
            } else {
                (group, PlaceRef::Country(actor.clone()))
            };
            col.legs.push(Candidate {
                from,
                to,
                kind: Kind::Money,
                pattern: "money/n-countries".into(),
                confidence: 0.5,
                sentence: s,
                support: vec![s],
                mode: None,
                cost: None,
                days: None,
                reasoning: Some(format!(
                    "The text links the money to {count} countries it does not name; the direction ({}) is a reading, not stated.",
                    if outgoing { "out of the country that acted" } else { "into the country that acted" }
                )),
            });
        }
        // a journey starts here
        if let Some((origin, dest)) = &f.anchor {
            journey = Some(Journey {
                anchor: s,
                last: s,
                origin: Node {
                    place: origin.clone(),
                    name: "nationality",
                    strength: 0.55,
                    sentence: s,
                },
                dest: dest.as_ref().map(|d| Node {
                    place: d.clone(),
                    name: "journey-end",
                    strength: 0.55,
                    sentence: s,
                }),
                stops: Vec::new(),
                modes: Vec::new(),
                kind: if f.flags.trafficking && !f.flags.smuggling {
                    Kind::Trafficking
                } else {
                    Kind::Smuggling
                },
                cost: f.journey_cost.clone(),
                days: f.journey_days,
                produced: col.legs.len() > before,
            });
        }
    }
    if let Some(j) = journey.take() {
        j.emit(&mut col);
    }
    ex.candidates = merge(col.legs);
    ex.unanchored = col.unanchored;
}

/// One candidate per (from, to, kind): the most confident pattern, all supporting sentences.
fn merge(legs: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in legs {
        if let Some(o) = out
            .iter_mut()
            .find(|o| o.from == c.from && o.to == c.to && o.kind == c.kind)
        {
            if c.confidence > o.confidence {
                o.confidence = c.confidence;
                o.pattern = c.pattern.clone();
                o.reasoning = c.reasoning.clone();
            }
            o.support.extend(&c.support);
            o.support.sort_unstable();
            o.support.dedup();
            o.mode = o.mode.or(c.mode);
            if o.cost.is_none() {
                o.cost = c.cost;
            }
            o.days = o.days.or(c.days);
        } else {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.sentence);
    out
}
