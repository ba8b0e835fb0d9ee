//! `lede pages DIR`: how well lede reads whole web pages, on folders of `source.html` (the
//! saved page), `expected.html` (the article's body as Mozilla Readability extracts it) and
//! `expected-metadata.json` (its `title`, `byline`, `siteName` and `publishedTime`), the
//! layout of Readability's test pages (`../shared/data/readability-pages`).
//!
//! How values are compared (Readability's own values have quirks, so by sense, not to the
//! letter): a title, byline or publisher is right when both, normalized (lowercase, letters
//! and digits only, words joined by one space, a leading "by" left out), are equal; the
//! lenient figure also takes one inside the other (a byline "Jane Doe" for Readability's "By
//! Jane Doe | Jan 5"). A date is right when its day (the ISO date's first ten characters)
//! is. A field counts only on pages where Readability found a value. The body is scored by
//! token F1 (words, lowercase, as bags) and by shingle F1 (runs of four words, as bags, the
//! measure of the published extraction benchmarks) between lede's body blocks (the text
//! without the title and image alt texts) and the text of `expected.html`, averaged over
//! pages.
//!
//! A fifth of the pages (chosen by a hash of the folder's name) are sealed: scored apart
//! and never listed by `--errors`, so that what is tuned on the rest can be checked on pages
//! not looked at.

use crate::analysis::parse::html::{tokenize, Token};
use crate::analysis::parse::BlockKind;
use crate::analysis::text::encoding::charset;
use crate::analysis::{analyze, Analysis, Options, Skip};
use std::collections::HashMap;
use std::path::Path;

/// The bytes of a file as text, in the encoding its byte-order mark or `<meta charset>` names.
pub fn decode(bytes: &[u8]) -> String {
    let label = charset(bytes);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
    // decode() removes a byte-order mark that matches the encoding.
    encoding.decode(bytes).0.into_owned()
}

/// Whether the page named `name` is in the sealed fifth.
pub fn sealed(name: &str) -> bool {
    // FNV-1a: stable across builds and platforms.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h.is_multiple_of(5)
}

/// Lowercase words of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn normalize(s: &str) -> String {
    let w = words(s);
    let w = if w.first().is_some_and(|f| f == "by") { &w[1..] } else { &w[..] };
    w.join(" ")
}

/// (strict, lenient) agreement of two values.
fn agree(expected: &str, got: &str) -> (bool, bool) {
    let (e, g) = (normalize(expected), normalize(got));
    if e.is_empty() || g.is_empty() {
        return (false, false);
    }
    (e == g, e == g || e.contains(&g) || g.contains(&e))
}

/// F1 of two bags.
fn bag_f1(got: &[String], want: &[String]) -> (f64, f64, f64) {
    if got.is_empty() && want.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in want {
        *counts.entry(w).or_default() += 1;
    }
    let mut overlap = 0;
    for g in got {
        if let Some(c) = counts.get_mut(g.as_str()).filter(|c| **c > 0) {
            *c -= 1;
            overlap += 1;
        }
    }
    let p = if got.is_empty() { 0.0 } else { overlap as f64 / got.len() as f64 };
    let r = if want.is_empty() { 0.0 } else { overlap as f64 / want.len() as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn shingles(w: &[String]) -> Vec<String> {
    if w.len() < 4 {
        return vec![w.join(" ")];
    }
    w.windows(4).map(|s| s.join(" ")).collect()
}

/// The text of an HTML fragment (`expected.html`), scripts and styles left out.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for (t, _) in tokenize(html) {
        match t {
            Token::Open { name, self_closing, .. } if matches!(name.as_str(), "script" | "style") && !self_closing => skip += 1,
            Token::Close { name } if matches!(name.as_str(), "script" | "style") => skip = skip.saturating_sub(1),
            Token::Open { .. } | Token::Close { .. } => out.push(' '),
            Token::Text(s) if skip == 0 => {
                out.push_str(&crate::analysis::parse::html::decode(s));
            }
            Token::Text(_) => {}
        }
    }
    out
}

/// lede's body: every block but the title and image alt texts.
fn body(a: &Analysis) -> String {
    let mut out = String::new();
    for b in a.article.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::ImageAlt)) {
        out.push_str(b.span.of(&a.text));
        out.push('\n');
    }
    out
}

#[derive(Default)]
struct Tally {
    pages: usize,
    /// (right strictly, right leniently, pages with a value)
    title: (usize, usize, usize),
    byline: (usize, usize, usize),
    publisher: (usize, usize, usize),
    published: (usize, usize, usize),
    token: (f64, f64, f64),
    shingle: (f64, f64, f64),
    /// Pages Readability calls not worth reading, and of them, those lede says hold no article; and
    /// of the others, those lede says hold none.
    not_readerable: (usize, usize),
    readerable_refused: usize,
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1}% ({a}/{b})", 100.0 * a as f64 / b as f64)
    }
}

impl Tally {
    fn report(&self, name: &str) -> String {
        let n = self.pages.max(1) as f64;
        let mut s = format!("{name}: {} pages\n", self.pages);
        for (field, (strict, lenient, of)) in
            [("title", self.title), ("byline", self.byline), ("publisher", self.publisher), ("published", self.published)]
        {
            s.push_str(&format!("  {field:<10} {}   lenient {}\n", pct(strict, of), pct(lenient, of)));
        }
        s.push_str(&format!(
            "  body token F1 {:.3} (P {:.3}, R {:.3})   shingle F1 {:.3} (P {:.3}, R {:.3})\n",
            self.token.2 / n,
            self.token.0 / n,
            self.token.1 / n,
            self.shingle.2 / n,
            self.shingle.0 / n,
            self.shingle.1 / n
        ));
        s.push_str(&format!(
            "  not an article: {} of Readability's {} not-readerable pages, {} of the others\n",
            self.not_readerable.1, self.not_readerable.0, self.readerable_refused
        ));
        s
    }
}

/// Scores every page folder of `dir`; with `errors`, lists each miss of the unsealed pages.
/// Returns the report.
pub fn evaluate(dir: &Path, errors: bool) -> Result<String, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("source.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no page folders (with source.html) in {}", dir.display()));
    }
    let (mut open, mut closed) = (Tally::default(), Tally::default());
    let options = Options { skip: Skip { quotes: true, times: true, about: true, stats: true }, ..Options::default() };
    for name in &names {
        let folder = dir.join(name);
        let read = |f: &str| std::fs::read(folder.join(f)).map_err(|e| format!("cannot read {}/{f}: {e}", folder.display()));
        let source = decode(&read("source.html")?);
        let expected = String::from_utf8_lossy(&read("expected.html")?).into_owned();
        let meta: serde_json::Value = serde_json::from_slice(&read("expected-metadata.json")?).map_err(|e| format!("{name}: {e}"))?;
        let a = analyze(&source, &options);
        let sealed = sealed(name);
        let t = if sealed { &mut closed } else { &mut open };
        t.pages += 1;
        let miss = |field: &str, want: &str, got: String| {
            if errors && !sealed {
                println!("{name}\t{field}\texpected: {want}\tgot: {got}");
            }
        };
        let art = &a.article;
        type Row<'t> = (&'static str, Option<(String, String)>, &'t mut (usize, usize, usize));
        let fields: [Row; 3] = [
            ("title", art.title.as_ref().map(|f| (f.value.clone(), format!("{:?}", f.via))), &mut t.title),
            ("byline", art.byline.as_ref().map(|f| (f.value.clone(), format!("{:?}", f.via))), &mut t.byline),
            ("siteName", art.publisher.as_ref().map(|f| (f.value.clone(), format!("{:?}", f.via))), &mut t.publisher),
        ];
        for (key, got, tally) in fields {
            let Some(want) = meta.get(key).and_then(|v| v.as_str()).filter(|v| !normalize(v).is_empty()) else { continue };
            tally.2 += 1;
            let (strict, lenient) = got.as_ref().map_or((false, false), |(g, _)| agree(want, g));
            tally.0 += usize::from(strict);
            tally.1 += usize::from(lenient);
            if !strict {
                miss(key, want, got.map_or("(none)".into(), |(g, via)| format!("{g} [{via}]")));
            }
        }
        if let Some(want) = meta.get("publishedTime").and_then(|v| v.as_str()).filter(|v| v.len() >= 10) {
            t.published.2 += 1;
            let got = art.published.as_ref().map(|p| p.iso.clone());
            let right = got.as_ref().is_some_and(|g| g.get(..10) == want.get(..10));
            t.published.0 += usize::from(right);
            t.published.1 += usize::from(right);
            if !right {
                miss("publishedTime", want, got.unwrap_or_else(|| "(none)".into()));
            }
        }
        let (got, want) = (words(&body(&a)), words(&html_text(&expected)));
        let tf = bag_f1(&got, &want);
        let sf = bag_f1(&shingles(&got), &shingles(&want));
        for (sum, x) in [(&mut t.token, tf), (&mut t.shingle, sf)] {
            sum.0 += x.0;
            sum.1 += x.1;
            sum.2 += x.2;
        }
        if tf.2 < 0.9 {
            miss(
                "body",
                &format!("{} words", want.len()),
                format!("{} words, token F1 {:.3} (P {:.3}, R {:.3})", got.len(), tf.2, tf.0, tf.1),
            );
        }
        let readerable = meta.get("readerable").and_then(|v| v.as_bool()).unwrap_or(true);
        if !readerable {
            t.not_readerable.0 += 1;
            t.not_readerable.1 += usize::from(art.not_an_article);
        } else if art.not_an_article {
            t.readerable_refused += 1;
            miss("article", "an article", "not an article".into());
        }
    }
    Ok(format!("{}{}", open.report("open (tuned on; --errors lists their misses)"), closed.report("sealed (never listed)")))
}
