//! The rules, each pinned by a file of cases in `tests/rules/`, named after its id
//! (`named_storm.txt` for the rule `named_storm`), all run by one harness.
//!
//! A case is one line, `input ⇒ expected`. In the input, `[words]TAG` marks a chunk the
//! tagger stands in for (TAG: PER, ORG, LOC or MISC), so a case pins the rule without
//! depending on the tagger's weights; `\n` is a line break. The expected side is the analysis
//! text with every mention the rules make marked `[words]LABEL` (PER, NORP, ORG, GPE, LOC,
//! MISC, DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL), its line breaks as `\n`.
//! Lines starting with `#` are comments; a case named after the input that exposed it
//! follows a comment saying so. Each file must see its own rule make a mention.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::dates::detect;
use lede::analysis::mention::{Label, Mention, Rule, Source};
use lede::analysis::ner::labels::Kind;
use lede::analysis::ner::{self, Chunk};
use lede::analysis::parse::{self, InputFormat};
use lede::analysis::rules::{apply_rules, table::RULES};
use lede::analysis::text::{repair, segment};
use lede::analysis::Span;
use std::path::Path;

/// A chunk the case marks: where it is in the input, and its type.
struct Marked {
    start: usize,
    end: usize,
    kind: Kind,
}

/// The input without its marks, and the marks.
fn read_input(case: &str) -> Result<(String, Vec<Marked>), String> {
    let case = case.replace("\\n", "\n");
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut rest = case.as_str();
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find("]").ok_or_else(|| format!("an unclosed [ in {case:?}"))?;
        let tag_len = after[close + 1..].chars().take_while(|c| c.is_ascii_uppercase()).count();
        let tag = &after[close + 1..close + 1 + tag_len];
        let kind = match tag {
            "PER" => Kind::Person,
            "ORG" => Kind::Organisation,
            "LOC" => Kind::Location,
            "MISC" => Kind::Misc,
            // A bracket that is the text's own ("[4]").
            "" => {
                text.push('[');
                rest = after;
                continue;
            }
            other => return Err(format!("unknown chunk type {other} in {case:?}")),
        };
        let start = text.len();
        text.push_str(&after[..close]);
        marks.push(Marked { start, end: text.len(), kind });
        rest = &after[close + 1 + tag_len..];
    }
    text.push_str(rest);
    Ok((text, marks))
}

/// The analysis text with `mentions` marked, line breaks as `\n`.
fn render(text: &str, mentions: &[Mention]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in mentions {
        out.push_str(&text[at..m.span.start]);
        out.push('[');
        out.push_str(m.span.of(text));
        out.push(']');
        out.push_str(m.label.code());
        at = m.span.end;
    }
    out.push_str(&text[at..]);
    out.replace('\n', "\\n")
}

/// Runs the rules on a case's input: the parser and the segmenter as `analyze` runs them,
/// the marked chunks in place of the tagger's. Returns the rendered mentions and the rules
/// that made them.
fn run(input: &str) -> Result<(String, Vec<Rule>), String> {
    let (source, marks) = read_input(input)?;
    let repaired = repair::repair(&source, repair::RepairOptions { plain_text: true });
    let (text, article) = parse::parse(&repaired.text, InputFormat::PlainText, &repaired.map, Some(ner::is_known_word));
    let lex = &ner::tagger().ok_or("the bundled lexicon is missing")?.lexicon;
    let sentences: Vec<Span> = article.blocks.iter().flat_map(|b| segment::sentences(&text, b.span)).collect();
    let (sents, _) = ner::tokens(lex, &text, &sentences);
    let mut chunks = Vec::new();
    for mark in &marks {
        // Where the mark is in the analysis text: its input offsets through the source map.
        let piece = article.source_map.iter().find(|p| p.source.start <= mark.start && mark.end <= p.source.end);
        let piece = piece.ok_or_else(|| format!("the chunk at {}..{} of {input:?} is not in the analysis text", mark.start, mark.end))?;
        let (start, end) = (piece.text.start + mark.start - piece.source.start, piece.text.start + mark.end - piece.source.start);
        let found = sents.iter().enumerate().find_map(|(si, toks)| {
            let a = toks.iter().position(|t| t.span.start == start)?;
            let b = toks.iter().position(|t| t.span.end == end)?;
            Some(Chunk { sentence: si, start: a, end: b + 1, kind: mark.kind, confidence: 1.0 })
        });
        chunks.push(found.ok_or_else(|| format!("the chunk {:?} of {input:?} does not fall on token edges", &text[start..end]))?);
    }
    let values = detect::find(&sents);
    let (mentions, _) = apply_rules(&text, &article, lex, &sents, &chunks, values);
    let rules = mentions.iter().filter_map(|m| if let Source::Rule { rule } = m.source { Some(rule) } else { None }).collect();
    Ok((render(&text, &mentions), rules))
}

/// The id of `rule` as the JSON gives it.
fn id(rule: Rule) -> String {
    serde_json::to_value(rule).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn rules_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

#[test]
fn every_rule_holds_on_its_cases() {
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(rules_dir()).expect("tests/rules") {
        let path = entry.expect("a file").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        let rule = Rule::ALL.into_iter().find(|r| id(*r) == name);
        let Some(rule) = rule else {
            failures.push(format!("{name}.txt names no rule"));
            continue;
        };
        files += 1;
        let cases = std::fs::read_to_string(&path).expect("readable");
        let mut made = false;
        let mut count = 0;
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
                    made |= rules.contains(&rule);
                    if got != want.trim() {
                        failures.push(format!("{name}.txt:{}:\n  input: {input}\n  want:  {}\n  got:   {got}", n + 1, want.trim()));
                    }
                }
                Err(e) => failures.push(format!("{name}.txt:{}: {e}", n + 1)),
            }
        }
        if count == 0 {
            failures.push(format!("{name}.txt has no cases"));
        } else if !made {
            failures.push(format!("{name}.txt: no case makes a mention by the rule {name}"));
        }
    }
    assert!(files > 0, "no rule files in tests/rules");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_has_its_file() {
    // A rule of the time grammar that makes no mention ("now" is a time, not a name or a
    // number) has its file in tests/dates, run by tests/dates.rs.
    let has_file =
        |name: &String| rules_dir().join(format!("{name}.txt")).is_file() || rules_dir().join(format!("../dates/{name}.txt")).is_file();
    let missing: Vec<String> = Rule::ALL.into_iter().map(id).filter(|name| !has_file(name)).collect();
    assert!(missing.is_empty(), "rules without a file of cases in tests/rules or tests/dates: {missing:?}");
    // Every row of the name rules' table is one of them.
    for row in &RULES {
        assert!(Rule::ALL.contains(&row.id));
    }
}

#[test]
fn the_harness_reads_marks_and_renders_mentions() {
    let (text, marks) = read_input("Aid from [Tesla]ORG to [Kyiv]LOC [4].").unwrap();
    assert_eq!(text, "Aid from Tesla to Kyiv [4].");
    assert_eq!((marks[0].start, marks[0].end, marks[1].start), (9, 14, 18));
    let m = Mention::new(Span::new(9, 14), Label::Org, Source::Model { confidence: 1.0 });
    assert_eq!(render(&text, &[m]), "Aid from [Tesla]ORG to Kyiv [4].");
}
