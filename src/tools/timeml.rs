//! TimeML files and TempEval-3 task A scoring of the times lede finds in them.
//!
//! A `.tml` file holds the document creation time (`<DCT><TIMEX3 … value=…>`), the text
//! (`<TEXT>`) and every temporal expression in it as a `<TIMEX3 type value>` element. The
//! text is analyzed as plain text with the creation time as the reference date, and each
//! time lede finds is compared with the gold ones: strict (same extent) and relaxed
//! (overlapping) span F1, and value and type F1 (relaxed matches with the right value or
//! type, over all found and all gold), as TempEval-3 scored them (UzZaman et al., 2013).

use crate::analysis::util::timestamp::{parse_timestamp, Date};
use crate::analysis::{analyze, Options, Span};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// A TIMEX3 of the gold annotation, or one lede found, on the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte offsets into [`Doc::text`].
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    pub value: String,
}

/// One TimeML document: its id, creation time, text and gold expressions.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub dct: Date,
    pub text: String,
    pub gold: Vec<Timex>,
}

/// The value of attribute `name` in a tag's inside (`TIMEX3 tid="t1" type="DATE"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// Reads a TimeML document: the TEXT element with its markup removed and its character
/// references decoded, and each TIMEX3 in it at its place in that text.
pub fn read(id: &str, tml: &str) -> Result<Doc, String> {
    let dct_at = tml.find("<DCT>").ok_or_else(|| format!("{id}: no <DCT>"))?;
    let dct_tag = &tml[dct_at..];
    let dct_tag = &dct_tag[..dct_tag.find('>').and_then(|_| dct_tag.find("</DCT>")).unwrap_or(dct_tag.len())];
    let dct_value = attribute(dct_tag, "value").ok_or_else(|| format!("{id}: the DCT has no value"))?;
    let dct = parse_timestamp(dct_value).map(|t| t.date).ok_or_else(|| format!("{id}: cannot read the DCT {dct_value:?}"))?;
    let start = tml.find("<TEXT>").ok_or_else(|| format!("{id}: no <TEXT>"))? + "<TEXT>".len();
    let end = tml[start..].find("</TEXT>").map(|e| start + e).ok_or_else(|| format!("{id}: no </TEXT>"))?;
    let body = &tml[start..end];
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let close = rest.find('>').ok_or_else(|| format!("{id}: an unclosed tag"))?;
                let tag = &rest[1..close];
                if tag.starts_with("TIMEX3") {
                    let kind = attribute(tag, "type").unwrap_or("").to_string();
                    let value = attribute(tag, "value").unwrap_or("").to_string();
                    open = Some((text.len(), kind, value));
                } else if tag == "/TIMEX3" {
                    let (from, kind, value) = open.take().ok_or_else(|| format!("{id}: a </TIMEX3> without its start"))?;
                    gold.push(Timex { span: Span::new(from, text.len()), kind, value });
                }
                rest = &rest[close + 1..];
            }
            '&' => {
                let semi = rest.find(';').filter(|&s| s <= 6).unwrap_or(0);
                let decoded = match &rest[..semi + 1] {
                    "&amp;" => "&",
                    "&lt;" => "<",
                    "&gt;" => ">",
                    "&quot;" => "\"",
                    "&apos;" => "'",
                    _ => "",
                };
                if decoded.is_empty() {
                    text.push('&');
                    rest = &rest[1..];
                } else {
                    text.push_str(decoded);
                    rest = &rest[semi + 1..];
                }
            }
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Ok(Doc { id: id.to_string(), dct, text, gold })
}

/// Every `.tml` file of `dir`, in name order.
pub fn read_dir(dir: &Path) -> Result<Vec<Doc>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<_> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "tml")).collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no .tml files in {}", dir.display()));
    }
    paths
        .iter()
        .map(|p| {
            let tml = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            read(&p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(), &tml)
        })
        .collect()
}

/// The times lede finds in `doc`'s text, read as plain text with the creation time as the
/// reference date, with their spans mapped back onto that text.
pub fn found(doc: &Doc) -> Vec<Timex> {
    let options =
        Options { format: Some(crate::analysis::parse::InputFormat::PlainText), reference_date: Some(doc.dct), ..Options::default() };
    let a = analyze(&doc.text, &options);
    a.times
        .iter()
        .filter(|t| !t.span.is_empty())
        .map(|t| {
            let last = t.span.of(&a.text).chars().next_back().map_or(1, char::len_utf8);
            let span = Span::new(a.to_source(t.span.start), a.to_source(t.span.end - last) + last);
            if span.of(&doc.text) != t.span.of(&a.text) {
                eprintln!("{}: {:?} maps back to {:?}", doc.id, t.span.of(&a.text), span.of(&doc.text));
            }
            Timex { span, kind: t.kind_code().to_string(), value: t.value.clone().unwrap_or_default() }
        })
        .collect()
}

/// Matches of one kind of count: same extent, overlapping, and overlapping with the right
/// value or type.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hits {
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

impl Hits {
    fn add(&mut self, g: &Timex, f: &Timex) {
        self.relaxed += 1;
        self.strict += usize::from(g.span == f.span);
        self.value += usize::from(g.value == f.value);
        self.kind += usize::from(g.kind == f.kind);
    }
}

/// Counts for one group of expressions (all, or one type). By type, a match counts toward
/// the recall of its gold type (`of_gold`) and the precision of its found type (`of_found`);
/// over all, both are the same.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub of_gold: Hits,
    pub of_found: Hits,
}

impl Counts {
    /// Precision, recall and F1 of the hits `pick` chooses.
    fn prf(&self, pick: impl Fn(&Hits) -> usize) -> (f64, f64, f64) {
        let p = if self.found == 0 { 0.0 } else { 100.0 * pick(&self.of_found) as f64 / self.found as f64 };
        let r = if self.gold == 0 { 0.0 } else { 100.0 * pick(&self.of_gold) as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }

    /// F1 (in percent) of the hits `pick` chooses.
    pub fn f1(&self, pick: impl Fn(&Hits) -> usize) -> f64 {
        self.prf(pick).2
    }
}

/// The scores over a set of documents: all expressions, and by type.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub docs: usize,
    pub all: Counts,
    pub by_type: BTreeMap<String, Counts>,
}

/// A gold expression paired with the found one that overlaps it, or either alone.
#[derive(Debug, Clone, PartialEq)]
pub enum Pair<'a> {
    Both(&'a Timex, &'a Timex),
    Missed(&'a Timex),
    Spurious(&'a Timex),
}

/// Pairs gold and found expressions one to one: each gold expression takes the found one
/// with its very extent if there is one, else the first that overlaps it and is not taken.
pub fn pair<'a>(gold: &'a [Timex], found: &'a [Timex]) -> Vec<Pair<'a>> {
    let mut taken = vec![false; found.len()];
    let mut out = Vec::new();
    for g in gold {
        let free = |k: usize| !taken[k];
        let exact = (0..found.len()).find(|&k| free(k) && found[k].span == g.span);
        match exact.or_else(|| (0..found.len()).find(|&k| free(k) && found[k].span.overlaps(g.span))) {
            Some(k) => {
                taken[k] = true;
                out.push(Pair::Both(g, &found[k]));
            }
            None => out.push(Pair::Missed(g)),
        }
    }
    out.extend(found.iter().zip(&taken).filter(|(_, t)| !**t).map(|(f, _)| Pair::Spurious(f)));
    out
}

impl Score {
    /// Adds one document's pairs.
    pub fn add(&mut self, pairs: &[Pair]) {
        self.docs += 1;
        for p in pairs {
            match p {
                Pair::Both(g, f) => {
                    self.all.gold += 1;
                    self.all.found += 1;
                    self.all.of_gold.add(g, f);
                    self.all.of_found.add(g, f);
                    let by_gold = self.by_type.entry(g.kind.clone()).or_default();
                    by_gold.gold += 1;
                    by_gold.of_gold.add(g, f);
                    let by_found = self.by_type.entry(f.kind.clone()).or_default();
                    by_found.found += 1;
                    by_found.of_found.add(g, f);
                }
                Pair::Missed(g) => {
                    self.all.gold += 1;
                    self.by_type.entry(g.kind.clone()).or_default().gold += 1;
                }
                Pair::Spurious(f) => {
                    self.all.found += 1;
                    self.by_type.entry(f.kind.clone()).or_default().found += 1;
                }
            }
        }
    }

    /// The table: strict, relaxed, value and type precision, recall and F1 over all, then the
    /// four F1 by type.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let a = &self.all;
        let _ = writeln!(out, "{} documents, {} gold expressions, {} found", self.docs, a.gold, a.found);
        let _ = writeln!(out, "{:<10} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
        let picks: [(&str, Pick); 4] = [("strict", |h| h.strict), ("relaxed", |h| h.relaxed), ("value", |h| h.value), ("type", |h| h.kind)];
        for (name, pick) in picks {
            let (p, r, f) = a.prf(pick);
            let _ = writeln!(out, "{name:<10} {p:>7.2} {r:>7.2} {f:>7.2}");
        }
        let _ = writeln!(out, "F1 by type (recall of the gold type, precision of the found type):");
        let _ = writeln!(out, "{:<10} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8}", "", "gold", "found", "strict", "relaxed", "value", "type");
        for (kind, c) in &self.by_type {
            let f: Vec<f64> = picks.iter().map(|(_, pick)| c.f1(pick)).collect();
            let _ = writeln!(out, "{kind:<10} {:>6} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2}", c.gold, c.found, f[0], f[1], f[2], f[3]);
        }
        out
    }
}

/// One kind of match counts.
type Pick = fn(&Hits) -> usize;

/// Scores `docs`, with each document's pairs passed to `each` (for `--errors`).
pub fn evaluate(docs: &[Doc], mut each: impl FnMut(&Doc, &[Pair])) -> Score {
    let mut score = Score::default();
    for doc in docs {
        let found = found(doc);
        let pairs = pair(&doc.gold, &found);
        each(doc, &pairs);
        score.add(&pairs);
    }
    score
}

/// The lines `--errors` prints for one document's pairs: every miss, every expression found
/// where the gold has none, and every match with another extent, value or type.
pub fn errors(doc: &Doc, pairs: &[Pair]) -> Vec<String> {
    let text = |t: &Timex| t.span.of(&doc.text).replace('\n', " ");
    let context = |t: &Timex| {
        let from = doc.text[..t.span.start].rfind(['.', '\n']).map_or(0, |k| k + 1);
        let to = doc.text[t.span.end..].find(['.', '\n']).map_or(doc.text.len(), |k| t.span.end + k);
        let mut from = from;
        while !doc.text.is_char_boundary(from) {
            from += 1;
        }
        doc.text[from..to].trim().replace('\n', " ")
    };
    let mut out = Vec::new();
    for p in pairs {
        let line = match p {
            Pair::Missed(g) => format!("MISSED   {} {:?} {} {}", g.kind, text(g), g.value, ""),
            Pair::Spurious(f) => format!("SPURIOUS {} {:?} {} {}", f.kind, text(f), f.value, ""),
            Pair::Both(g, f) if g.span == f.span && g.value == f.value && g.kind == f.kind => continue,
            Pair::Both(g, f) => {
                let what = if g.value != f.value {
                    "VALUE   "
                } else if g.kind != f.kind {
                    "TYPE    "
                } else {
                    "EXTENT  "
                };
                format!("{what} {} {:?} {} | found {} {:?} {}", g.kind, text(g), g.value, f.kind, text(f), f.value)
            }
        };
        let t = match p {
            Pair::Missed(t) | Pair::Spurious(t) | Pair::Both(t, _) => t,
        };
        out.push(format!("{} dct {} | {} | {}", doc.id, doc.dct.iso(), line.trim_end(), context(t)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TML: &str = r#"<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Sales &amp; profits <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT></TimeML>"#;

    #[test]
    fn reads_the_text_the_dct_and_the_gold() {
        let d = read("X", TML).unwrap();
        assert_eq!(d.dct, Date { year: 1998, month: 1, day: 8 });
        assert_eq!(d.text, "\nSales & profits fell yesterday, after two weeks.\n");
        let spans: Vec<&str> = d.gold.iter().map(|g| g.span.of(&d.text)).collect();
        assert_eq!(spans, ["yesterday", "two weeks"]);
        assert_eq!((d.gold[1].kind.as_str(), d.gold[1].value.as_str()), ("DURATION", "P2W"));
    }

    #[test]
    fn scores_strict_relaxed_and_value() {
        let t = |a, b, v: &str| Timex { span: Span::new(a, b), kind: "DATE".into(), value: v.into() };
        let gold = [t(0, 5, "1998"), t(10, 20, "1998-01"), t(30, 35, "PXY")];
        let found = [t(0, 5, "1998"), t(12, 20, "1997-01"), t(40, 45, "1999")];
        let mut s = Score::default();
        s.add(&pair(&gold, &found));
        assert_eq!(s.all.of_gold, Hits { strict: 1, relaxed: 2, value: 1, kind: 2 });
        assert!((s.all.f1(|h| h.relaxed) - 200.0 / 3.0).abs() < 1e-9);
        assert!((s.all.f1(|h| h.strict) - 100.0 / 3.0).abs() < 1e-9);
    }
}
