//! The time grammar and its resolution, each rule pinned by a file of cases in `tests/dates/`,
//! named after its id (`quarter.txt` for the rule `quarter`), all run by one harness.
//!
//! A case is one line, `input | reference date ⇒ expected`. The reference date is the time of
//! writing relative times count from (`YYYY-MM-DD`, or `-` for none). The expected side is the
//! analysis text with every time marked `[words]TYPE:value` (TYPE: DATE, TIME, DURATION or
//! SET; value `-` when unresolved), its line breaks as `\n`. The tagger's names play no part
//! (a case pins the grammar, not the tagger's weights). Lines starting with `#` are comments.
//! Each file must see its own rule find a time, and every rule the grammar's rows name has a
//! file.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::dates::grammar::Grammar;
use lede::analysis::dates::{detect, resolve, AnchorBy, TimeExpr, Writing};
use lede::analysis::mention::Rule;
use lede::analysis::ner;
use lede::analysis::parse::{self, InputFormat};
use lede::analysis::text::{repair, segment};
use lede::analysis::util::timestamp::parse_timestamp;
use lede::analysis::Span;
use std::path::Path;

/// The analysis text and its times, for `input` written at `date`.
fn run(input: &str, date: &str) -> Result<(String, Vec<TimeExpr>), String> {
    let input = input.replace("\\n", "\n");
    let writing = match date {
        "-" => None,
        d => Some(Writing {
            date: parse_timestamp(d).ok_or_else(|| format!("cannot read the date {d:?}"))?.date,
            by: AnchorBy::ReferenceDate,
        }),
    };
    let repaired = repair::repair(&input, repair::RepairOptions { plain_text: true });
    let (text, article) = parse::parse(&repaired.text, InputFormat::PlainText, &repaired.map, Some(ner::is_known_word));
    let lex = &ner::tagger().ok_or("the bundled lexicon is missing")?.lexicon;
    let sentences: Vec<Span> = article.blocks.iter().flat_map(|b| segment::sentences(&text, b.span)).collect();
    let (sents, _) = ner::tokens(lex, &text, &sentences);
    let found = detect::scan(&sents);
    let times = resolve::resolve(&sentences, &found.values, &found.times, writing);
    Ok((text, times))
}

/// The text with its times marked.
fn render(text: &str, times: &[TimeExpr]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for t in times {
        out.push_str(&text[at..t.span.start]);
        out.push_str(&format!("[{}]{}:{}", t.span.of(text), t.kind_code(), t.value.as_deref().unwrap_or("-")));
        at = t.span.end;
    }
    out.push_str(&text[at..]);
    out.replace('\n', "\\n")
}

/// The id of `rule` as the JSON gives it.
fn id(rule: Rule) -> String {
    serde_json::to_value(rule).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn dates_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dates")
}

#[test]
fn every_time_rule_holds_on_its_cases() {
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(dates_dir()).expect("tests/dates") {
        let path = entry.expect("a file").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        let Some(rule) = Rule::ALL.into_iter().find(|r| id(*r) == name) else {
            failures.push(format!("{name}.txt names no rule"));
            continue;
        };
        files += 1;
        let cases = std::fs::read_to_string(&path).expect("readable");
        let (mut found, mut count) = (false, 0);
        for (n, line) in cases.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            count += 1;
            let Some((left, want)) = line.split_once(" ⇒ ") else {
                failures.push(format!("{name}.txt:{}: no \" ⇒ \"", n + 1));
                continue;
            };
            let Some((input, date)) = left.rsplit_once(" | ") else {
                failures.push(format!("{name}.txt:{}: no \" | \" before the reference date", n + 1));
                continue;
            };
            match run(input, date.trim()) {
                Ok((text, times)) => {
                    found |= times.iter().any(|t| t.found_by == rule);
                    let got = render(&text, &times);
                    if got != want.trim() {
                        failures.push(format!(
                            "{name}.txt:{}:\n  input: {input} | {date}\n  want:  {}\n  got:   {got}",
                            n + 1,
                            want.trim()
                        ));
                    }
                }
                Err(e) => failures.push(format!("{name}.txt:{}: {e}", n + 1)),
            }
        }
        if count == 0 {
            failures.push(format!("{name}.txt has no cases"));
        } else if !found {
            failures.push(format!("{name}.txt: no case finds a time by the rule {name}"));
        }
    }
    assert!(files > 0, "no case files in tests/dates");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_grammar_reads_and_every_rule_of_it_has_its_file() {
    let g = Grammar::get();
    assert!(g.problems.is_empty(), "rows or words of the time grammar that cannot be read:\n{}", g.problems.join("\n"));
    let mut missing: Vec<String> =
        g.rows.iter().map(|r| id(r.rule)).filter(|name| !dates_dir().join(format!("{name}.txt")).is_file()).collect();
    missing.dedup();
    assert!(missing.is_empty(), "rules of the time grammar without a file of cases in tests/dates: {missing:?}");
}

#[test]
fn the_harness_renders_times() {
    let (text, times) = run("Sales fell last week and will rise next year.", "2023-10-26").unwrap();
    assert_eq!(render(&text, &times), "Sales fell [last week]DATE:2023-W42 and will rise [next year]DATE:2024.");
}
