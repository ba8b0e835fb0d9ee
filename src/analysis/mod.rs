//! The pure analysis core: no yew, web-sys, gloo or wasm-bindgen here. It compiles and
//! is tested natively; the UI, the worker and the CLI only consume it.
//!
//! The one entry point, [`analyze`], always answers with an [`Analysis`], which carries its
//! own list of problems ([`Diagnostic`]s) instead of failing. It runs the stages in the
//! order the data flows, each a folder: [`text`] (repair the input) → [`parse`] (any input
//! kind into the article model and the analysis text) → [`text`] again (sentences, tokens)
//! → [`stats`] → [`ner`] (the tagger's names) → [`dates`] (the grammar of dates, times and
//! numbers) → [`rules`] (names refined, found by lists, linked into entities) →
//! [`quotes`] → [`dates`] (resolution) → [`about`] (key phrases, summary). Below them all:
//! [`span`], [`util`], [`lists`] (every word list, with one loader) and [`mention`] (the
//! mention model the later stages share). A stage imports only stages before it and the
//! modules below; ARCHITECTURE.md has the map.

pub mod about;
pub mod dates;
pub mod lists;
pub mod mention;
pub mod ner;
pub mod parse;
pub mod quotes;
pub mod rules;
pub mod span;
pub mod stats;
pub mod text;
pub mod util;

pub use span::Span;

use about::Keyphrase;
use dates::TimeExpr;
use mention::{Entity, Mention};
use parse::{Article, InputFormat};
use quotes::{Quote, QuotedSource};
use serde::{Deserialize, Serialize};
use stats::Stats;
use text::repair::{self, Finding, FindingKind, OffsetMap, RepairOptions};
use text::segment;
use util::timestamp::{parse_timestamp, Date};

/// The version of the JSON this module produces (the CLI's output and the UI's export).
/// Bump it on any change a consumer could notice; SCHEMA.md documents each field.
pub const SCHEMA_VERSION: u32 = 3;

/// The largest input analyzed: 4 MiB, about 600,000 words, far past any article.
/// Larger inputs are refused with a message, never truncated silently.
pub const MAX_INPUT_BYTES: usize = 4 << 20;

/// The longest line analyzed: 256 KiB, about 40,000 words in one paragraph. A longer line is
/// minified code or data, not an article; such input is refused with a message. For HTML
/// the limit is on the lines of the text the page holds, not of its markup.
pub const MAX_LINE_BYTES: usize = 256 << 10;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The input's format; detected from the text when None.
    pub format: Option<InputFormat>,
    /// The date relative dates are resolved against when the article states none.
    pub reference_date: Option<Date>,
    /// Layers a caller does not want (the JavaScript API's `fields`): left empty, not computed.
    pub skip: Skip,
    /// The input's size in bytes as given, when it was decoded before (a file read lossily:
    /// each invalid byte became three); the size limit is on it.
    pub source_bytes: Option<usize>,
}

/// Layers of the analysis that can be left out. The article, its sentences and the
/// entities are always computed: everything else builds on them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skip {
    pub quotes: bool,
    pub times: bool,
    /// Key phrases and the summary.
    pub about: bool,
    /// The tokens and the statistics (which count them).
    pub stats: bool,
}

/// The analysis's top-level fields, as SCHEMA.md names them, in the order [`Analysis`] writes them.
pub const FIELDS: [&str; 15] = [
    "schema_version",
    "text",
    "article",
    "sentences",
    "tokens",
    "findings",
    "mentions",
    "entities",
    "quotes",
    "sources",
    "times",
    "keyphrases",
    "summary",
    "stats",
    "diagnostics",
];

impl Skip {
    /// The layers that none of `fields` (names of [`FIELDS`]) holds, which a caller asking for
    /// only those fields need not compute; the error names the first unknown field. The
    /// JavaScript API's `fields`, `lede batch --fields` and the Python package share it.
    pub fn from_fields<S: AsRef<str>>(fields: &[S]) -> Result<Skip, String> {
        if let Some(bad) = fields.iter().map(AsRef::as_ref).find(|f| !FIELDS.contains(f)) {
            return Err(format!("unknown field `{bad}`; the fields are {}", FIELDS.join(", ")));
        }
        let wants = |names: &[&str]| fields.iter().any(|f| names.contains(&f.as_ref()));
        Ok(Skip {
            quotes: !wants(&["quotes", "sources"]),
            times: !wants(&["times"]),
            about: !wants(&["keyphrases", "summary"]),
            stats: !wants(&["tokens", "stats"]),
        })
    }
}

/// Some top-level fields of an analysis: it serializes as an object holding those fields
/// alone, in the order given (a name given twice is written once), each as [`Analysis`]
/// writes it. Names outside [`FIELDS`] make serializing fail; check them first with
/// [`Skip::from_fields`].
pub struct Selected<'a, S> {
    pub analysis: &'a Analysis,
    pub fields: &'a [S],
}

impl<S: AsRef<str>> Serialize for Selected<'_, S> {
    fn serialize<Z: serde::Serializer>(&self, ser: Z) -> Result<Z::Ok, Z::Error> {
        use serde::ser::{Error, SerializeMap};
        let a = self.analysis;
        let names: Vec<&str> = self.fields.iter().map(AsRef::as_ref).collect();
        let mut map = ser.serialize_map(None)?;
        for (i, &name) in names.iter().enumerate() {
            if names[..i].contains(&name) {
                continue;
            }
            match name {
                "schema_version" => map.serialize_entry(name, &a.schema_version)?,
                "text" => map.serialize_entry(name, &a.text)?,
                "article" => map.serialize_entry(name, &a.article)?,
                "sentences" => map.serialize_entry(name, &a.sentences)?,
                "tokens" => map.serialize_entry(name, &a.tokens)?,
                "findings" => map.serialize_entry(name, &a.findings)?,
                "mentions" => map.serialize_entry(name, &a.mentions)?,
                "entities" => map.serialize_entry(name, &a.entities)?,
                "quotes" => map.serialize_entry(name, &a.quotes)?,
                "sources" => map.serialize_entry(name, &a.sources)?,
                "times" => map.serialize_entry(name, &a.times)?,
                "keyphrases" => map.serialize_entry(name, &a.keyphrases)?,
                "summary" => map.serialize_entry(name, &a.summary)?,
                "stats" => map.serialize_entry(name, &a.stats)?,
                "diagnostics" => map.serialize_entry(name, &a.diagnostics)?,
                _ => return Err(Z::Error::custom(format!("unknown field `{name}`"))),
            }
        }
        map.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A problem with the input that the reader should know about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
}

/// Everything the analyzer found. Every `Span` points into `text` unless its
/// field says `source` (then it points into the input as given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema_version: u32,
    /// The analysis text: the article's blocks, repaired, joined by blank lines.
    pub text: String,
    pub article: Article,
    pub sentences: Vec<Span>,
    pub tokens: Vec<Span>,
    pub findings: Vec<Finding>,
    /// Entity mentions (people, places, organizations, groups, dates, numbers), in text order.
    pub mentions: Vec<Mention>,
    /// Mentions merged into entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Direct, partial, phrase and indirect quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// Who the article quotes: the quotes grouped by source, most quoted words first.
    pub sources: Vec<QuotedSource>,
    /// Dates, times and durations, resolved against the publication date.
    pub times: Vec<TimeExpr>,
    /// Key phrases, most relevant first.
    pub keyphrases: Vec<Keyphrase>,
    /// The most central sentences, in text order.
    pub summary: Vec<Span>,
    pub stats: Stats,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    repair_map: OffsetMap,
}

impl Analysis {
    /// The article as Markdown in the seed format (see [`parse::write::markdown`]).
    pub fn to_markdown(&self) -> String {
        parse::write::markdown(&self.text, &self.article)
    }

    /// The byte offset in the input as given of offset `pos` in `text`.
    pub fn to_source(&self, pos: usize) -> usize {
        // The piece that holds `pos` (the one it starts, when it sits on an edge).
        let i = self.article.source_map.partition_point(|p| p.text.end <= pos);
        let Some(p) = self.article.source_map.get(i).filter(|p| p.text.start <= pos) else {
            return self.article.to_source(pos);
        };
        if p.text.len() == p.repaired.len() {
            self.repair_map.to_original(p.repaired.start + (pos - p.text.start))
        } else {
            self.article.to_source(pos)
        }
    }
}

/// The step the analysis is at, for a progress bar on long articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Repairing the text, parsing the article, splitting sentences and tokens.
    Reading,
    /// Tagging names: most of the time on a long text.
    Names,
    /// Linking entities, quotes, dates, key phrases and the summary.
    Finishing,
}

/// How far an analysis has come: `fraction` of the whole work, from 0 to 1, never decreasing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub fraction: f32,
}

/// Where the stages and steps end, as shares of the whole work: the mean of two 1 MB texts timed
/// natively, the dev corpus (`cargo bench` stages) and the quote-heavy text of the end-to-end
/// test, whose quotes take a third of the time. Only the progress bar depends on them.
const READ_END: f32 = 0.08;
const TAG_END: f32 = 0.29;
const NAMES_END: f32 = 0.58;
const QUOTES_END: f32 = 0.75;
const DATES_END: f32 = 0.78;
const KEYPHRASES_END: f32 = 0.88;

/// Analyzes `input`. Never panics and never fails: odd input yields an analysis
/// with diagnostics saying what was wrong.
pub fn analyze(input: &str, options: &Options) -> Analysis {
    analyze_with_progress(input, options, &mut |_| {})
}

/// [`analyze`], telling `progress` how far it has come: at the start of each stage and every
/// few hundred sentences while names are tagged. The web app's worker forwards these to the page.
pub fn analyze_with_progress(input: &str, options: &Options, progress: &mut dyn FnMut(Progress)) -> Analysis {
    let format = options.format.unwrap_or_else(|| parse::detect_format(input));
    analyze_as(input, format, options, progress, Vec::new())
}

/// `n` with its thousands grouped: "4,194,305".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What lede says of `what` ("The text", "This paste", "“notes.txt”") of `bytes` bytes, over
/// [`MAX_INPUT_BYTES`]: exact sizes, so a text one byte over reads as such.
pub fn too_large_message(what: &str, bytes: usize) -> String {
    format!("{what} is {} bytes; lede reads up to {} bytes (4 MiB).", grouped(bytes), grouped(MAX_INPUT_BYTES))
}

/// The longest line of `text`, in bytes: lines end at a line feed, or at a carriage return
/// alone (old Mac files), so no convention makes a file one long line.
fn longest_line(text: &str) -> usize {
    text.split(['\n', '\r']).map(str::len).max().unwrap_or(0)
}

/// The diagnostic for a line of `text` longer than [`MAX_LINE_BYTES`], if it has one.
fn line_too_long(text: &str) -> Option<Diagnostic> {
    let line = Some(longest_line(text)).filter(|&l| l > MAX_LINE_BYTES)?;
    Some(Diagnostic {
        severity: Severity::Error,
        message: format!(
            "One line of the text is {} bytes long; lede reads lines up to {} bytes (256 KiB). This looks like code or data rather than an article; break it into paragraphs.",
            grouped(line),
            grouped(MAX_LINE_BYTES)
        ),
    })
}

/// [`analyze_with_progress`] of `input` read as `format`, with `diagnostics` already found.
fn analyze_as(
    input: &str,
    format: InputFormat,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
    mut diagnostics: Vec<Diagnostic>,
) -> Analysis {
    progress(Progress { stage: Stage::Reading, fraction: 0.0 });
    // The lines of HTML are its markup's (a minified page is one line of 300 KB and more):
    // its limit is on the lines of the text it holds, checked once that is read out.
    let line_refused = if format == InputFormat::Html { None } else { line_too_long(input) };
    // The size as given: a file of invalid UTF-8 grew as each bad byte became a replacement
    // character (three bytes) when it was read.
    let size = options.source_bytes.unwrap_or(input.len());
    let input = if size > MAX_INPUT_BYTES {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message: format!("{} Split it into smaller articles.", too_large_message("The text", size)),
        });
        ""
    } else if let Some(refused) = line_refused {
        diagnostics.push(refused);
        ""
    } else {
        input
    };
    if input.trim().is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic { severity: Severity::Warning, message: "There is no text to analyze.".into() });
    }
    let control = input.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if control > 0 && control * 20 > input.chars().count() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: "This looks like binary data rather than text; the analysis may be meaningless.".into(),
        });
    }

    let repaired = repair::repair(input, RepairOptions { plain_text: format == InputFormat::PlainText });
    let (text, article) = parse::parse(&repaired.text, format, &repaired.map, Some(ner::is_known_word));
    // The limit again on the text read out: an HTML page's lines are its markup's, and a
    // Markdown paragraph of many short lines is one line of the text.
    if let Some(refused) = line_too_long(&text) {
        diagnostics.push(refused);
        return analyze_as("", format, options, progress, diagnostics);
    }
    for &(kind, count) in &repaired.unlisted {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: format!(
                "lede made {} more repairs of this kind than it lists ({}): the first {} are listed.",
                grouped(count),
                kind.label().to_lowercase(),
                grouped(repair::MAX_LISTED)
            ),
        });
    }
    let index = article.repaired_index();
    let mut findings: Vec<Finding> = repaired
        .findings
        .into_iter()
        .map(|mut f| {
            f.span = f.span.and_then(|s| index.to_text(s));
            f
        })
        .collect();
    // Words that text wrapped by hand broke across lines, which the parser joined.
    for &at in &article.joined_words {
        let original = at.of(&repaired.text).to_string();
        let Some((head, tail)) = original.split_once("-\n").or_else(|| original.split_once("-\r\n")).or_else(|| original.split_once("-\r"))
        else {
            continue;
        };
        findings.push(Finding {
            kind: FindingKind::LineBreakHyphen,
            note: format!("\"{head}-\" at a line's end and \"{tail}\" on the next joined"),
            replacement: format!("{head}{tail}"),
            source: repaired.map.span_to_original(at),
            span: index.to_text(at),
            original,
        });
    }

    let skip = options.skip;
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for block in &article.blocks {
        sentences.extend(segment::sentences(&text, block.span));
        if !skip.stats {
            tokens.extend(segment::tokens(&text, block.span));
        }
    }
    let stats = if skip.stats { Stats::default() } else { stats::compute(&text, &article.blocks, &sentences, &tokens) };
    progress(Progress { stage: Stage::Names, fraction: READ_END });
    let tagged = ner::tag(&text, &sentences, &mut |done, total| {
        let share = done as f32 / total.max(1) as f32;
        progress(Progress { stage: Stage::Names, fraction: READ_END + (TAG_END - READ_END) * share });
    });
    let (mentions, entities, found_times) = match &tagged {
        Some(tagged) => {
            let found = dates::detect::scan(&tagged.sentences);
            let (mentions, entities) = rules::apply(&text, &article, tagged, found.values);
            (mentions, entities, found.times)
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    drop(tagged);
    progress(Progress { stage: Stage::Finishing, fraction: NAMES_END });
    let (quotes, sources) =
        if skip.quotes { Default::default() } else { quotes::find(&text, &article.blocks, &sentences, &mentions, &entities) };
    progress(Progress { stage: Stage::Finishing, fraction: QUOTES_END });
    let published = article.published.as_ref().and_then(|p| parse_timestamp(&p.iso)).map(|t| t.date);
    let writing = published
        .map(|date| dates::Writing { date, by: dates::AnchorBy::Publication })
        .or(options.reference_date.map(|date| dates::Writing { date, by: dates::AnchorBy::ReferenceDate }));
    let times = if skip.times { Vec::new() } else { dates::resolve::resolve(&sentences, &mentions, &found_times, writing) };
    progress(Progress { stage: Stage::Finishing, fraction: DATES_END });
    let units: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let keyphrases = if skip.about { Vec::new() } else { about::keyphrases(&text, &article.blocks, &sentences, &units, 10) };
    progress(Progress { stage: Stage::Finishing, fraction: KEYPHRASES_END });
    let summary = if skip.about { Vec::new() } else { about::summary(&text, &article.blocks, &sentences, 3) };
    if ner::tagger().is_none() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: "The entity model is missing or damaged; no entities were tagged.".into(),
        });
    }
    if article.not_an_article {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: "This page does not look like an article (a home page, a list or a search page?): all its text is shown, under the title the page gives itself, if any.".into(),
        });
    } else if article.title.is_none() && !input.trim().is_empty() {
        diagnostics
            .push(Diagnostic { severity: Severity::Info, message: "No title was found; the first line did not look like one.".into() });
    }
    Analysis {
        schema_version: SCHEMA_VERSION,
        text,
        article,
        sentences,
        tokens,
        findings,
        mentions,
        entities,
        quotes,
        sources,
        times,
        keyphrases,
        summary,
        stats,
        diagnostics,
        repair_map: repaired.map,
    }
}
