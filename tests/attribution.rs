//! The attribution rules, each pinned by a file of cases in `tests/quotes/`, named after the
//! `how` id it shows (`verb_after.txt` for `verb_after`), plus the coreference files
//! (`pronoun.txt`, `role.txt`) and the phrases that are nobody's speech (`phrase.txt`), all
//! run by one harness.
//!
//! A case is one line, `input ⇒ expected`. In the input, `[words]TAG` marks a name the tagger
//! stands in for (PER, ORG, LOC or MISC), so a case does not depend on the tagger's weights;
//! `\n` is a paragraph break. The expected side lists the quotes in text order, separated by
//! ` ; `, each as `kind «parts joined by " | "»`, then for a quote with a source
//! ` ← speaker [role] @ affiliation (how, resolution)`: the speaker's entity name, or the
//! words naming an unnamed source in double quotes, with a `?` when the words are a pronoun
//! nobody was found for; the role and the affiliation where the quote has them.
//! Lines starting with `#` are comments. Each file named after a rule must see it choose a
//! speaker.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::dates::detect;
use lede::analysis::ner::labels::Kind;
use lede::analysis::ner::{self, Chunk};
use lede::analysis::parse::{self, InputFormat};
use lede::analysis::quotes::{self, How, Quote};
use lede::analysis::rules::apply_rules;
use lede::analysis::text::{repair, segment};
use lede::analysis::Span;
use std::path::Path;

/// A marked name: (start, end, kind).
type Marked = (usize, usize, Kind);

/// The input without its marks, and the marked names.
fn read_input(case: &str) -> Result<(String, Vec<Marked>), String> {
    let case = case.replace("\\n", "\n\n");
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut rest = case.as_str();
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(']').ok_or_else(|| format!("an unclosed [ in {case:?}"))?;
        let tag_len = after[close + 1..].chars().take_while(|c| c.is_ascii_uppercase()).count();
        let kind = match &after[close + 1..close + 1 + tag_len] {
            "PER" => Kind::Person,
            "ORG" => Kind::Organisation,
            "LOC" => Kind::Location,
            "MISC" => Kind::Misc,
            "" => {
                text.push('[');
                rest = after;
                continue;
            }
            other => return Err(format!("unknown name type {other} in {case:?}")),
        };
        let start = text.len();
        text.push_str(&after[..close]);
        marks.push((start, text.len(), kind));
        rest = &after[close + 1 + tag_len..];
    }
    text.push_str(rest);
    Ok((text, marks))
}

/// The snake_case id of `how`.
fn id<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Runs the stages before the quotes as `analyze` does, with the marked names in place of
/// the tagger's, then the quotes. Returns the rendered quotes and the rules that chose a speaker.
fn run(input: &str) -> Result<(String, Vec<How>), String> {
    let (body, marks) = read_input(input)?;
    // A title line first, as an article has: the cases are its body.
    let source = format!("Title\n\n{body}");
    let shift = "Title\n\n".len();
    let repaired = repair::repair(&source, repair::RepairOptions { plain_text: true });
    let (text, article) = parse::parse(&repaired.text, InputFormat::PlainText, &repaired.map, Some(ner::is_known_word));
    let lex = &ner::tagger().ok_or("the bundled lexicon is missing")?.lexicon;
    let sentences: Vec<Span> = article.blocks.iter().flat_map(|b| segment::sentences(&text, b.span)).collect();
    let (sents, _) = ner::tokens(lex, &text, &sentences);
    let mut chunks = Vec::new();
    for &(s, e, kind) in &marks {
        let (s, e) = (s + shift, e + shift);
        let piece = article.source_map.iter().find(|p| p.source.start <= s && e <= p.source.end);
        let piece = piece.ok_or_else(|| format!("the name at {s}..{e} of {input:?} is not in the analysis text"))?;
        let (start, end) = (piece.text.start + s - piece.source.start, piece.text.start + e - piece.source.start);
        let found = sents.iter().enumerate().find_map(|(si, toks)| {
            let a = toks.iter().position(|t| t.span.start == start)?;
            let b = toks.iter().position(|t| t.span.end == end)?;
            Some(Chunk { sentence: si, start: a, end: b + 1, kind, confidence: 1.0 })
        });
        chunks.push(found.ok_or_else(|| format!("the name {:?} of {input:?} does not fall on token edges", &text[start..end]))?);
    }
    let values = detect::find(&sents);
    let (mentions, entities) = apply_rules(&text, &article, lex, &sents, &chunks, values);
    let (found, sources) = quotes::find(&text, &article.blocks, &sentences, &mentions, &entities);
    let render = |q: &Quote| {
        let parts: Vec<&str> = q.parts.iter().map(|p| p.of(&text)).collect();
        let mut out = format!("{} «{}»", id(q.kind), parts.join(" | "));
        let who = match (q.speaker, q.source) {
            (Some(e), _) => Some(entities[e].name.clone()),
            (None, Some(s)) => Some(format!("\"{}\"", sources[s].name)),
            (None, None) => q.speaker_span.map(|s| format!("\"{}\"?", s.of(&text))),
        };
        if let (Some(who), Some(how), Some(res)) = (who, q.how, q.resolution) {
            out.push_str(&format!(" ← {who}"));
            if let Some(role) = &q.role {
                out.push_str(&format!(" [{role}]"));
            }
            if let Some(org) = &q.affiliation {
                out.push_str(&format!(" @ {org}"));
            }
            out.push_str(&format!(" ({}, {})", id(how), id(res)));
        }
        out
    };
    let chose = found.iter().filter(|q| q.speaker.is_some() || q.source.is_some()).filter_map(|q| q.how).collect();
    Ok((found.iter().map(render).collect::<Vec<_>>().join(" ; "), chose))
}

fn cases_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quotes")
}

#[test]
fn every_attribution_rule_holds_on_its_cases() {
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(cases_dir()).expect("tests/quotes") {
        let path = entry.expect("a file").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        let rule = How::ALL.into_iter().find(|h| id(*h) == name);
        files += 1;
        let cases = std::fs::read_to_string(&path).expect("readable");
        let (mut chose, mut count) = (false, 0);
        for (n, line) in cases.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            count += 1;
            let Some((input, want)) = line.split_once(" ⇒ ") else {
                failures.push(format!("{name}.txt:{}: no \" ⇒ \"", n + 1));
                continue;
            };
            match run(input) {
                Ok((got, rules)) => {
                    chose |= rule.is_some_and(|r| rules.contains(&r));
                    if got != want.trim() {
                        failures.push(format!("{name}.txt:{}:\n  input: {input}\n  want:  {}\n  got:   {got}", n + 1, want.trim()));
                    }
                }
                Err(e) => failures.push(format!("{name}.txt:{}: {e}", n + 1)),
            }
        }
        if count == 0 {
            failures.push(format!("{name}.txt has no cases"));
        } else if rule.is_some() && !chose {
            failures.push(format!("{name}.txt: no case has its rule choose a speaker"));
        }
    }
    assert!(files > 0, "no case files in tests/quotes");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_attribution_rule_has_its_file() {
    let missing: Vec<String> = How::ALL.into_iter().map(id).filter(|name| !cases_dir().join(format!("{name}.txt")).is_file()).collect();
    assert!(missing.is_empty(), "rules without a file of cases in tests/quotes: {missing:?}");
    for row in &quotes::grammar::GRAMMAR {
        assert!(How::ALL.contains(&row.id));
    }
}
