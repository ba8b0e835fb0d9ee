//! Everything the tagger knows about words and names, in one finite-state map
//! (the `fst` crate): lowercase word or name → packed facts (gazetteer kinds,
//! country, word cluster, usual casing). Built by `lede train` from
//! `../shared/data/gazetteers` (GeoNames CC BY 4.0; US Census 1990 names, public
//! domain), the hand-written `lists/demonyms.tsv`, `model/clusters.tsv` and the
//! training text's casing, into `model/lexicon.bin`. One map, because the same
//! words recur in every part: their keys are stored once.

use fst::{Map, MapBuilder};
use std::collections::BTreeMap;

pub const FIRST: u8 = 1;
pub const LAST: u8 = 2;
pub const COUNTRY: u8 = 4;
pub const CITY: u8 = 8;
pub const REGION: u8 = 16; // a US state or a continent
pub const DEMONYM: u8 = 32; // a nationality, religious or political group
pub const CAPITAL: u8 = 64;

const MAGIC: &[u8; 8] = b"LEDELEX1";

/// The likely sex of the people who bear a first name, by the US Census 1990 lists
/// ([`Facts::gender`]): [`MALE`] or [`FEMALE`] when at least four in five of its bearers
/// are, [`UNKNOWN_GENDER`] otherwise ("Kelly", "Jordan") and for every other word.
pub const UNKNOWN_GENDER: u8 = 0;
pub const MALE: u8 = 1;
pub const FEMALE: u8 = 2;

/// The share of a first name's bearers one sex must reach for the name to be given it.
pub const GENDER_SHARE: f64 = 0.8;

/// What the gazetteers know about a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub kinds: u8,
    /// Index into [`Lexicon::countries`]: the country a city is in, a demonym's
    /// country, or the country itself. 255 when none.
    pub country: u8,
    /// The word's cluster ([`super::clusters`]); 0 when it has none.
    pub cluster: u16,
    /// For a first name, the likely sex of its bearers: [`MALE`], [`FEMALE`] or
    /// [`UNKNOWN_GENDER`]. The tagger does not read it; the quotes' pronouns do.
    pub gender: u8,
    /// How the training text usually writes the word ([`super::truecase`]): a bit
    /// mask of its capital letters (the first [`CASE_CHARS`]); None for words it never shows.
    pub case: Option<u32>,
}

/// The bits of a packed value a cluster path may use (the two above it hold the gender).
const CLUSTER_MASK: u16 = (1 << 14) - 1;

/// How many characters of a word the casing mask covers.
pub const CASE_CHARS: usize = 31;

const NONE: Facts = Facts { kinds: 0, country: 255, cluster: 0, gender: UNKNOWN_GENDER, case: None };

impl Facts {
    pub fn has(self, kind: u8) -> bool {
        self.kinds & kind != 0
    }
    /// Whether the gazetteers list it as a place: a country, city, US state or continent.
    pub fn is_place(self) -> bool {
        self.has(COUNTRY | CITY | REGION)
    }
    /// Whether the gazetteers list it (rather than the lexicon knowing only the word's
    /// cluster or casing).
    pub fn is_name(self) -> bool {
        self.kinds != 0
    }
    /// Kinds in bits 0-7, country 8-15, cluster 16-29 (paths stay below 2^14), gender
    /// 30-31, a flag for a known casing in bit 32 and its mask above.
    fn pack(self) -> u64 {
        let case = self.case.map_or(0, |m| 1 | u64::from(m) << 1);
        let cluster = u64::from(self.cluster & CLUSTER_MASK) | u64::from(self.gender & 3) << 14;
        u64::from(self.kinds) | u64::from(self.country) << 8 | cluster << 16 | case << 32
    }
    fn unpack(v: u64) -> Facts {
        let case = (v >> 32 & 1 == 1).then_some((v >> 33) as u32);
        let (cluster, gender) = ((v >> 16) as u16 & CLUSTER_MASK, (v >> 30) as u8 & 3);
        Facts { kinds: v as u8, country: (v >> 8) as u8, cluster, gender, case }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: String,
    pub name: String,
    pub capital: String,
}

pub struct Lexicon {
    map: Map<Vec<u8>>,
    pub countries: Vec<Country>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} names, {} countries)", self.map.len(), self.countries.len())
    }
}

impl Lexicon {
    /// Facts about `phrase`, matched case-insensitively.
    pub fn get(&self, phrase: &str) -> Option<Facts> {
        self.get_lowercase(&phrase.to_lowercase())
    }

    /// [`Lexicon::get`] of a phrase already in lowercase (the tagger has every token's).
    pub fn get_lowercase(&self, phrase: &str) -> Option<Facts> {
        self.map.get(phrase.as_bytes()).map(Facts::unpack)
    }

    /// The phrases of up to `max` words starting at `words[0]` (lowercase), in one walk
    /// of the map: for each length that is an entry, `found(length, facts)`, shortest
    /// first. The walk stops where no entry continues, usually inside the first word.
    pub fn phrases_at(&self, words: &[&str], max: usize, mut found: impl FnMut(usize, Facts)) {
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        for (k, w) in words.iter().take(max).enumerate() {
            let sep = if k > 0 { &b" "[..] } else { &[][..] };
            for &b in sep.iter().chain(w.as_bytes()) {
                let Some(i) = node.find_input(b) else { return };
                let t = node.transition(i);
                out = out.cat(t.out);
                node = fst.node(t.addr);
            }
            if node.is_final() {
                found(k + 1, Facts::unpack(out.cat(node.final_output()).value()));
            }
        }
    }

    pub fn country(&self, facts: Facts) -> Option<&Country> {
        self.countries.get(usize::from(facts.country))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Reads a lexicon written by [`build_lexicon`]; None if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Lexicon> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (n, mut rest) = read_u32(rest)?;
        let mut countries = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let (iso2, r) = read_str(rest)?;
            let (name, r) = read_str(r)?;
            let (capital, r) = read_str(r)?;
            countries.push(Country { iso2, name, capital });
            rest = r;
        }
        let map = Map::new(rest.to_vec()).ok()?;
        Some(Lexicon { map, countries })
    }
}

fn read_u32(b: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = b.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*head), rest))
}

fn read_str(b: &[u8]) -> Option<(String, &[u8])> {
    let (&len, rest) = b.split_first()?;
    let (s, rest) = rest.split_at_checked(usize::from(len))?;
    Some((String::from_utf8(s.to_vec()).ok()?, rest))
}

fn tsv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().skip(1).filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

/// How many of the Census last names (by frequency rank) the lexicon keeps: the
/// long tail adds size and noise ("Will", "May", "Young" are already in).
pub const LAST_NAME_RANK_LIMIT: usize = 20_000;

/// Compiles the gazetteer files into the lexicon's bytes. `read` returns a file's
/// text by its name under the gazetteer folder (kept abstract so the core does no I/O).
/// `demonyms` is the rows of `lists/demonyms.tsv`; `clusters` is `model/clusters.tsv` (word, path);
/// `cases` is the training text's casing ([`super::truecase::casing`]).
pub fn build_lexicon(
    read: &dyn Fn(&str) -> Result<String, String>,
    demonyms: &[Vec<&str>],
    clusters: &str,
    cases: &BTreeMap<String, u32>,
) -> Result<Vec<u8>, String> {
    let countries_tsv = read("countries.tsv")?;
    let mut countries: Vec<Country> = tsv_rows(&countries_tsv)
        .filter(|r| r.len() >= 4)
        .map(|r| Country { iso2: r[0].to_string(), name: r[2].to_string(), capital: r[3].to_string() })
        .collect();
    countries.truncate(254);
    let country_index = |iso2: &str| countries.iter().position(|c| c.iso2 == iso2).map_or(255u8, |i| i as u8);

    let mut entries: BTreeMap<String, Facts> = BTreeMap::new();
    let mut add = |name: &str, kind: u8, country: u8| {
        let key = name.trim().to_lowercase();
        if key.is_empty() || key.len() > 60 {
            return;
        }
        let e = entries.entry(key).or_insert(NONE);
        e.kinds |= kind;
        // Country facts win over city facts, which win over name facts.
        if country != 255 && (e.country == 255 || kind & (COUNTRY | DEMONYM) != 0) {
            e.country = country;
        }
    };

    for c in &countries {
        let idx = country_index(&c.iso2);
        add(&c.name, COUNTRY, idx);
        if !c.capital.is_empty() {
            add(&c.capital, CITY | CAPITAL, idx);
        }
    }
    // Common short forms that news writing uses for countries.
    for (alias, iso2) in [
        ("U.S.", "US"),
        ("US", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("United States of America", "US"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Holland", "NL"),
        ("Czech Republic", "CZ"),
        ("Burma", "MM"),
        ("DPRK", "KP"),
        ("Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("Russian Federation", "RU"),
        ("UAE", "AE"),
        ("Congo", "CD"),
        ("DR Congo", "CD"),
        ("Cote d'Ivoire", "CI"),
        ("Macedonia", "MK"),
        ("Vatican City", "VA"),
        ("Palestine", "PS"),
        ("Gaza", "PS"),
        ("West Bank", "PS"),
        ("Kosovo", "XK"),
        ("Swaziland", "SZ"),
        ("East Timor", "TL"),
    ] {
        add(alias, COUNTRY, country_index(iso2));
    }
    let cities = read("cities15000.tsv")?;
    for r in tsv_rows(&cities).filter(|r| r.len() >= 4) {
        let idx = country_index(r[3]);
        add(r[1], CITY, idx);
        if r[2] != r[1] {
            add(r[2], CITY, idx);
        }
    }
    for file in ["us_states.tsv", "continents.tsv"] {
        let text = read(file)?;
        for r in tsv_rows(&text).filter(|r| r.len() >= 2) {
            let idx = if file == "us_states.tsv" { country_index("US") } else { 255 };
            add(r[1], REGION, idx);
        }
    }
    let first = read("first_names_census1990.tsv")?;
    // Columns: name, sex (M or F), percent of that sex's people, rank. A name both sexes
    // bear is listed twice; its gender is the sex of at least GENDER_SHARE of its bearers.
    let mut shares: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for r in tsv_rows(&first).filter(|r| !r.is_empty()) {
        add(r[0], FIRST, 255);
        let percent: f64 = r.get(2).and_then(|p| p.trim().parse().ok()).unwrap_or(0.0);
        let share = shares.entry(r[0].trim().to_lowercase()).or_default();
        match r.get(1).map(|s| s.trim()) {
            Some("M") => share.0 += percent,
            Some("F") => share.1 += percent,
            _ => {}
        }
    }
    let last = read("last_names_census1990.tsv")?;
    for r in tsv_rows(&last).take(LAST_NAME_RANK_LIMIT).filter(|r| !r.is_empty()) {
        add(r[0], LAST, 255);
    }
    for cols in demonyms {
        let word = cols.first().copied().unwrap_or("");
        let iso2 = cols.get(1).copied().unwrap_or("").trim();
        add(word, DEMONYM, if iso2.is_empty() { 255 } else { country_index(iso2) });
    }
    for (name, (male, female)) in shares {
        let all = male + female;
        let gender = if all <= 0.0 {
            UNKNOWN_GENDER
        } else if male >= GENDER_SHARE * all {
            MALE
        } else if female >= GENDER_SHARE * all {
            FEMALE
        } else {
            UNKNOWN_GENDER
        };
        if let Some(e) = entries.get_mut(&name) {
            e.gender = gender;
        }
    }

    for line in clusters.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, path)) = line.split_once('\t') else { continue };
        let path: u16 = path.trim().parse().map_err(|_| format!("clusters: bad path in {line:?}"))?;
        if path > CLUSTER_MASK {
            return Err(format!("clusters: the path in {line:?} does not fit the lexicon's 14 bits"));
        }
        let key = word.to_lowercase();
        if !key.is_empty() && key.len() <= 60 {
            entries.entry(key).or_insert(NONE).cluster = path;
        }
    }
    for (word, &mask) in cases {
        entries.entry(word.clone()).or_insert(NONE).case = Some(mask);
    }
    // A word the training text never shows is cased like most of its cluster's words
    // that it does show ("putin" among "yeltsin" and "lebed"): capitalised or not.
    let mut votes: BTreeMap<u16, (u32, u32)> = BTreeMap::new();
    for f in entries.values().filter(|f| f.cluster != 0) {
        if let Some(mask) = f.case {
            let v = votes.entry(f.cluster).or_default();
            if mask & 1 == 1 {
                v.0 += 1;
            } else {
                v.1 += 1;
            }
        }
    }
    for f in entries.values_mut().filter(|f| f.cluster != 0 && f.case.is_none()) {
        if let Some(&(upper, lower)) = votes.get(&f.cluster) {
            f.case = Some(u32::from(upper > lower));
        }
    }

    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(countries.len() as u32).to_le_bytes());
    for c in &countries {
        for s in [&c.iso2, &c.name, &c.capital] {
            let b = s.as_bytes();
            let n = b.len().min(255);
            out.push(n as u8);
            out.extend_from_slice(&b[..n]);
        }
    }
    let mut builder = MapBuilder::memory();
    for (k, v) in &entries {
        builder.insert(k.as_bytes(), v.pack()).map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(&builder.into_inner().map_err(|e| e.to_string())?);
    Ok(out)
}
