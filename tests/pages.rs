//! Whole web pages as data: each file of `tests/pages/` is a small page whose first comment
//! says what lede must read from it, one `key: value` line each, after a line saying why:
//!
//! ```text
//! title: Council approves new bridge      the article's title
//! title via: json_ld                      where it came from (SCHEMA.md's `via`)
//! byline: / byline via: / published: (ISO) / published via: / publisher: / url: / image: /
//! image via: / caption:                   the other fields
//! body has: / body lacks:                 text that is (or is not) in the blocks after the title
//! diagnostic:                             text of one of the analysis' diagnostics
//! ```
//!
//! One harness reads them all (as the command line reads a file: its bytes in the encoding they
//! declare) and reports every expectation that fails, file by file.

use lede::analysis::parse::BlockKind;
use lede::analysis::{analyze, Analysis, Options};
use std::path::Path;

fn via<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).unwrap().as_str().unwrap_or_default().to_string()
}

/// What `key` reads in analysis `a`, or None when the field is absent.
fn field(a: &Analysis, key: &str) -> Option<String> {
    let art = &a.article;
    match key {
        "title" => art.title.as_ref().map(|f| f.value.clone()),
        "title via" => art.title.as_ref().map(|f| via(&f.via)),
        "byline" => art.byline.as_ref().map(|f| f.value.clone()),
        "byline via" => art.byline.as_ref().map(|f| via(&f.via)),
        "published" => art.published.as_ref().map(|p| p.iso.clone()),
        "published via" => art.published.as_ref().map(|p| via(&p.via)),
        "publisher" => art.publisher.as_ref().map(|f| f.value.clone()),
        "url" => art.url.as_ref().map(|u| u.url.clone()),
        "image" => art.image.as_ref().map(|i| i.url.clone()),
        "image via" => art.image.as_ref().map(|i| via(&i.via)),
        "caption" => art.caption.as_ref().map(|c| c.span.of(&a.text).to_string()),
        _ => panic!("unknown key {key:?}"),
    }
}

/// The checks of one page that fail.
fn check(name: &str, bytes: &[u8]) -> Vec<String> {
    // A byte-order mark stays in the text, as a paste would carry it; other bytes are decoded
    // as the command line decodes a file.
    let input = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => lede::tools::pages::decode(bytes),
    };
    let header = input.trim_start_matches('\u{feff}');
    let header = header
        .strip_prefix("<!--")
        .and_then(|h| h.split_once("-->"))
        .map(|(h, _)| h)
        .unwrap_or_else(|| panic!("{name}: no header comment"));
    let a = analyze(&input, &Options::default());
    let body: String =
        a.article.blocks.iter().filter(|b| b.kind != BlockKind::Title).map(|b| format!("{}\n", b.span.of(&a.text))).collect();
    let mut failures = Vec::new();
    let mut checks = 0;
    // The first line says why; the others are expectations.
    for line in header.lines().map(str::trim).filter(|l| !l.is_empty()).skip(1) {
        let (key, want) = line.split_once(": ").unwrap_or_else(|| panic!("{name}: not a `key: value` line: {line:?}"));
        checks += 1;
        let ok = match key {
            "body has" => body.contains(want),
            "body lacks" => !body.contains(want),
            "diagnostic" => a.diagnostics.iter().any(|d| d.message.contains(want)),
            _ => {
                let got = field(&a, key);
                if got.as_deref() != Some(want) {
                    failures.push(format!("{name}: {key}: expected {want:?}, got {got:?}"));
                }
                continue;
            }
        };
        if !ok {
            failures.push(format!("{name}: {key}: {want:?} (body:\n{body})"));
        }
    }
    assert!(checks > 0, "{name} checks nothing");
    failures
}

#[test]
fn every_page_reads_as_its_header_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    files.sort();
    assert!(files.len() >= 10, "the cases are in {}", dir.display());
    let failures: Vec<String> =
        files.iter().flat_map(|f| check(&f.file_name().unwrap().to_string_lossy(), &std::fs::read(f).unwrap())).collect();
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}
