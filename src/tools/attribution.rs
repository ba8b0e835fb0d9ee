//! Scoring quotes and their speakers against attribution-annotated news: PolNeAR's brat
//! standoff files (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`), where every
//! attribution links a SOURCE (who), a CUE (the reporting verb or phrase) and a CONTENT
//! (what was said). `lede eval-quotes DIR` runs the whole analysis on each text and prints
//! the scores of [`Score::report`]; `--errors` lists every miss.
//!
//! What is scored:
//! - A **gold direct quote** is an attribution with a source whose content holds a quotation
//!   mark: a whole quote, or a few quoted words inside reported speech (a partial quote).
//!   Attributions without a source are not gold quotes, but a quote of lede's inside one is real.
//! - A gold quote is **found** when one of lede's quotes of speech (direct or partial) overlaps
//!   its content. lede's quoted phrases (titles, scare quotes) and reported speech do not count.
//! - lede's quote of speech is **real** (precision) when it overlaps the content of any
//!   attribution.
//! - The **speaker is right** when one of the found quotes names the source's head: the gold
//!   source is cut at its first comma, parenthesis, "of", "who", "from", "at", "with", "for" or "to" ("Mr. Morgan of the
//!   Sierra Club" → "Mr. Morgan"; "to": "an adviser to Trump"), a possessive is dropped, and its last word is the head
//!   ("Morgan"); "who" stands for the name before it. lede's speaker is right when the words it
//!   names at the attribution (`speaker_span`) or a mention of its speaker entity overlap the
//!   head, or the entity's name ends with the head word ("Donald Trump" for "Trump"). A gold
//!   pronoun is matched the same way, by the words: this data links no pronoun to its
//!   antecedent, so it cannot say whether lede resolved "he" to the right person.
//!
//! The annotators' offsets count characters; they are turned into byte offsets of the input,
//! and lede's spans into the input through [`Analysis::to_source`].

use crate::analysis::parse::InputFormat;
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::{analyze, Analysis, Options, Span};
use std::path::Path;

/// One attribution of a gold file, its spans as byte offsets into the article's text.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    /// The source's pieces (several when the annotator's span is discontinuous).
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
}

/// One annotated article.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub attributions: Vec<Attribution>,
}

/// The byte offset of every character of `text`, and one past the end.
fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

/// Reads one brat `.ann` file of `text`: text-bound annotations (`T1<TAB>Source 10 12<TAB>we`,
/// discontinuous ones as `10 12;14 20`) and the events that tie them (`E1<TAB>Attribution:T4
/// Content:T3 Cue:T2 Source:T1`). Malformed lines are skipped.
pub fn read_ann(text: &str, ann: &str) -> Vec<Attribution> {
    let offsets = char_offsets(text);
    let byte = |c: usize| offsets.get(c).copied();
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, ranges)) = body.split_once(' ') else { continue };
            let pieces: Option<Vec<Span>> = ranges
                .split(';')
                .map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some(Span::new(byte(a.parse().ok()?)?, byte(b.parse().ok()?)?))
                })
                .collect();
            if let Some(pieces) = pieces {
                spans.insert(id, pieces);
            }
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    events
        .into_iter()
        .map(|body| {
            let mut a = Attribution::default();
            for arg in body.split(' ') {
                let Some((role, id)) = arg.split_once(':') else { continue };
                let pieces = spans.get(id).cloned().unwrap_or_default();
                match role {
                    "Source" => a.source = pieces,
                    "Cue" => a.cue = pieces,
                    "Content" => a.content = pieces,
                    _ => {}
                }
            }
            a
        })
        .collect()
}

/// Reads every article of `dir` (`text/` and `attributions/`), with the first annotator's
/// file (by name) where several annotated an article, in the order of their names.
pub fn read_dir(dir: &Path) -> Result<Vec<Article>, String> {
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("cannot read {}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut out: Vec<Article> = Vec::new();
    for ann in anns {
        // NAME_ANNOTATOR.ann: the annotator's id follows the last underscore.
        let Some((name, _)) = ann.trim_end_matches(".ann").rsplit_once('_') else { continue };
        if out.last().is_some_and(|a| a.name == name) {
            continue;
        }
        let path = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let ann_text = std::fs::read_to_string(ann_dir.join(&ann)).map_err(|e| format!("cannot read {ann}: {e}"))?;
        let attributions = read_ann(&text, &ann_text);
        out.push(Article { name: name.to_string(), text, attributions });
    }
    Ok(out)
}

/// Whether lede's quote claims to be someone's words (not a title or scare quote, not
/// reported speech).
pub fn is_speech(kind: QuoteKind) -> bool {
    matches!(kind, QuoteKind::Direct | QuoteKind::Partial)
}

const QUOTE_MARKS: [char; 3] = ['"', '“', '”'];

/// The head word of a gold source, as a span of the article's text (see the module's doc).
pub fn source_head(text: &str, source: &[Span]) -> Option<Span> {
    let first = *source.first()?;
    let s = first.of(text);
    // Cut at the first comma, parenthesis, "of", "who", "from" or "at" that follows a word.
    let mut end = s.len();
    for cut in [",", "(", " of ", " who ", " from ", " at ", " with ", " for ", " to "] {
        if let Some(i) = s.find(cut).filter(|&i| i > 0) {
            end = end.min(i);
        }
    }
    let kept = s[..end].trim_end();
    let words: Vec<(usize, &str)> = word_spans(kept);
    let &(at, w) = words.last()?;
    let w_trim = w.trim_end_matches("’s").trim_end_matches("'s").trim_end_matches(['’', '\'']);
    if matches!(w_trim.to_lowercase().as_str(), "who" | "which" | "that") && words.len() == 1 {
        // The relative pronoun alone: the name before it in the text stands for it.
        let before = &text[..first.start];
        let before = before.trim_end().trim_end_matches(',').trim_end();
        let words = word_spans(before);
        let &(at, w) = words.last()?;
        return Some(Span::new(at, at + w.len()));
    }
    Some(Span::new(first.start + at, first.start + at + w_trim.len()))
}

/// The words of `s` (runs without spaces, punctuation at their edges removed) and where each starts.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(st)) => {
                let w = &s[st..i];
                let lead = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
                let word = word.trim_start_matches(['’', '\'']);
                if !word.is_empty() {
                    out.push((st + lead, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The scores of one run.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub articles: usize,
    /// Gold direct quotes (with a source), and of them the partial ones.
    pub gold: usize,
    pub gold_partial: usize,
    /// Found by a quote of speech of lede's; of them, partial gold quotes.
    pub found: usize,
    pub found_partial: usize,
    /// Found with the right speaker; of them, partial.
    pub right: usize,
    pub right_partial: usize,
    /// Found without any speaker.
    pub no_speaker: usize,
    /// lede's quotes of speech, and those that are real.
    pub predicted: usize,
    pub real: usize,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

impl Score {
    /// Adds `other`'s counts.
    pub fn add(&mut self, o: &Score) {
        self.articles += o.articles;
        self.gold += o.gold;
        self.gold_partial += o.gold_partial;
        self.found += o.found;
        self.found_partial += o.found_partial;
        self.right += o.right;
        self.right_partial += o.right_partial;
        self.no_speaker += o.no_speaker;
        self.predicted += o.predicted;
        self.real += o.real;
    }

    pub fn report(&self) -> String {
        let full = (self.gold - self.gold_partial, self.found - self.found_partial, self.right - self.right_partial);
        format!(
            "{} articles, {} gold direct quotes ({} partial), lede's quotes of speech: {}\n\
             detection:  recall {:6.2}% ({}/{}); precision {:6.2}% ({}/{})\n\
             speaker among found: {:6.2}% ({}/{}; none given for {}, wrong for {})\n\
             end to end: {:6.2}% ({}/{})\n\
             \x20 whole quotes:   found {:6.2}%, speaker {:6.2}% among found, end to end {:6.2}%\n\
             \x20 partial quotes: found {:6.2}%, speaker {:6.2}% among found, end to end {:6.2}%\n",
            self.articles,
            self.gold,
            self.gold_partial,
            self.predicted,
            pct(self.found, self.gold),
            self.found,
            self.gold,
            pct(self.real, self.predicted),
            self.real,
            self.predicted,
            pct(self.right, self.found),
            self.right,
            self.found,
            self.no_speaker,
            self.found - self.right - self.no_speaker,
            pct(self.right, self.gold),
            self.right,
            self.gold,
            pct(full.1, full.0),
            pct(full.2, full.1),
            pct(full.2, full.0),
            pct(self.found_partial, self.gold_partial),
            pct(self.right_partial, self.found_partial),
            pct(self.right_partial, self.gold_partial),
        )
    }
}

/// Whether a gold content is a partial quote: its quoted words are less than nine tenths of its words.
fn is_partial(text: &str, content: &[Span]) -> bool {
    let (mut inside, mut all, mut open) = (0usize, 0usize, false);
    for piece in content {
        for c in piece.of(text).chars() {
            if QUOTE_MARKS.contains(&c) {
                open = match c {
                    '“' => true,
                    '”' => false,
                    _ => !open,
                };
            } else if c.is_alphanumeric() {
                all += 1;
                inside += usize::from(open);
            }
        }
    }
    inside * 10 < all * 9
}

/// A quote's parts in the input's offsets.
fn parts_in_source(a: &Analysis, q: &Quote) -> Vec<Span> {
    q.parts.iter().map(|p| Span::new(a.to_source(p.start), a.to_source(p.end))).collect()
}

/// Whether lede's quote `q` names the speaker whose head is `head` (input offsets).
fn speaker_right(a: &Analysis, input: &str, q: &Quote, head: Span) -> bool {
    let to_source = |s: Span| Span::new(a.to_source(s.start), a.to_source(s.end));
    if q.speaker_span.is_some_and(|s| to_source(s).overlaps(head)) {
        return true;
    }
    let Some(entity) = q.speaker.and_then(|e| a.entities.get(e)) else { return false };
    if entity.mentions.iter().filter_map(|&m| a.mentions.get(m)).any(|m| to_source(m.span).overlaps(head)) {
        return true;
    }
    let head_word = head.of(input).to_lowercase();
    let last = entity.name.rsplit(' ').next().unwrap_or("").trim_end_matches("’s").trim_end_matches("'s").to_lowercase();
    !head_word.is_empty() && last == head_word
}

/// What lede says of a quote's speaker, for an error line.
fn describe_speaker(a: &Analysis, q: &Quote) -> String {
    let name = q.speaker.and_then(|e| a.entities.get(e)).map(|e| e.name.as_str());
    let said = q.speaker_span.map(|s| s.of(&a.text));
    let how = q.how.map(|h| h.describe()).unwrap_or("none");
    match (name, said) {
        (Some(n), Some(s)) if n != s => format!("{n} (\"{s}\", {how})"),
        (Some(n), _) => format!("{n} ({how})"),
        (None, Some(s)) => format!("\"{s}\" unresolved ({how})"),
        (None, None) => "none".into(),
    }
}

/// The first `n` characters of `s` on one line.
fn clip(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!("{}…", one.chars().take(n).collect::<String>())
    }
}

/// Scores lede on one article; `errors` receives a line per miss when given.
pub fn score_article(article: &Article, mut errors: Option<&mut Vec<String>>) -> Score {
    let options = Options { format: Some(InputFormat::PlainText), ..Options::default() };
    let a = analyze(&article.text, &options);
    let text = &article.text;
    let speech: Vec<(&Quote, Vec<Span>)> = a.quotes.iter().filter(|q| is_speech(q.kind)).map(|q| (q, parts_in_source(&a, q))).collect();
    let mut s = Score { articles: 1, predicted: speech.len(), ..Score::default() };
    let overlaps = |parts: &[Span], content: &[Span]| parts.iter().any(|p| content.iter().any(|c| c.overlaps(*p)));
    for (q, parts) in &speech {
        if article.attributions.iter().any(|g| overlaps(parts, &g.content)) {
            s.real += 1;
        } else if let Some(e) = errors.as_deref_mut() {
            let quoted = q.parts.iter().map(|p| p.of(&a.text)).collect::<Vec<_>>().join(" … ");
            e.push(format!("{}\tnot speech\t“{}”\tlede: {}", article.name, clip(&quoted, 90), describe_speaker(&a, q)));
        }
    }
    for g in &article.attributions {
        let holds_mark = g.content.iter().any(|c| c.of(text).contains(QUOTE_MARKS));
        if g.source.is_empty() || !holds_mark {
            continue;
        }
        let partial = is_partial(text, &g.content);
        s.gold += 1;
        s.gold_partial += usize::from(partial);
        let matching: Vec<&Quote> = speech.iter().filter(|(_, parts)| overlaps(parts, &g.content)).map(|(q, _)| *q).collect();
        let gold_source = g.source.iter().map(|p| p.of(text)).collect::<Vec<_>>().join(" … ");
        let gold_cue = g.cue.iter().map(|p| p.of(text)).collect::<Vec<_>>().join(" … ");
        let content = g.content.iter().map(|p| p.of(text)).collect::<Vec<_>>().join(" … ");
        if matching.is_empty() {
            if let Some(e) = errors.as_deref_mut() {
                let phrase = a.quotes.iter().any(|q| overlaps(&parts_in_source(&a, q), &g.content));
                let what = if phrase { "not found (a phrase or reported)" } else { "not found" };
                e.push(format!("{}\t{what}\t“{}”\tgold: {gold_source} ({gold_cue})", article.name, clip(&content, 90)));
            }
            continue;
        }
        s.found += 1;
        s.found_partial += usize::from(partial);
        let head = source_head(text, &g.source);
        if head.is_some_and(|h| matching.iter().any(|q| speaker_right(&a, text, q, h))) {
            s.right += 1;
            s.right_partial += usize::from(partial);
            continue;
        }
        let none = matching.iter().all(|q| q.speaker.is_none() && q.speaker_span.is_none());
        s.no_speaker += usize::from(none);
        if let Some(e) = errors.as_deref_mut() {
            let said = matching.iter().map(|q| describe_speaker(&a, q)).collect::<Vec<_>>().join("; ");
            let what = if none { "no speaker" } else { "wrong speaker" };
            let head = head.map_or("", |h| h.of(text));
            e.push(format!("{}\t{what}\t“{}”\tgold: {gold_source} [{head}] ({gold_cue})\tlede: {said}", article.name, clip(&content, 90)));
        }
    }
    s
}

/// Scores every article of `dir`; with `errors`, prints a line per miss first.
pub fn evaluate(dir: &Path, errors: bool) -> Result<Score, String> {
    let articles = read_dir(dir)?;
    let mut total = Score::default();
    let mut lines = Vec::new();
    for article in &articles {
        total.add(&score_article(article, errors.then_some(&mut lines)));
    }
    for l in lines {
        println!("{l}");
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_count_characters() {
        let text = "“Yes,” she said. Don’t go.";
        let ann = "T1\tSource 7 10\tshe\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\t“Yes,”\nT4\tAttribution 11 15\tsaid\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T1\tnote\n";
        let a = read_ann(text, ann);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].source[0].of(text), "she");
        assert_eq!(a[0].content[0].of(text), "“Yes,”");
        // Discontinuous spans.
        let a = read_ann("one two three", "T1\tContent 0 3;8 13\tone three\nE1\tAttribution:T1 Content:T1");
        assert_eq!(a[0].content.iter().map(|s| s.of("one two three")).collect::<Vec<_>>(), ["one", "three"]);
    }

    #[test]
    fn a_sources_head() {
        let head = |t: &str| {
            let all = vec![Span::new(0, t.len())];
            source_head(t, &all).map(|h| h.of(t).to_string())
        };
        assert_eq!(head("Mr. Morgan of the Sierra Club").as_deref(), Some("Morgan"));
        assert_eq!(head("Campaign chair Paul Manafort").as_deref(), Some("Manafort"));
        assert_eq!(head("Roy Verley, HP's former chief corporate spokesman").as_deref(), Some("Verley"));
        assert_eq!(head("Former governor Ed Rendell (D), a Clinton supporter,").as_deref(), Some("Rendell"));
        assert_eq!(head("Ryan’s").as_deref(), Some("Ryan"));
        assert_eq!(head("the Florida senator").as_deref(), Some("senator"));
        let t = "Mitch McConnell, who";
        assert_eq!(source_head(t, &[Span::new(17, 20)]).map(|h| h.of(t)), Some("McConnell"));
    }

    #[test]
    fn partial_quotes_are_told_from_whole_ones() {
        let t = "he was “not ready” to support the nominee";
        assert!(is_partial(t, &[Span::new(0, t.len())]));
        let t = "“We will win,”";
        assert!(!is_partial(t, &[Span::new(0, t.len())]));
    }
}
