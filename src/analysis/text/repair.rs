//! Text integrity: detect, repair and report damage that real articles arrive with.
//!
//! Each stage rewrites the text and records [`Edit`]s, so any offset in the
//! repaired text maps back to the input ([`OffsetMap::to_original`]). Findings
//! carry both the repaired span and the original one.
//!
//! Stages, in order (each sees the previous stage's output, which is how the
//! seed's "Ð¡osmodrome" becomes "Сosmodrome" (mojibake) and then "Cosmodrome"
//! (a Cyrillic letter in a Latin word): two findings over one place):
//! 1. mojibake: UTF-8 read as Latin-1 or Windows-1252, repeated for text encoded twice;
//! 2. invisible and bidirectional control characters, removed;
//! 3. odd spaces (no-break, thin, ideographic...), made plain spaces;
//! 4. HTML entities left in text (plain-text input only: Markdown and HTML
//!    parsers decode their own), decoded;
//! 5. email quoting (plain-text input only): the `> ` that a replied or forwarded email
//!    puts before each line of the text it quotes, removed, so that a forwarded article
//!    reads as the article (its wrapped lines join, its dateline is a dateline);
//! 6. mixed-script words (Unicode TS #39 confusables), the intruding letters
//!    replaced by their Latin prototype.

use crate::analysis::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// What kind of damage a finding repairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Mojibake,
    MixedScript,
    InvisibleCharacter,
    BidiControl,
    OddSpace,
    HtmlEntity,
    EmailQuote,
    /// Not a repair stage's: the parser joins a word that text wrapped by hand hyphenated
    /// at a line's end ("arrange-" / "ment"), and reports it as one.
    LineBreakHyphen,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Mojibake => "Mojibake",
            FindingKind::MixedScript => "Mixed-script word",
            FindingKind::InvisibleCharacter => "Invisible character",
            FindingKind::BidiControl => "Bidirectional control",
            FindingKind::OddSpace => "Unusual space",
            FindingKind::HtmlEntity => "HTML entity",
            FindingKind::EmailQuote => "Email quoting",
            FindingKind::LineBreakHyphen => "Word broken across lines",
        }
    }
}

/// One repair: what was there, what replaced it, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The damaged text as this stage saw it.
    pub original: String,
    pub replacement: String,
    /// Where it was in the input as given (byte offsets into the input).
    pub source: Span,
    /// Where the replacement is in the analysis text, when it is part of it
    /// (a repair inside a URL or a metadata line has none).
    pub span: Option<Span>,
    /// A sentence a reader understands, e.g. "UTF-8 read as Windows-1252".
    pub note: String,
}

/// One rewrite of a stage: `from` (in the stage's input) became `to` (in its output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub from: Span,
    pub to: Span,
}

/// Maps offsets between the input and the repaired text through every stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    stages: Vec<Vec<Edit>>,
}

impl OffsetMap {
    /// The input offset of repaired offset `pos`. Offsets inside a rewritten
    /// region map to that region's start (its end for the region's end).
    pub fn to_original(&self, pos: usize) -> usize {
        self.stages.iter().rev().fold(pos, |p, edits| backward(edits, p))
    }

    /// The repaired offset of input offset `pos`.
    pub fn to_repaired(&self, pos: usize) -> usize {
        self.stages.iter().fold(pos, |p, edits| forward(edits, p))
    }

    pub fn span_to_original(&self, span: Span) -> Span {
        Span::new(self.to_original(span.start), self.to_original(span.end))
    }

    pub fn is_identity(&self) -> bool {
        self.stages.iter().all(Vec::is_empty)
    }
}

fn backward(edits: &[Edit], pos: usize) -> usize {
    map_through(edits, pos, |e| e.to, |e| e.from)
}

fn forward(edits: &[Edit], pos: usize) -> usize {
    map_through(edits, pos, |e| e.from, |e| e.to)
}

/// Like [`forward`], but an end offset inside a rewritten region maps to the
/// region's end, so a span never shrinks to nothing when a later stage rewrites around it.
fn forward_end(edits: &[Edit], pos: usize) -> usize {
    // Edits are sorted and disjoint: the one that may hold `pos` is the first ending after it.
    let k = edits.partition_point(|e| e.from.end <= pos);
    match edits.get(k).filter(|e| e.from.start < pos) {
        Some(e) => e.to.end,
        None => forward(edits, pos),
    }
}

/// Maps `pos` from the edits' `src` side to their `dst` side. Edits are sorted and disjoint,
/// so a binary search finds the first that ends at or after `pos` (every edit before it
/// ends before `pos`, and only shifts it by its delta); from there at most the edits that
/// touch `pos` are read. A scan from the first edit for every offset mapped was quadratic
/// in a text with many repairs.
fn map_through(edits: &[Edit], pos: usize, src: impl Fn(&Edit) -> Span, dst: impl Fn(&Edit) -> Span) -> usize {
    let first = edits.partition_point(|e| src(e).end < pos);
    let mut delta: isize = first.checked_sub(1).map_or(0, |k| dst(&edits[k]).end as isize - src(&edits[k]).end as isize);
    for e in &edits[first..] {
        let (s, d) = (src(e), dst(e));
        if pos < s.start {
            break;
        }
        if pos < s.end || (pos == s.end && s.is_empty()) {
            return d.start;
        }
        if pos == s.end {
            return d.end;
        }
        delta = d.end as isize - s.end as isize;
    }
    (pos as isize + delta).max(0) as usize
}

/// The input, repaired, with its findings and its offset map.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub text: String,
    pub findings: Vec<Finding>,
    pub map: OffsetMap,
    /// How many repairs of each kind were made but not listed as findings (past
    /// [`MAX_LISTED`] of a stage).
    pub unlisted: Vec<(FindingKind, usize)>,
}

/// The most findings a stage lists. Its repairs are all made, but text with tens of thousands
/// of them (4 MB of mojibake, a zero-width space after every word) is not text a reader goes
/// through one by one, and listing each cost over a hundred bytes of memory per repair.
pub const MAX_LISTED: usize = 1_000;

/// A finding's note, made only while the stage still lists its findings.
fn note_while_listed(listed: usize, note: impl FnOnce() -> String) -> Cow<'static, str> {
    if listed < MAX_LISTED {
        Cow::Owned(note())
    } else {
        Cow::Borrowed("")
    }
}

/// The most passes of the stages over the text (see [`repair`]): each pass but the last
/// changed something, and text damaged in more layers than this is not text anyone reads.
const MAX_PASSES: usize = 4;

/// Which stages to run.
#[derive(Debug, Clone, Copy)]
pub struct RepairOptions {
    /// Plain-text input: HTML entities left in it are decoded and the quote marks of a
    /// replied or forwarded email removed (Markdown and HTML parsers decode their own
    /// entities, and in Markdown "> " starts a block quote, which the parser reads).
    pub plain_text: bool,
}

/// Repairs `input`. Never fails: text with nothing to repair comes back unchanged.
pub fn repair(input: &str, options: RepairOptions) -> Repaired {
    let mut text = input.to_string();
    let mut map = OffsetMap::default();
    // Findings with spans in the text of the stage that made them; moved forward at the end.
    let mut staged: Vec<(usize, Finding, Span)> = Vec::new();
    let mut unlisted: Vec<(FindingKind, usize)> = Vec::new();

    let mut stages: Vec<StageFn> = vec![fix_mojibake, strip_invisibles, normalize_spaces];
    if options.plain_text {
        stages.push(decode_entities_stage);
        stages.push(strip_email_quotes);
    }
    stages.push(fix_mixed_script);

    // The stages run again over their own output until a pass changes nothing (at most
    // MAX_PASSES), so that repairing repaired text changes nothing: a later stage can leave
    // damage an earlier one repairs ("Ð\u{200B}¡" is mojibake only once the invisible
    // character is gone, and an entity can decode to one). Text with nothing to repair takes
    // one pass, damaged text usually two.
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for stage in &stages {
            let (out, edits, found, more) = stage(&text);
            if edits.is_empty() {
                continue;
            }
            changed = true;
            if let Some(kind) = more.0 {
                match unlisted.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => *n += more.1,
                    None => unlisted.push((kind, more.1)),
                }
            }
            let stage_index = map.stages.len();
            for (finding, at_input_of_stage, at_output) in found {
                let mut f = finding;
                f.source = Span::new(map.to_original(at_input_of_stage.start), map.to_original(at_input_of_stage.end));
                staged.push((stage_index, f, at_output));
            }
            map.stages.push(edits);
            text = out;
        }
        if !changed {
            break;
        }
    }

    // Move each finding's output span through the later stages.
    let findings = staged
        .into_iter()
        .map(|(stage_index, mut f, at)| {
            let later = &map.stages[stage_index + 1..];
            let start = later.iter().fold(at.start, |p, e| forward(e, p));
            let end = later.iter().fold(at.end, |p, e| forward_end(e, p));
            f.span = Some(Span::new(start, end));
            f
        })
        .collect();
    Repaired { text, findings, map, unlisted }
}

/// A stage's output text, its edits, the findings it lists (each with its span in the
/// stage's input and output), and the kind and number of the repairs it does not list.
type StageOutput = (String, Vec<Edit>, Vec<(Finding, Span, Span)>, (Option<FindingKind>, usize));

/// One rewrite of a stage: the span of its input, the replacement, what it repairs and the
/// note a finding gives it (empty past [`MAX_LISTED`]).
type Rewrite = (Span, Cow<'static, str>, FindingKind, Cow<'static, str>);
type StageFn = fn(&str) -> StageOutput;

/// Builds a stage's output from its rewrites, listing the first [`MAX_LISTED`] as findings.
fn apply(input: &str, rewrites: Vec<Rewrite>) -> StageOutput {
    let mut out = String::with_capacity(input.len());
    let mut edits = Vec::with_capacity(rewrites.len());
    let mut found = Vec::with_capacity(rewrites.len().min(MAX_LISTED));
    let mut more = (None, 0);
    let mut last = 0;
    for (span, replacement, kind, note) in rewrites {
        out.push_str(&input[last..span.start]);
        let to = Span::new(out.len(), out.len() + replacement.len());
        out.push_str(&replacement);
        edits.push(Edit { from: span, to });
        if found.len() < MAX_LISTED {
            let (original, replacement, note) = (span.of(input).to_string(), replacement.into_owned(), note.into_owned());
            found.push((Finding { kind, original, replacement, source: span, span: None, note }, span, to));
        } else {
            more = (Some(kind), more.1 + 1);
        }
        last = span.end;
    }
    out.push_str(&input[last..]);
    (out, edits, found, more)
}

// ---- mojibake ----------------------------------------------------------

/// Windows-1252's characters for bytes 0x80..=0x9F (the rest of 0x80..=0xFF is Latin-1).
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '\u{2018}'),
    (0x92, '\u{2019}'),
    (0x93, '\u{201C}'),
    (0x94, '\u{201D}'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The byte a character stands for when UTF-8 was wrongly read as Windows-1252 or Latin-1.
fn mojibake_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x80..=0xFF).contains(&cp) {
        return Some(cp as u8);
    }
    CP1252_HIGH.iter().find(|(_, ch)| *ch == c).map(|(b, _)| *b)
}

/// Decodes the UTF-8 sequences hidden in a run of mojibake characters; characters
/// that are not part of a valid multi-byte sequence stay as they were.
fn decode_run(run: &str) -> String {
    let chars: Vec<char> = run.chars().collect();
    let bytes: Vec<u8> = chars.iter().map(|&c| mojibake_byte(c).unwrap_or(0)).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let len = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if len > 0 && i + len <= bytes.len() {
            if let Ok(s) = std::str::from_utf8(&bytes[i..i + len]) {
                if let Some(c) = s.chars().next().filter(|c| !c.is_control()) {
                    out.push(c);
                    i += len;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn fix_mojibake(input: &str) -> StageOutput {
    let mut rewrites = Vec::new();
    let mut run_start: Option<usize> = None;
    let flush = |start: usize, end: usize, rewrites: &mut Vec<_>| {
        let run = &input[start..end];
        let mut fixed = run.to_string();
        let mut rounds = 0;
        // Text encoded twice needs two rounds; three is the most that is plausible.
        while rounds < 3 {
            let next = decode_run(&fixed);
            if next == fixed {
                break;
            }
            fixed = next;
            rounds += 1;
        }
        if rounds > 0 {
            let note: Cow<'static, str> = if rounds > 1 {
                note_while_listed(rewrites.len(), || format!("UTF-8 read as Windows-1252/Latin-1, {rounds} times over"))
            } else {
                Cow::Borrowed("UTF-8 read as Windows-1252/Latin-1")
            };
            rewrites.push((Span::new(start, end), Cow::Owned(fixed), FindingKind::Mojibake, note));
        }
    };
    for (i, c) in input.char_indices() {
        // ASCII is never part of a mojibake run (its bytes are below 0x80): skip the lookup.
        let candidate = !c.is_ascii() && mojibake_byte(c).is_some_and(|b| b >= 0x80);
        match (candidate, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                flush(s, i, &mut rewrites);
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        flush(s, input.len(), &mut rewrites);
    }
    apply(input, rewrites)
}

// ---- invisible characters and spaces ------------------------------------

fn invisible_kind(c: char) -> Option<(FindingKind, &'static str)> {
    Some(match c {
        '\u{200B}' => (FindingKind::InvisibleCharacter, "zero-width space"),
        '\u{2060}' => (FindingKind::InvisibleCharacter, "word joiner"),
        '\u{FEFF}' => (FindingKind::InvisibleCharacter, "byte-order mark"),
        '\u{00AD}' => (FindingKind::InvisibleCharacter, "soft hyphen"),
        '\u{180E}' => (FindingKind::InvisibleCharacter, "Mongolian vowel separator"),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => (FindingKind::BidiControl, "directional mark"),
        '\u{202A}'..='\u{202E}' => (FindingKind::BidiControl, "directional embedding or override"),
        '\u{2066}'..='\u{2069}' => (FindingKind::BidiControl, "directional isolate"),
        _ => return None,
    })
}

fn strip_invisibles(input: &str) -> StageOutput {
    let mut rewrites = Vec::new();
    for (i, c) in input.char_indices() {
        if let Some((kind, name)) = invisible_kind(c) {
            let note = note_while_listed(rewrites.len(), || format!("{name} U+{:04X} removed", c as u32));
            rewrites.push((Span::new(i, i + c.len_utf8()), Cow::Borrowed(""), kind, note));
        }
    }
    apply(input, rewrites)
}

fn odd_space_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "no-break space",
        '\u{2000}'..='\u{200A}' => "typographic space",
        '\u{202F}' => "narrow no-break space",
        '\u{205F}' => "medium mathematical space",
        '\u{3000}' => "ideographic space",
        '\u{1680}' => "Ogham space mark",
        _ => return None,
    })
}

fn normalize_spaces(input: &str) -> StageOutput {
    let mut rewrites = Vec::new();
    for (i, c) in input.char_indices() {
        if let Some(name) = odd_space_name(c) {
            let note = note_while_listed(rewrites.len(), || format!("{name} U+{:04X} made a plain space", c as u32));
            rewrites.push((Span::new(i, i + c.len_utf8()), Cow::Borrowed(" "), FindingKind::OddSpace, note));
        }
    }
    apply(input, rewrites)
}

// ---- email quoting --------------------------------------------------------

/// The length of a line's email quote marks: `>`, `> >` or `>>` and the space after them,
/// after up to three spaces. 0 when the line is not quoted.
fn quote_prefix(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || !line[indent..].starts_with('>') {
        return 0;
    }
    let mut end = indent;
    let bytes = line.as_bytes();
    while end < bytes.len() && bytes[end] == b'>' {
        end += 1;
        // One space after each mark belongs to it ("> > text").
        if bytes.get(end) == Some(&b' ') {
            end += 1;
        }
    }
    end
}

/// Removes the quote marks before each line of a run of at least two quoted lines, with one
/// finding per run (one per line would bury every other finding under a forwarded email).
/// A single line starting with ">" is left as it is: it may be prose ("> 5 years").
fn strip_email_quotes(input: &str) -> StageOutput {
    let mut lines: Vec<(usize, usize, usize)> = Vec::new(); // (line start, prefix length, line end)
    let mut start = 0;
    for line in input.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        lines.push((start, quote_prefix(body), start + body.len()));
        start += line.len();
    }
    let mut out = String::with_capacity(input.len());
    let mut edits = Vec::new();
    let mut found = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while i < lines.len() {
        let run_end = lines[i..].iter().position(|l| l.1 == 0).map_or(lines.len(), |n| i + n);
        if run_end - i < 2 {
            i = run_end.max(i + 1);
            continue;
        }
        let mut first_line = None;
        for &(line_start, prefix, line_end) in &lines[i..run_end] {
            out.push_str(&input[last..line_start]);
            let from = Span::new(line_start, line_start + prefix);
            edits.push(Edit { from, to: Span::new(out.len(), out.len()) });
            first_line.get_or_insert((from, Span::new(out.len(), out.len() + line_end - from.end)));
            last = from.end;
        }
        let (marks, first) = first_line.unwrap_or_default();
        let quoted = Span::new(lines[i].0, lines[run_end - 1].2);
        let note = format!("the quote marks of a replied or forwarded email removed from {} lines", run_end - i);
        let finding = Finding {
            kind: FindingKind::EmailQuote,
            original: marks.of(input).to_string(),
            replacement: String::new(),
            source: quoted,
            span: None,
            note,
        };
        found.push((finding, quoted, first));
        i = run_end;
    }
    out.push_str(&input[last..]);
    (out, edits, found, (None, 0))
}

// ---- HTML entities --------------------------------------------------------

const NAMED_ENTITIES: [(&str, &str); 24] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
];

/// The rest of HTML 4's character entity references (Latin-1, symbols and Greek, special
/// characters), sorted by name for a binary search: what pages and their metadata use
/// ("caf&eacute;"). Generated from the HTML 4.01 list (as Python's `html.entities.name2codepoint`).
const HTML4_ENTITIES: [(&str, char); 229] = [
    ("AElig", '\u{00C6}'),
    ("Aacute", '\u{00C1}'),
    ("Acirc", '\u{00C2}'),
    ("Agrave", '\u{00C0}'),
    ("Alpha", '\u{0391}'),
    ("Aring", '\u{00C5}'),
    ("Atilde", '\u{00C3}'),
    ("Auml", '\u{00C4}'),
    ("Beta", '\u{0392}'),
    ("Ccedil", '\u{00C7}'),
    ("Chi", '\u{03A7}'),
    ("Dagger", '\u{2021}'),
    ("Delta", '\u{0394}'),
    ("ETH", '\u{00D0}'),
    ("Eacute", '\u{00C9}'),
    ("Ecirc", '\u{00CA}'),
    ("Egrave", '\u{00C8}'),
    ("Epsilon", '\u{0395}'),
    ("Eta", '\u{0397}'),
    ("Euml", '\u{00CB}'),
    ("Gamma", '\u{0393}'),
    ("Iacute", '\u{00CD}'),
    ("Icirc", '\u{00CE}'),
    ("Igrave", '\u{00CC}'),
    ("Iota", '\u{0399}'),
    ("Iuml", '\u{00CF}'),
    ("Kappa", '\u{039A}'),
    ("Lambda", '\u{039B}'),
    ("Mu", '\u{039C}'),
    ("Ntilde", '\u{00D1}'),
    ("Nu", '\u{039D}'),
    ("OElig", '\u{0152}'),
    ("Oacute", '\u{00D3}'),
    ("Ocirc", '\u{00D4}'),
    ("Ograve", '\u{00D2}'),
    ("Omega", '\u{03A9}'),
    ("Omicron", '\u{039F}'),
    ("Oslash", '\u{00D8}'),
    ("Otilde", '\u{00D5}'),
    ("Ouml", '\u{00D6}'),
    ("Phi", '\u{03A6}'),
    ("Pi", '\u{03A0}'),
    ("Prime", '\u{2033}'),
    ("Psi", '\u{03A8}'),
    ("Rho", '\u{03A1}'),
    ("Scaron", '\u{0160}'),
    ("Sigma", '\u{03A3}'),
    ("THORN", '\u{00DE}'),
    ("Tau", '\u{03A4}'),
    ("Theta", '\u{0398}'),
    ("Uacute", '\u{00DA}'),
    ("Ucirc", '\u{00DB}'),
    ("Ugrave", '\u{00D9}'),
    ("Upsilon", '\u{03A5}'),
    ("Uuml", '\u{00DC}'),
    ("Xi", '\u{039E}'),
    ("Yacute", '\u{00DD}'),
    ("Yuml", '\u{0178}'),
    ("Zeta", '\u{0396}'),
    ("aacute", '\u{00E1}'),
    ("acirc", '\u{00E2}'),
    ("acute", '\u{00B4}'),
    ("aelig", '\u{00E6}'),
    ("agrave", '\u{00E0}'),
    ("alefsym", '\u{2135}'),
    ("alpha", '\u{03B1}'),
    ("and", '\u{2227}'),
    ("ang", '\u{2220}'),
    ("aring", '\u{00E5}'),
    ("asymp", '\u{2248}'),
    ("atilde", '\u{00E3}'),
    ("auml", '\u{00E4}'),
    ("bdquo", '\u{201E}'),
    ("beta", '\u{03B2}'),
    ("brvbar", '\u{00A6}'),
    ("cap", '\u{2229}'),
    ("ccedil", '\u{00E7}'),
    ("cedil", '\u{00B8}'),
    ("cent", '\u{00A2}'),
    ("chi", '\u{03C7}'),
    ("circ", '\u{02C6}'),
    ("clubs", '\u{2663}'),
    ("cong", '\u{2245}'),
    ("crarr", '\u{21B5}'),
    ("cup", '\u{222A}'),
    ("curren", '\u{00A4}'),
    ("dArr", '\u{21D3}'),
    ("dagger", '\u{2020}'),
    ("darr", '\u{2193}'),
    ("delta", '\u{03B4}'),
    ("diams", '\u{2666}'),
    ("divide", '\u{00F7}'),
    ("eacute", '\u{00E9}'),
    ("ecirc", '\u{00EA}'),
    ("egrave", '\u{00E8}'),
    ("empty", '\u{2205}'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("epsilon", '\u{03B5}'),
    ("equiv", '\u{2261}'),
    ("eta", '\u{03B7}'),
    ("eth", '\u{00F0}'),
    ("euml", '\u{00EB}'),
    ("exist", '\u{2203}'),
    ("fnof", '\u{0192}'),
    ("forall", '\u{2200}'),
    ("frac12", '\u{00BD}'),
    ("frac14", '\u{00BC}'),
    ("frac34", '\u{00BE}'),
    ("frasl", '\u{2044}'),
    ("gamma", '\u{03B3}'),
    ("ge", '\u{2265}'),
    ("hArr", '\u{21D4}'),
    ("harr", '\u{2194}'),
    ("hearts", '\u{2665}'),
    ("iacute", '\u{00ED}'),
    ("icirc", '\u{00EE}'),
    ("iexcl", '\u{00A1}'),
    ("igrave", '\u{00EC}'),
    ("image", '\u{2111}'),
    ("infin", '\u{221E}'),
    ("int", '\u{222B}'),
    ("iota", '\u{03B9}'),
    ("iquest", '\u{00BF}'),
    ("isin", '\u{2208}'),
    ("iuml", '\u{00EF}'),
    ("kappa", '\u{03BA}'),
    ("lArr", '\u{21D0}'),
    ("lambda", '\u{03BB}'),
    ("lang", '\u{2329}'),
    ("larr", '\u{2190}'),
    ("lceil", '\u{2308}'),
    ("le", '\u{2264}'),
    ("lfloor", '\u{230A}'),
    ("lowast", '\u{2217}'),
    ("loz", '\u{25CA}'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '\u{2039}'),
    ("macr", '\u{00AF}'),
    ("micro", '\u{00B5}'),
    ("minus", '\u{2212}'),
    ("mu", '\u{03BC}'),
    ("nabla", '\u{2207}'),
    ("ne", '\u{2260}'),
    ("ni", '\u{220B}'),
    ("not", '\u{00AC}'),
    ("notin", '\u{2209}'),
    ("nsub", '\u{2284}'),
    ("ntilde", '\u{00F1}'),
    ("nu", '\u{03BD}'),
    ("oacute", '\u{00F3}'),
    ("ocirc", '\u{00F4}'),
    ("oelig", '\u{0153}'),
    ("ograve", '\u{00F2}'),
    ("oline", '\u{203E}'),
    ("omega", '\u{03C9}'),
    ("omicron", '\u{03BF}'),
    ("oplus", '\u{2295}'),
    ("or", '\u{2228}'),
    ("ordf", '\u{00AA}'),
    ("ordm", '\u{00BA}'),
    ("oslash", '\u{00F8}'),
    ("otilde", '\u{00F5}'),
    ("otimes", '\u{2297}'),
    ("ouml", '\u{00F6}'),
    ("para", '\u{00B6}'),
    ("part", '\u{2202}'),
    ("permil", '\u{2030}'),
    ("perp", '\u{22A5}'),
    ("phi", '\u{03C6}'),
    ("pi", '\u{03C0}'),
    ("piv", '\u{03D6}'),
    ("plusmn", '\u{00B1}'),
    ("prime", '\u{2032}'),
    ("prod", '\u{220F}'),
    ("prop", '\u{221D}'),
    ("psi", '\u{03C8}'),
    ("rArr", '\u{21D2}'),
    ("radic", '\u{221A}'),
    ("rang", '\u{232A}'),
    ("rarr", '\u{2192}'),
    ("rceil", '\u{2309}'),
    ("real", '\u{211C}'),
    ("rfloor", '\u{230B}'),
    ("rho", '\u{03C1}'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '\u{203A}'),
    ("sbquo", '\u{201A}'),
    ("scaron", '\u{0161}'),
    ("sdot", '\u{22C5}'),
    ("sect", '\u{00A7}'),
    ("shy", '\u{00AD}'),
    ("sigma", '\u{03C3}'),
    ("sigmaf", '\u{03C2}'),
    ("sim", '\u{223C}'),
    ("spades", '\u{2660}'),
    ("sub", '\u{2282}'),
    ("sube", '\u{2286}'),
    ("sum", '\u{2211}'),
    ("sup", '\u{2283}'),
    ("sup1", '\u{00B9}'),
    ("sup2", '\u{00B2}'),
    ("sup3", '\u{00B3}'),
    ("supe", '\u{2287}'),
    ("szlig", '\u{00DF}'),
    ("tau", '\u{03C4}'),
    ("there4", '\u{2234}'),
    ("theta", '\u{03B8}'),
    ("thetasym", '\u{03D1}'),
    ("thinsp", '\u{2009}'),
    ("thorn", '\u{00FE}'),
    ("tilde", '\u{02DC}'),
    ("times", '\u{00D7}'),
    ("uArr", '\u{21D1}'),
    ("uacute", '\u{00FA}'),
    ("uarr", '\u{2191}'),
    ("ucirc", '\u{00FB}'),
    ("ugrave", '\u{00F9}'),
    ("uml", '\u{00A8}'),
    ("upsih", '\u{03D2}'),
    ("upsilon", '\u{03C5}'),
    ("uuml", '\u{00FC}'),
    ("weierp", '\u{2118}'),
    ("xi", '\u{03BE}'),
    ("yacute", '\u{00FD}'),
    ("yuml", '\u{00FF}'),
    ("zeta", '\u{03B6}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Finds each HTML character reference (`&amp;`, `&#39;`, `&#x2019;`) in `s`:
/// its byte span and the text it stands for.
pub fn find_entities(s: &str) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = s[i..].find('&') {
        let start = i + off;
        i = start + 1;
        let Some(semi) = s[start..].char_indices().take(12).find(|&(_, c)| c == ';').map(|(j, _)| start + j) else {
            continue;
        };
        let body = &s[start + 1..semi];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.and_then(char::from_u32).filter(|c| *c != '\0').map(String::from)
        } else if body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            NAMED_ENTITIES
                .iter()
                .find(|(n, _)| *n == body)
                .map(|(_, v)| v.to_string())
                .or_else(|| HTML4_ENTITIES.binary_search_by(|(n, _)| n.cmp(&body)).ok().map(|k| HTML4_ENTITIES[k].1.to_string()))
        } else {
            None
        };
        if let Some(d) = decoded {
            found.push((Span::new(start, semi + 1), d));
            i = semi + 1;
        }
    }
    found
}

fn decode_entities_stage(input: &str) -> StageOutput {
    let rewrites = find_entities(input)
        .into_iter()
        .map(|(span, d)| (span, Cow::Owned(d), FindingKind::HtmlEntity, Cow::Borrowed("HTML character reference left in the text")))
        .collect();
    apply(input, rewrites)
}

// ---- mixed-script words (Unicode TS #39) --------------------------------

#[derive(PartialEq, Clone, Copy)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

fn script_of(c: char) -> Script {
    match c as u32 {
        _ if c.is_ascii_alphabetic() => Script::Latin,
        0xC0..=0x24F if c.is_alphabetic() => Script::Latin,
        0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// The Latin letter a Cyrillic or Greek letter is confusable with (TS #39
/// skeleton), when that is a single ASCII letter.
fn latin_prototype(c: char) -> Option<char> {
    let mut buf = [0u8; 4];
    let mut sk = unicode_security::skeleton(c.encode_utf8(&mut buf));
    match (sk.next(), sk.next()) {
        (Some(p), None) if p.is_ascii_alphabetic() => Some(p),
        _ => None,
    }
}

fn fix_mixed_script(input: &str) -> StageOutput {
    let mut rewrites = Vec::new();
    // Most texts have no Cyrillic or Greek letter at all: then no word can mix
    // scripts, and the word segmentation (the costly part) is not needed.
    if !input.chars().any(|c| matches!(script_of(c), Script::Cyrillic | Script::Greek)) {
        return apply(input, rewrites);
    }
    for (start, word) in input.split_word_bound_indices() {
        let (mut latin, mut foreign) = (0, 0);
        for c in word.chars() {
            match script_of(c) {
                Script::Latin => latin += 1,
                Script::Cyrillic | Script::Greek => foreign += 1,
                Script::Other => {}
            }
        }
        // A word of mostly Latin letters with a few look-alikes from another script:
        // the classic homoglyph (or a mojibake leftover) that breaks search and tagging.
        if latin == 0 || foreign == 0 || foreign >= latin {
            continue;
        }
        let mut fixed = String::with_capacity(word.len());
        let mut replaced = Vec::new();
        for c in word.chars() {
            match script_of(c) {
                Script::Cyrillic | Script::Greek => match latin_prototype(c) {
                    Some(p) => {
                        fixed.push(p);
                        replaced.push(format!("U+{:04X} {}→{}", c as u32, c, p));
                    }
                    None => fixed.push(c),
                },
                _ => fixed.push(c),
            }
        }
        if fixed != word {
            let script = if word.chars().any(|c| script_of(c) == Script::Cyrillic) { "Cyrillic" } else { "Greek" };
            let note = note_while_listed(rewrites.len(), || format!("{script} letter in a Latin word ({})", replaced.join(", ")));
            rewrites.push((Span::new(start, start + word.len()), Cow::Owned(fixed), FindingKind::MixedScript, note));
        }
    }
    apply(input, rewrites)
}

#[cfg(test)]
mod tests {
    use super::*;
    // proptest is a native-only dev-dependency (Cargo.toml): the property test is native only.
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// The scan [`map_through`] replaced: every edit from the first.
    #[cfg(not(target_arch = "wasm32"))]
    fn map_through_by_scan(edits: &[Edit], pos: usize) -> usize {
        let mut delta: isize = 0;
        for e in edits {
            if pos < e.from.start {
                break;
            }
            if pos < e.from.end || (pos == e.from.end && e.from.is_empty()) {
                return e.to.start;
            }
            if pos == e.from.end {
                return e.to.end;
            }
            delta = e.to.end as isize - e.from.end as isize;
        }
        (pos as isize + delta).max(0) as usize
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn offsets_map_by_binary_search_as_by_scan(parts in prop::collection::vec((0usize..4, 0usize..4, 0usize..4), 0..30)) {
            // Sorted, disjoint edits: a gap, then a region of `len` bytes rewritten as `to_len`.
            let (mut edits, mut at, mut out) = (Vec::new(), 0, 0);
            for (gap, len, to_len) in parts {
                at += gap;
                out += gap;
                edits.push(Edit { from: Span::new(at, at + len), to: Span::new(out, out + to_len) });
                at += len;
                out += to_len;
            }
            for pos in 0..at + 3 {
                prop_assert_eq!(forward(&edits, pos), map_through_by_scan(&edits, pos));
                let slow_end = edits.iter().find(|e| e.from.start < pos && pos < e.from.end).map_or_else(|| map_through_by_scan(&edits, pos), |e| e.to.end);
                prop_assert_eq!(forward_end(&edits, pos), slow_end);
            }
        }
    }

    fn fix(s: &str) -> Repaired {
        repair(s, RepairOptions { plain_text: true })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        /// Repairing repaired text changes nothing, in either mode: built from pieces that
        /// make each stage's damage, and damage inside damage.
        #[test]
        fn repair_is_idempotent(
            pieces in prop::collection::vec(prop_oneof![
                Just("Ð"), Just("¡"), Just("Ã"), Just("©"), Just("â€™"), Just("\u{200B}"), Just("\u{202E}"),
                Just("\u{00A0}"), Just("&amp;"), Just("&#8203;"), Just("&"), Just("#"), Just(";"), Just("> "),
                Just("\n"), Just("\n\n"), Just("osmo"), Just("С"), Just("a"), Just(" "),
            ], 0..16),
            plain_text in any::<bool>(),
        ) {
            let input = pieces.concat();
            let options = RepairOptions { plain_text };
            let once = repair(&input, options);
            let twice = repair(&once.text, options);
            prop_assert_eq!(&twice.text, &once.text, "input {:?}", input);
            prop_assert!(twice.findings.is_empty(), "input {:?}: {:?}", input, twice.findings);
            // Every finding's spans still cut the texts they point into.
            for f in &once.findings {
                prop_assert!(input.get(f.source.start..f.source.end).is_some());
                prop_assert!(f.span.is_some_and(|s| once.text.get(s.start..s.end).is_some()));
            }
        }
    }

    #[test]
    fn an_invisible_character_inside_mojibake_is_removed_and_the_mojibake_repaired() {
        // A fuzzing find: the mojibake pair "Ð¡" is one only once the zero-width space is gone.
        let input = "Ð\u{200B}¡osmodrome";
        let r = repair(input, RepairOptions { plain_text: false });
        assert_eq!(r.text, "Cosmodrome");
        let kinds: Vec<_> = r.findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FindingKind::InvisibleCharacter, FindingKind::Mojibake, FindingKind::MixedScript]);
        assert_eq!(r.findings[1].source.of(input), "Ð\u{200B}¡");
        assert_eq!(repair(&r.text, RepairOptions { plain_text: false }).text, r.text);
    }

    #[test]
    fn seed_caption_gets_two_findings() {
        let input = "at the Vostochny Ð¡osmodrome, the venue";
        let r = fix(input);
        assert_eq!(r.text, "at the Vostochny Cosmodrome, the venue");
        let kinds: Vec<_> = r.findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FindingKind::Mojibake, FindingKind::MixedScript]);
        assert_eq!(r.findings[0].original, "Ð¡");
        assert_eq!(r.findings[0].replacement, "С");
        assert_eq!(r.findings[1].original, "Сosmodrome");
        assert_eq!(r.findings[1].replacement, "Cosmodrome");
        // Both point at the same place in the input.
        assert_eq!(r.findings[0].source.of(input), "Ð¡");
        assert_eq!(r.findings[1].source.of(input), "Ð¡osmodrome");
        assert_eq!(r.findings[1].span.unwrap().of(&r.text), "Cosmodrome");
        // The mojibake's repair lies inside the word the second stage rewrote.
        assert_eq!(r.findings[0].span.unwrap().of(&r.text), "Cosmodrome");
    }

    #[test]
    fn double_encoded_apostrophe() {
        // "’" encoded as UTF-8, read as Windows-1252, encoded again, read again.
        let once: String = "’".bytes().map(|b| CP1252_HIGH.iter().find(|(x, _)| *x == b).map(|(_, c)| *c).unwrap_or(b as char)).collect();
        let twice: String = once.bytes().map(|b| CP1252_HIGH.iter().find(|(x, _)| *x == b).map(|(_, c)| *c).unwrap_or(b as char)).collect();
        let input = format!("Russia{twice}s war");
        let r = fix(&input);
        assert_eq!(r.text, "Russia’s war");
        assert_eq!(r.findings.len(), 1);
        assert!(r.findings[0].note.contains("2 times"));
    }

    #[test]
    fn legitimate_accents_are_left_alone() {
        for s in ["café naïve Größe Ökonomie", "São Paulo, Zürich — «Ça va»", "Ελληνικά и русский текст"] {
            let r = fix(s);
            assert_eq!(r.text, s);
            assert!(r.findings.is_empty(), "{s}: {:?}", r.findings);
        }
    }

    #[test]
    fn invisibles_spaces_and_entities() {
        let input = "Kim\u{200B} Jong\u{00A0}Un &amp; \u{202E}Putin&#8217;s";
        let r = fix(input);
        assert_eq!(r.text, "Kim Jong Un & Putin’s");
        let kinds: Vec<_> = r.findings.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                FindingKind::InvisibleCharacter,
                FindingKind::BidiControl,
                FindingKind::OddSpace,
                FindingKind::HtmlEntity,
                FindingKind::HtmlEntity
            ]
        );
        for f in &r.findings {
            assert_eq!(f.source.of(input), f.original, "{f:?}");
            assert_eq!(f.span.unwrap().of(&r.text), f.replacement, "{f:?}");
        }
    }

    #[test]
    fn email_quote_marks_are_removed_with_one_finding_per_run() {
        let input = "Note\n\n> > Ministers met.\n>\n> They agreed.\r\n\n> 5 years on, a line of prose\nends here.";
        let r = fix(input);
        assert_eq!(r.text, "Note\n\nMinisters met.\n\nThey agreed.\r\n\n> 5 years on, a line of prose\nends here.");
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
        let f = &r.findings[0];
        assert_eq!(
            (f.kind, f.original.as_str(), f.note.as_str()),
            (FindingKind::EmailQuote, "> > ", "the quote marks of a replied or forwarded email removed from 3 lines")
        );
        assert_eq!(f.source.of(input), "> > Ministers met.\n>\n> They agreed.");
        assert_eq!(f.span.map(|s| s.of(&r.text)), Some("Ministers met."));
        // A line's start maps to its quote marks' start, as any removal's end does.
        let agreed = r.text.find("They").unwrap();
        assert_eq!(&input[r.map.to_original(agreed)..][..6], "> They");
        assert_eq!(&input[r.map.to_original(agreed + 1)..][..3], "hey");
    }

    #[test]
    fn offsets_map_back() {
        let input = "a\u{200B}b Ð¡ar d";
        let r = fix(input);
        assert_eq!(r.text, "ab Car d");
        let d = r.text.find('d').unwrap();
        assert_eq!(&input[r.map.to_original(d)..], "d");
        assert_eq!(r.map.to_repaired(input.find('d').unwrap()), d);
    }
}
