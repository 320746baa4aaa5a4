#!/usr/bin/env python3
"""Build data/gazetteer.json for routegraph.

Inputs (npm packages, unpacked with `npm pack NAME@VERSION && tar xzf NAME-VERSION.tgz`):
  --i18n   i18n-iso-countries 7.14.0  (MIT)       codes.json, langs/{en,es,pt,fr}.json
  --wc     world-countries    5.1.0   (ODbL-1.0)  countries.json
  --atlas  world-atlas        2.0.2   (ISC / Natural Earth public domain) countries-110m.json
           (only used for the short Natural Earth names, e.g. "Dem. Rep. Congo", added as aliases,
           and to check that each marker point lies inside its country's 110m outline)

Usage:
  python3 data/tools/build_gazetteer.py --i18n DIR --wc DIR --atlas DIR --out data/gazetteer.json

Everything hand-made (extra aliases, demonyms, fixes, M49 table, region definitions, ambiguity
decisions) is in the tables below. The script is deterministic: same inputs -> same bytes.
Python 3.8+, standard library only.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from convert_world import planar_features, point_in_rings  # noqa: E402

I18N_VERSION = "7.14.0"
WC_VERSION = "5.1.0"
ATLAS_VERSION = "2.0.2"

# ---------------------------------------------------------------------------------------------
# Normalisation: MUST stay identical to Gazetteer::normalize in src/geo/gazetteer.rs.
# ---------------------------------------------------------------------------------------------
FOLD = {}
for chars, repl in [
    ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđ", "d"), ("ð", "d"),
    ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"),
    ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("ŋ", "n"),
    ("òóôõöøōŏőơ", "o"), ("œ", "oe"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"),
    ("ţťŧț", "t"), ("þ", "th"), ("ùúûüũūŭůűųư", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
    ("źżž", "z"),
]:
    for ch in chars:
        FOLD[ch] = repl
REMOVE = set(".'’‘`´ʼʻ")
SPACE = set("-‐‑–—,;:()[]{}/\\\"“”!?*")


def normalize(s: str) -> str:
    out = []
    for ch in s.lower():
        if "\u0300" <= ch <= "\u036f":  # combining diacritical marks
            continue
        if ch in REMOVE:
            continue
        if ch == "&":
            out.append(" and ")
        elif ch in SPACE or ch.isspace():
            out.append(" ")
        else:
            out.append(FOLD.get(ch, ch))
    t = " ".join("".join(out).split())
    if t.startswith("the "):
        t = t[4:]
    return t.strip()


# ---------------------------------------------------------------------------------------------
# UN M49 geoscheme (https://unstats.un.org/unsd/methodology/m49/), finest named level.
# Region = M49 region (Africa, Americas, Asia, Europe, Oceania); ATA has none -> "Antarctica".
# TWN is not listed by M49; placed in Eastern Asia by common usage.
# ---------------------------------------------------------------------------------------------
M49 = {
    ("Africa", "Northern Africa"): "DZA EGY LBY MAR SDN TUN ESH",
    ("Africa", "Eastern Africa"): "IOT BDI COM DJI ERI ETH ATF KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD UGA TZA ZMB ZWE",
    ("Africa", "Middle Africa"): "AGO CMR CAF TCD COG COD GNQ GAB STP",
    ("Africa", "Southern Africa"): "BWA SWZ LSO NAM ZAF",
    ("Africa", "Western Africa"): "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SHN SEN SLE TGO",
    ("Americas", "Caribbean"): "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR",
    ("Americas", "Central America"): "BLZ CRI SLV GTM HND MEX NIC PAN",
    ("Americas", "South America"): "ARG BOL BVT BRA CHL COL ECU FLK GUF GUY PRY PER SGS SUR URY VEN",
    ("Americas", "Northern America"): "BMU CAN GRL SPM USA",
    ("Asia", "Central Asia"): "KAZ KGZ TJK TKM UZB",
    ("Asia", "Eastern Asia"): "CHN HKG MAC PRK JPN MNG KOR TWN",
    ("Asia", "South-eastern Asia"): "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    ("Asia", "Southern Asia"): "AFG BGD BTN IND IRN MDV NPL PAK LKA",
    ("Asia", "Western Asia"): "ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM",
    ("Europe", "Eastern Europe"): "BLR BGR CZE HUN POL MDA ROU RUS SVK UKR",
    ("Europe", "Northern Europe"): "ALA DNK EST FRO FIN GGY ISL IRL IMN JEY LVA LTU NOR SJM SWE GBR",
    ("Europe", "Southern Europe"): "ALB AND BIH HRV GIB GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP",
    ("Europe", "Western Europe"): "AUT BEL FRA DEU LIE LUX MCO NLD CHE",
    ("Oceania", "Australia and New Zealand"): "AUS CXR CCK HMD NZL NFK",
    ("Oceania", "Melanesia"): "FJI NCL PNG SLB VUT",
    ("Oceania", "Micronesia"): "GUM KIR MHL FSM NRU MNP PLW UMI",
    ("Oceania", "Polynesia"): "ASM COK PYF NIU PCN WSM TKL TON TUV WLF",
    ("Antarctica", "Antarctica"): "ATA",
}


def m49_members(region=None, subregion=None):
    out = []
    for (r, s), codes in M49.items():
        if (region is None or r == region) and (subregion is None or s == subregion):
            out.extend(codes.split())
    return out


# ---------------------------------------------------------------------------------------------
# Regions (id, name, aliases, members). Definitions are documented in PROVENANCE-world-gazetteer.md.
# ---------------------------------------------------------------------------------------------
EU27 = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()


def regions():
    sub = lambda s: m49_members(subregion=s)  # noqa: E731
    reg = lambda r: m49_members(region=r)  # noqa: E731
    ssa = [c for c in reg("Africa") if c not in sub("Northern Africa")]
    lac = sub("Caribbean") + sub("Central America") + sub("South America")
    return [
        # --- continents (M49 regions)
        ("africa", "Africa", ["African", "African continent"], reg("Africa")),
        ("americas", "the Americas", ["Americas", "The Americas", "American continent", "American continents"], reg("Americas")),
        ("asia", "Asia", ["Asian", "Asian continent"], reg("Asia")),
        ("europe", "Europe", ["European", "European continent"], reg("Europe")),
        ("oceania", "Oceania", ["Oceanian", "Australasia and Oceania"], reg("Oceania")),
        # --- Africa
        ("north-africa", "North Africa", ["Northern Africa", "North African"], sub("Northern Africa")),
        ("west-africa", "West Africa", ["Western Africa", "West African"], sub("Western Africa")),
        ("east-africa", "East Africa", ["Eastern Africa", "East African"], sub("Eastern Africa")),
        ("central-africa", "Central Africa", ["Middle Africa", "Central African region"], sub("Middle Africa")),
        ("southern-africa", "Southern Africa", ["Southern African"], sub("Southern Africa")),
        ("sub-saharan-africa", "Sub-Saharan Africa", ["Subsaharan Africa", "Sub-Saharan", "Sub-Saharan African", "SSA"], ssa),
        ("horn-of-africa", "Horn of Africa", ["the Horn", "Horn of African", "Somali Peninsula"], "DJI ERI ETH SOM".split()),
        ("sahel", "Sahel", ["the Sahel", "Sahel region", "Sahelian", "Sahel countries"],
         "BFA CMR TCD GMB GIN MLI MRT NER NGA SEN".split()),
        ("maghreb", "Maghreb", ["the Maghreb", "Maghrib", "Maghrebi", "Arab Maghreb", "Magreb", "Magrebe"],
         "DZA LBY MAR MRT TUN".split()),
        # --- Americas
        ("north-america", "North America", ["North American"], "USA CAN MEX BMU GRL SPM".split()),
        ("northern-america", "Northern America", [], sub("Northern America")),
        ("central-america", "Central America", ["Central American", "Centroamérica", "América Central", "Centroamerica"],
         "BLZ CRI SLV GTM HND NIC PAN".split()),
        ("south-america", "South America", ["South American", "Sudamérica", "Suramérica", "América del Sur", "América do Sul"],
         sub("South America")),
        ("caribbean", "Caribbean", ["the Caribbean", "Caribbean islands", "Caribbean Islands", "Caribe", "el Caribe", "West Indies"],
         sub("Caribbean")),
        ("latin-america", "Latin America", ["Latin America and the Caribbean", "LAC", "Latin American", "América Latina",
                                            "Latinoamérica", "Latin America & Caribbean"], lac),
        # --- Asia
        ("south-asia", "South Asia", ["Southern Asia", "South Asian", "Indian subcontinent"], sub("Southern Asia")),
        ("southeast-asia", "Southeast Asia", ["South-East Asia", "South-eastern Asia", "Southeastern Asia", "Southeast Asian",
                                              "South East Asia"], sub("South-eastern Asia")),
        ("central-asia", "Central Asia", ["Central Asian"], sub("Central Asia")),
        ("east-asia", "East Asia", ["Eastern Asia", "East Asian"], sub("Eastern Asia")),
        ("western-asia", "Western Asia", ["West Asia"], sub("Western Asia")),
        ("middle-east", "Middle East", ["Middle Eastern", "Near East", "Mideast", "Oriente Medio", "Medio Oriente"],
         "BHR CYP EGY IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM".split()),
        # --- Europe
        ("western-europe", "Western Europe", ["West Europe", "Western European"], sub("Western Europe")),
        ("eastern-europe", "Eastern Europe", ["East Europe", "Eastern European"], sub("Eastern Europe")),
        ("northern-europe", "Northern Europe", ["North Europe", "Northern European"], sub("Northern Europe")),
        ("southern-europe", "Southern Europe", ["South Europe", "Southern European"], sub("Southern Europe")),
        ("western-balkans", "Western Balkans", ["the Western Balkans", "Western Balkan", "West Balkans"],
         "ALB BIH MKD MNE SRB".split()),
        ("balkans", "Balkans", ["the Balkans", "Balkan", "Balkan Peninsula", "Balkan countries"],
         "ALB BIH BGR GRC HRV MKD MNE ROU SRB SVN".split()),
        ("eu", "European Union", ["EU", "EU27", "EU-27", "EU 27", "European Union (27)", "Unión Europea", "União Europeia", "UE"], EU27),
    ]


# ---------------------------------------------------------------------------------------------
# Hand additions and fixes.
# ---------------------------------------------------------------------------------------------
# Canonical English names where world-countries' common name is not the one we want.
NAME_OVERRIDE = {"COD": "DR Congo", "COG": "Republic of the Congo"}

EXTRA_ALIASES = {
    "USA": ["USA", "US", "U.S.", "U.S.A.", "the United States", "United States", "United States of America", "America", "the US", "the USA"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland"],
    "TUR": ["Türkiye", "Turkey", "Turkiye", "Republic of Türkiye"],
    "CZE": ["Czechia", "Czech Republic"],
    "MKD": ["North Macedonia", "Macedonia", "former Yugoslav Republic of Macedonia", "FYROM", "FYR Macedonia", "Republic of Macedonia"],
    "DOM": ["Dominican Rep.", "Dominican Republic", "Dominican Rep"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Cote dIvoire"],
    "MMR": ["Burma", "Myanmar", "Myanmar (Burma)"],
    "SWZ": ["Swaziland", "Eswatini", "eSwatini"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "DR of the Congo", "Democratic Republic of the Congo", "Democratic Republic of Congo",
            "Dem. Rep. Congo", "Congo-Kinshasa", "Congo (Kinshasa)", "Congo, Dem. Rep.", "Zaire"],
    "COG": ["Congo", "Republic of the Congo", "Republic of Congo", "Congo Republic", "Congo-Brazzaville", "Congo (Brazzaville)",
            "Congo, Rep."],
    "CPV": ["Cabo Verde", "Cape Verde"],
    "TLS": ["East Timor", "Timor-Leste"],
    "VAT": ["Vatican", "Holy See", "Vatican City"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territory",
            "Palestinian Territory"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "BiH"],
    "LAO": ["Laos", "Lao PDR"],
    "SYR": ["Syria"],
    "VNM": ["Viet Nam"],
    "RUS": ["Russia"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "IRN": ["Iran"],
    "MDA": ["Moldova"],
    "TZA": ["Tanzania"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "GMB": ["Gambia", "The Gambia"],
    "BHS": ["Bahamas", "The Bahamas"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "LCA": ["St. Lucia", "St Lucia"],
    "KNA": ["St. Kitts and Nevis", "Saint Kitts", "St Kitts and Nevis"],
    "VCT": ["St. Vincent and the Grenadines", "Saint Vincent", "St Vincent and the Grenadines"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "SGS": ["South Georgia"],
    "SHN": ["St. Helena"],
    "SAU": ["Saudi Arabia", "KSA"],
}
EXTRA_ES = {
    "USA": ["Estados Unidos", "EE. UU.", "EE.UU.", "EEUU", "EUA", "Estados Unidos de América"],
    "DOM": ["República Dominicana", "Rep. Dominicana"],
    "BRA": ["Brasil"], "MEX": ["México", "Méjico"], "ESP": ["España"], "PER": ["Perú"], "PAN": ["Panamá"],
    "CIV": ["Costa de Marfil"], "TUR": ["Turquía"], "CZE": ["República Checa", "Chequia"],
    "MKD": ["Macedonia del Norte"], "GBR": ["Reino Unido", "Gran Bretaña"], "MMR": ["Birmania"], "SWZ": ["Suazilandia"],
    "COD": ["República Democrática del Congo", "RD Congo", "RDC"], "COG": ["República del Congo"],
    "HTI": ["Haití"], "SLV": ["El Salvador"], "ECU": ["Ecuador"], "BGD": ["Bangladés"],
}
EXTRA_PT = {
    "USA": ["Estados Unidos", "EUA", "Estados Unidos da América"],
    "DOM": ["República Dominicana"], "BRA": ["Brasil"], "MEX": ["México"], "ESP": ["Espanha"], "PER": ["Peru"], "PAN": ["Panamá"],
    "COD": ["República Democrática do Congo", "RD Congo"], "COG": ["República do Congo"],
}
EXTRA_FR = {
    "USA": ["États-Unis", "Etats-Unis"], "COD": ["République démocratique du Congo", "RDC", "RD Congo"],
    "COG": ["République du Congo", "Congo-Brazzaville"], "CIV": ["Côte d'Ivoire"],
}
# Wrong entries in the sources (removed before the extras are added).
DROP = {
    # i18n-iso-countries 7.14.0 langs/pt.json has CD and CG swapped.
    ("COD", "pt", "República Popular do Congo"),
    ("COG", "pt", "República Democrática do Congo"),
    # "Holland" is a region of the Netherlands (brief: skip).
    ("NLD", "aliases", "Holland"),
    # i18n-iso-countries lists plain "Congo" for both; kept only for COG (ISO short name of CG).
    ("COD", "aliases", "Congo"),
    # world-countries lists "Togolese" (a demonym) and "Thai" as alt spellings of the country name
    ("TGO", "aliases", "Togolese"),
    ("THA", "aliases", "Thai"),
}
EXTRA_DEMONYMS = {
    "USA": ["American", "Americans", "US citizen", "US citizens", "U.S. citizen", "U.S. citizens"],
    "GBR": ["British", "Briton", "Britons", "Brit", "Brits", "British national", "British nationals"],
    "DOM": ["Dominican", "Dominicans"],  # NOTE: also the demonym of Dominica (DMA); mapped to DOM only.
    "DMA": ["Dominica national", "Dominica nationals"],
    "SLV": ["Salvadoran", "Salvadorans", "Salvadorean", "Salvadoreans", "Salvadorian", "Salvadorians"],
    "TUR": ["Turk", "Turks"],
    "ECU": ["Ecuadorian", "Ecuadorians"],
    "CPV": ["Cape Verdean", "Cape Verdeans"],
    "NPL": ["Nepali", "Nepalis"],
    "MDV": ["Maldivian", "Maldivians"],
    "KAZ": ["Kazakh", "Kazakhs"],
    "UZB": ["Uzbek", "Uzbeks"],
    "TJK": ["Tajik", "Tajiks", "Tajikistani"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"],
    "TKM": ["Turkmens", "Turkmenistani"],
    "AZE": ["Azeri", "Azeris"],
    "SVN": ["Slovenian", "Slovenians", "Slovenes"],
    "SVK": ["Slovaks"],
    "CZE": ["Czechs"],
    "DNK": ["Dane", "Danes"],
    "SWE": ["Swede", "Swedes"],
    "FIN": ["Finn", "Finns"],
    "POL": ["Pole", "Poles"],
    "ESP": ["Spaniard", "Spaniards"],
    "NLD": ["Dutchman", "Dutchmen", "Dutch national", "Dutch nationals"],
    "PHL": ["Filipina", "Filipinas"],
    "GNB": ["Bissau-Guinean", "Bissau-Guineans"],
    "GNQ": ["Equatoguinean", "Equatoguineans"],
    "BWA": ["Batswana"],
    "LSO": ["Basotho"],
    "DJI": ["Djiboutian", "Djiboutians"],
    "GIB": ["Gibraltarian", "Gibraltarians"],
    "SAU": ["Saudi", "Saudis"],
    "BFA": ["Burkinabé"],
    "ARE": ["Emirian"],
    "NZL": ["Kiwi", "Kiwis"],
    "MMR": ["Myanmar national", "Myanmar nationals"],
    "SWZ": ["Eswatini national", "Swazis"],
    "COD": ["DR Congolese"],
    "PSE": ["Palestinians"],
}
NO_PLURAL_SUFFIX = ("ese", "ish", "ch", "sh", "ss", "s", "x", "z", "men")
NO_PLURAL = {"Malagasy", "Swiss", "Burkinabe", "Burkinabé", "Motswana", "Mosotho", "I-Kiribati", "Ni-Vanuatu",
             "Kirghiz", "Tadzhik", "Dutchman", "Kiwi", "Manx", "Turkmen", "Djibouti", "Gibraltar"}

# Deliberate answers for keys shared by several countries. key (normalized) -> iso3 to keep, or None = drop from all.
# Anything not listed falls back to: the country whose name/iso matches the key exactly; else the only
# independent state among the candidates; else the key is dropped from all (and reported).
AMBIGUOUS = {
    "congo": "COG",          # ISO 3166 short name of CG; DR Congo is "dr congo", "drc", "democratic republic of the congo"
    "congolese": None,       # demonym of both COG and COD: unresolvable, dropped from both
    "dominican": "DOM",      # also Dominica (DMA); DOM by far the commoner usage
    "dominicans": "DOM",
    "guiana": "GUF",         # official name of French Guiana in world-countries; also Portuguese for Guyana
}


def listify(v):
    return list(v) if isinstance(v, list) else [v]


def plural(d):
    if d in NO_PLURAL or d.endswith(NO_PLURAL_SUFFIX) or " " in d.strip() and d.split()[-1] in ("national", "nationals", "citizen", "citizens"):
        return None
    if d.endswith("s"):
        return None
    return d + "s"


def dedupe(seq, exclude=(), key=lambda s: s):
    """Drop empty and repeated strings (equality by `key`; exact text by default, so spelling
    variants such as "USA" / "U.S.A." are kept for readers even though they normalize alike)."""
    seen = set(key(e) for e in exclude)
    out = []
    for s in seq:
        s = s.strip()
        if not s:
            continue
        k = key(s)
        if k in seen:
            continue
        seen.add(k)
        out.append(s)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--i18n", required=True)
    ap.add_argument("--wc", required=True)
    ap.add_argument("--atlas", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", help="write the ambiguity/marker report here (markdown)")
    a = ap.parse_args()

    codes = json.load(open(os.path.join(a.i18n, "codes.json"), encoding="utf-8"))
    langs = {l: json.load(open(os.path.join(a.i18n, "langs", l + ".json"), encoding="utf-8"))["countries"] for l in ("en", "es", "pt", "fr")}
    wc = {c["cca2"]: c for c in json.load(open(os.path.join(a.wc, "countries.json"), encoding="utf-8"))}
    topo = json.load(open(os.path.join(a.atlas, "countries-110m.json"), encoding="utf-8"))

    m49 = {}
    for (r, s), cs in M49.items():
        for c in cs.split():
            assert c not in m49, c
            m49[c] = (r, s)

    atlas_names = {}
    atlas_shapes = {}
    for feat in planar_features(topo):
        if feat["id"] is not None:
            atlas_names[int(feat["id"])] = feat["name"]
            atlas_shapes[int(feat["id"])] = [[[(x / 100, y / 100) for x, y in r] for r in p] for p in feat["polygons"]]

    countries = []
    for iso2, iso3, num, _ in codes:
        if iso2 == "XK":  # Kosovo: user-assigned code, not in ISO 3166-1
            continue
        w = wc[iso2]
        assert w["cca3"] == iso3 and int(w["ccn3"]) == int(num), (iso2, w["cca3"], w["ccn3"])
        name = NAME_OVERRIDE.get(iso3, w["name"]["common"])
        official = w["name"]["official"]
        aliases = listify(langs["en"][iso2]) + [x for x in w["altSpellings"] if x not in (iso2,)] + EXTRA_ALIASES.get(iso3, [])
        if int(num) in atlas_names:
            aliases.append(atlas_names[int(num)])
        tr = w["translations"]
        es = listify(langs["es"][iso2]) + [tr["spa"]["common"], tr["spa"]["official"]] + EXTRA_ES.get(iso3, [])
        pt = listify(langs["pt"][iso2]) + [tr["por"]["common"], tr["por"]["official"]] + EXTRA_PT.get(iso3, [])
        fr = listify(langs["fr"][iso2]) + [tr["fra"]["common"], tr["fra"]["official"]] + EXTRA_FR.get(iso3, [])
        dem = []
        eng = w.get("demonyms", {}).get("eng", {})
        for g in ("m", "f"):
            for part in eng.get(g, "").replace(" or ", ",").split(","):
                if part.strip():
                    dem.append(part.strip())
        dem += EXTRA_DEMONYMS.get(iso3, [])
        dem += [p for p in (plural(d) for d in list(dem)) if p]
        fields = {"aliases": aliases, "es": es, "pt": pt, "fr": fr, "demonyms": dem}
        for (c3, f, v) in DROP:
            if c3 == iso3:
                fields[f] = [x for x in fields[f] if x != v]
        region, subregion = m49[iso3]
        lat, lon = w["latlng"]
        countries.append({
            "iso2": iso2, "iso3": iso3, "numeric": int(num), "name": name, "official": official,
            "aliases": dedupe(fields["aliases"], exclude=[name, official]),
            "es": dedupe(fields["es"]), "pt": dedupe(fields["pt"]), "fr": dedupe(fields["fr"]),
            "demonyms": dedupe(fields["demonyms"]),
            "lat": lat, "lon": lon, "region": region, "subregion": subregion,
            "_independent": bool(w.get("independent")),
        })
    assert len(countries) == 249, len(countries)
    assert set(m49) == {c["iso3"] for c in countries}, set(m49) ^ {c["iso3"] for c in countries}

    report = []

    # ---- ambiguity resolution (names namespace: codes, name, official, aliases, es, pt, fr)
    def resolve(namespace_fields, with_codes):
        owners = defaultdict(set)
        for i, c in enumerate(countries):
            keys = []
            if with_codes:
                keys += [c["iso2"], c["iso3"], c["name"], c["official"]]
            for f in namespace_fields:
                keys += c[f]
            for k in keys:
                owners[normalize(k)].add(i)
        for key in sorted(owners):
            cand = owners[key]
            if len(cand) < 2:
                continue
            iso = sorted(countries[i]["iso3"] for i in cand)
            if key in AMBIGUOUS:
                keep = AMBIGUOUS[key]
                why = "explicit decision"
            else:
                exact = [i for i in cand if key in (normalize(countries[i]["name"]), normalize(countries[i]["iso2"]), normalize(countries[i]["iso3"]))]
                indep = [i for i in cand if countries[i]["_independent"]]
                if len(exact) == 1:
                    keep, why = countries[exact[0]]["iso3"], "exact name/code match"
                elif len(indep) == 1:
                    keep, why = countries[indep[0]]["iso3"], "only sovereign state among candidates"
                else:
                    keep, why = None, "no rule applies: dropped from all"
            report.append((key, iso, keep, why))
            for i in cand:
                c = countries[i]
                if c["iso3"] == keep:
                    continue
                if with_codes:
                    assert normalize(c["name"]) != key and normalize(c["iso2"]) != key and normalize(c["iso3"]) != key, (key, c["iso3"])
                    if normalize(c["official"]) == key:
                        raise SystemExit(f"official name of {c['iso3']} is ambiguous: {key}")
                for f in namespace_fields:
                    c[f] = [x for x in c[f] if normalize(x) != key]

    resolve(["aliases", "es", "pt", "fr"], True)
    resolve(["demonyms"], False)
    for c in countries:
        # demonym 'dominican' was dropped from DMA by rule; make sure DOM still has it
        c.pop("_independent")

    # ---- marker points: must lie inside the 110m outline where one exists, and not at a pole
    marker_fixes = []
    for c in countries:
        polys = atlas_shapes.get(c["numeric"])
        if not polys:
            continue
        # (|lat| > 85: a marker at the pole cannot be drawn in Mercator-like projections)
        if abs(c["lat"]) > 85 or not any(point_in_rings(c["lon"], c["lat"], p) for p in polys):
            # pick the interior point farthest from the boundary of the largest polygon (coarse grid search)
            lon, lat = interior_point(max(polys, key=lambda p: ring_area(p[0])))
            marker_fixes.append((c["iso3"], (c["lat"], c["lon"]), (lat, lon)))
            c["lat"], c["lon"] = lat, lon

    reg = []
    iso_set = {c["iso3"] for c in countries}
    for rid, name, aliases, members in regions():
        assert all(m in iso_set for m in members), (rid, [m for m in members if m not in iso_set])
        assert len(set(members)) == len(members), rid
        reg.append({"id": rid, "name": name, "aliases": dedupe(aliases, exclude=[name], key=normalize), "members": sorted(members)})
    # region keys must be unique across regions
    seen = {}
    for r in reg:
        for k in [r["id"], r["name"]] + r["aliases"]:
            nk = normalize(k)
            assert seen.get(nk, r["id"]) == r["id"], (nk, seen.get(nk), r["id"])
            seen[nk] = r["id"]

    out = {
        "schema_version": 1,
        "provenance": (f"ISO 3166-1 codes and en/es/pt/fr names from npm i18n-iso-countries {I18N_VERSION} (MIT, (c) 2016 widdix GmbH); "
                       f"official names, alternative spellings, demonyms, lat/lon marker points from npm world-countries {WC_VERSION} "
                       f"(ODbL-1.0, Mohammed Le Doze); short names from npm world-atlas {ATLAS_VERSION} (Natural Earth, public domain); "
                       "region/subregion: UN M49; hand-made aliases, demonyms and region definitions by routegraph. "
                       "This database is a Derivative Database of world-countries and is licensed under ODbL-1.0: "
                       "see data/LICENSE-gazetteer.txt and data/PROVENANCE-world-gazetteer.md."),
        "countries": countries,
        "regions": reg,
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    # Pretty enough and diff-friendly: one country per line
    text = open(a.out, encoding="utf-8").read()
    text = text.replace('"countries":[{', '"countries":[\n{').replace('},{"iso2"', '},\n{"iso2"')
    text = text.replace('"regions":[{', '"regions":[\n{').replace('},{"id"', '},\n{"id"')
    open(a.out, "w", encoding="utf-8").write(text)

    lines = ["| key | candidates | kept | rule |", "| --- | --- | --- | --- |"]
    for key, iso, keep, why in report:
        lines.append(f"| `{key}` | {' '.join(iso)} | {keep or '(dropped)'} | {why} |")
    lines += ["", "Marker points moved inside the 110m outline:", ""]
    for iso3, old, new in marker_fixes:
        lines.append(f"- {iso3}: world-countries ({old[0]}, {old[1]}) -> ({new[0]}, {new[1]})")
    rep = "\n".join(lines) + "\n"
    if a.report:
        open(a.report, "w", encoding="utf-8").write(rep)
    print(rep)
    print(f"{len(countries)} countries, {len(reg)} regions -> {a.out}", file=sys.stderr)


def ring_area(r):
    s = 0.0
    for i in range(len(r)):
        x1, y1 = r[i - 1]
        x2, y2 = r[i]
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0 if L == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / L))
    qx, qy = ax + t * dx - px, ay + t * dy - py
    return (qx * qx + qy * qy) ** 0.5


def interior_point(poly):
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    best = None
    n = 60
    for i in range(1, n):
        for j in range(1, n):
            x = min(xs) + (max(xs) - min(xs)) * i / n
            y = min(ys) + (max(ys) - min(ys)) * j / n
            if not point_in_rings(x, y, poly):
                continue
            d = min(seg_dist(x, y, *r[k - 1], *r[k]) for r in poly for k in range(len(r)))
            if best is None or d > best[0]:
                best = (d, x, y)
    return round(best[1], 2), round(best[2], 2)


if __name__ == "__main__":
    main()
