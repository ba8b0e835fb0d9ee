//! Quotes, who said them, and who the article relies on.
//!
//! Quoted runs are found by their marks ([`marks`]), including quotes that run over
//! several paragraphs and quotes split by their attribution (""...," he said. "...""). Each
//! run is attributed by the grammar of attribution ([`grammar`]): the forms in which a source,
//! a cue and a quote stand together, tried in order on the words around it, the source read as
//! a phrase ([`speaker`]: a name with its title, apposition and affiliation, a pronoun, a noun
//! phrase). The phrase is resolved to an entity ([`coref`]): a pronoun to the most salient
//! compatible name, a role noun to the last person with that role. A quote without an
//! attribution goes on with the last speaker within the same stretch of talk. Reported speech
//! without marks ("Russia said on Thursday that ...") is found by its verb ([`indirect`]).
//! Last, the quotes are grouped by source ([`sources`]).
//!
//! A quote is direct (a whole utterance), partial (a speaker's words inside the writer's
//! sentence: "blasted Clinton as a "disgrace""), a phrase (a title, a slogan, a nickname, a
//! scare quote: nobody's speech) or indirect.

pub mod coref;
pub mod grammar;
pub mod indirect;
pub mod marks;
pub mod sources;
pub mod speaker;
pub mod words;

use super::mention::{Entity, Label, Mention};
use super::parse::{Block, BlockKind};
use super::span::Span;
use super::util::order;
use grammar::{Context, Found, Row};
use marks::Marked;
use serde::{Deserialize, Serialize};
pub use sources::{QuotedSource, SourceKind};
use speaker::Head;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Speech in quotation marks: a whole utterance.
    Direct,
    /// A quoted phrase that is nobody's speech: a title, a slogan, a nickname, a scare quote.
    Phrase,
    /// A speaker's own words quoted inside the writer's sentence: `blasted Clinton as a "disgrace"`.
    Partial,
    /// Reported speech without quotation marks ("Russia said that ...").
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// From the first quoted character to the last (marks excluded); may cross paragraphs.
    pub span: Span,
    /// The quoted stretches, one per paragraph or per side of an interrupting attribution.
    pub parts: Vec<Span>,
    /// The speaker as the text names them at the attribution ("Peskov", "He", "a senior official").
    pub speaker_span: Option<Span>,
    /// The speaker's entity (index into `Analysis::entities`).
    pub speaker: Option<usize>,
    /// The speaker's role as the article gives it ("Kremlin spokesman").
    pub role: Option<String>,
    /// The organisation the speaker speaks for, where the attribution says ("Sierra Club").
    pub affiliation: Option<String>,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// The rule that chose the speaker: a form of the attribution grammar, or carried over.
    pub how: Option<How>,
    /// How the words naming the speaker became an entity.
    pub resolution: Option<Resolution>,
    /// How sure lede is of the speaker, from 0 to 1 (below [`SURE`] the app shows it as unsure).
    pub confidence: Option<f32>,
    /// The quote's source (index into `Analysis::sources`).
    pub source: Option<usize>,
}

/// The confidence from which a speaker is shown as sure.
pub const SURE: f32 = 0.6;

/// The rule that chose a quote's speaker (snake_case in the JSON): a row of
/// [`grammar::GRAMMAR`], or a quote going on with the last speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// A cue verb before the quote and its source: `Peskov said: "..."`.
    VerbBefore,
    /// A cue verb after the quote: `"...," Peskov said`, `"...," said Peskov`.
    VerbAfter,
    /// A name and a colon: `Trump: "..."`.
    Colon,
    /// A dash and a name after the quote: `"..." — Steve Quinlan`.
    Dash,
    /// "according to" a source.
    AccordingTo,
    /// The quote is in the complement of a reporting clause: `Christie blasted Clinton as a "disgrace"`.
    ReportingClause,
    /// A cue noun after a possessive source: `his promise to "make America great again"`.
    CueNoun,
    /// A quote with no attribution of its own goes on with the last speaker in the same stretch of talk.
    CarriedOver,
}

impl How {
    /// Every rule, for the tests that check each has its cases.
    pub const ALL: [How; 8] =
        [How::VerbBefore, How::VerbAfter, How::Colon, How::Dash, How::AccordingTo, How::ReportingClause, How::CueNoun, How::CarriedOver];

    /// In a few words for a reader ("verb before").
    pub fn describe(self) -> &'static str {
        match self {
            How::VerbBefore => "verb before",
            How::VerbAfter => "verb after",
            How::Colon => "name and colon",
            How::Dash => "dash and name",
            How::AccordingTo => "according to",
            How::ReportingClause => "reporting clause",
            How::CueNoun => "cue noun",
            How::CarriedOver => "carried over",
        }
    }
}

/// How the words naming a speaker became an entity (snake_case in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The words are a name.
    Name,
    /// A pronoun, resolved to the most salient compatible name before it (or left unresolved).
    Pronoun,
    /// A role noun ("the spokesman"), resolved to the last person with that role.
    Role,
    /// A description of a source the article does not name ("a senior official").
    Description,
}

impl Resolution {
    /// In a word or two for a reader.
    pub fn describe(self) -> &'static str {
        match self {
            Resolution::Name => "name",
            Resolution::Pronoun => "pronoun",
            Resolution::Role => "role",
            Resolution::Description => "unnamed",
        }
    }
}

/// How many words on each side of a quote may hold its attribution. The bound keeps a block
/// with thousands of quotes and no sentence break (pasted JSON, a CSV) linear instead of
/// scanning the text before every quote.
pub const ATTRIBUTION_WORDS: usize = 40;

/// An unnamed source's description and its kind, beside the quote it speaks, if any.
type Described = Option<(String, &'static str)>;

/// The sentence of `sentences` (sorted) that holds `pos`.
fn sentence_at(sentences: &[Span], pos: usize) -> Option<Span> {
    let k = sentences.partition_point(|s| s.start <= pos);
    k.checked_sub(1).map(|k| sentences[k]).filter(|s| pos < s.end)
}

/// Whether `span` lies in one of `runs` (sorted by opening mark and disjoint).
fn in_runs(runs: &[Marked], span: Span) -> bool {
    let k = runs.partition_point(|r| r.open <= span.start);
    k > 0 && runs[k - 1].after() > span.start
}

/// What stands around quote `ri` of `runs` (the block's): the words of its sentence before it,
/// and after its closing mark to the end of the sentence they are in.
fn context<'a>(text: &'a str, sentences: &[Span], mentions: &'a [Mention], block: Span, runs: &[Marked], ri: usize) -> Context<'a> {
    let run = &runs[ri];
    let sentence = sentence_at(sentences, run.open).filter(|s| s.start >= block.start).unwrap_or(block);
    let before_span = Span::new(sentence.start.min(run.open), run.open);
    let near = words::last_words(text, before_span, ATTRIBUTION_WORDS);
    let mut before = words::words(text, near, mentions);
    before.retain(|w| !in_runs(runs, w.span));
    let intro = before_span.of(text).trim_end().chars().last();
    let after_start = run.after().min(block.end);
    let next_open = runs.get(ri + 1).map_or(block.end, |n| n.open).max(after_start);
    let rest = Span::new(after_start, next_open).of(text);
    let first_char = after_start + (rest.len() - rest.trim_start().len());
    let sentence_end = sentence_at(sentences, first_char).map_or(block.end, |s| s.end);
    let after_span = words::first_words(text, Span::new(after_start, sentence_end.min(next_open).max(after_start)), ATTRIBUTION_WORDS);
    let after = words::words(text, after_span, mentions);
    Context {
        text,
        mentions,
        from_start: near.start == before_span.start,
        before,
        after,
        intro,
        outro: after_span.of(text).trim_start().chars().next(),
        last: run.inner.of(text).trim_end().chars().last(),
    }
}

/// Whether a quoted run is a name, a title, a slogan, a hashtag or a word talked about rather
/// than anyone's speech: a marker word beside it ("so-called", "the "..." campaign"), a
/// hashtag or handle, a nickname right before a name (""Little Marco" Rubio"), or title case
/// inside a sentence ("on "Saturday Night Live"").
fn is_phrase(text: &str, run: &Marked, ctx: &Context) -> bool {
    let content = run.inner.of(text).trim();
    if content.starts_with(['#', '@']) {
        return true;
    }
    let marker = words::is_phrase_marker;
    // The word before the opening mark, past "the", "a" and "as": "known as".
    let plain_before = ctx.intro.is_some_and(|c| c.is_alphanumeric());
    if plain_before {
        let mut k = ctx.before.len();
        while k > 0 && matches!(ctx.before[k - 1].lower.as_str(), "the" | "a" | "an" | "as") && k + 2 > ctx.before.len() {
            k -= 1;
        }
        if k > 0 && marker(&ctx.before[k - 1].lower, "before") {
            return true;
        }
    }
    // The word right after the closing mark, with no punctuation between (inside the marks or
    // out): ""Little Marco" Rubio", "the "Fight for $15" movement".
    let open_end = !content.ends_with(['.', ',', ';', ':', '!', '?', '…']);
    if let Some(first) = ctx.after.first().filter(|_| open_end && ctx.outro.is_some_and(|c| c.is_alphanumeric())) {
        if marker(&first.lower, "after") || first.mention.is_some_and(|m| ctx.mentions[m].label == Label::Person) {
            return true;
        }
    }
    // Title case inside a sentence, without a point of its own: "Meet the Press,".
    let inside = ctx.intro.is_some_and(|c| !matches!(c, ':' | '—' | '–'));
    let words: Vec<&str> = content.trim_end_matches([',', ';']).split_whitespace().collect();
    let titled = !words.is_empty()
        && words.len() <= 8
        && !content.ends_with(['!', '?', '…'])
        && words
            .iter()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() < 4 || w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()))
        && words.iter().any(|w| w.starts_with(char::is_uppercase))
        && content != "I";
    inside && titled
}

/// Whether `found`'s cue names what someone called something ("called", "dubbed"), and its
/// source is a person: the quoted name is then that person's words.
fn is_naming(text: &str, found: &Found, mentions: &[Mention]) -> bool {
    let cue = found.cue.of(text).to_lowercase();
    ["call", "dub", "label", "brand", "nickname", "term", "describ", "refer"].iter().any(|p| cue.starts_with(p))
        && found.phrase.is_person(mentions)
}

/// The kind of quote `run` is, given its attribution.
fn kind_of(text: &str, run: &Marked, ctx: &Context, att: Option<(&Row, &Found)>) -> QuoteKind {
    let content = run.inner.of(text).trim();
    let n = content.split_whitespace().count();
    let speechlike = !run.single && (n >= 5 || matches!(ctx.intro, Some(':' | ',')) || content.ends_with(['.', '!', '?', ',']));
    let phrase = is_phrase(text, run, ctx);
    match att {
        Some((row, _)) if row.frames => {
            let opens = matches!(ctx.intro, None | Some(':' | ',' | '—' | '–' | '('));
            let closes = matches!(ctx.last, Some('.' | ',' | '!' | '?' | '…')) || matches!(ctx.outro, None | Some(',' | '—' | '–' | ')'));
            let inside = ctx.intro.is_some_and(char::is_alphanumeric);
            if phrase && inside {
                QuoteKind::Phrase
            } else if speechlike || (opens && closes) {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            }
        }
        Some((_, found)) => {
            if phrase && !is_naming(text, found, ctx.mentions) {
                return QuoteKind::Phrase;
            }
            let after_cue = ctx.before.last().is_some_and(|w| w.span == found.cue) || matches!(ctx.intro, Some(':' | ','));
            if !run.single && after_cue && content.starts_with(char::is_uppercase) && n >= 3 {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            }
        }
        // Without an attribution, only a quote that opens its clause is someone's speech; one
        // after the writer's own words ("ended with "a turning point"") is a phrase.
        None if speechlike && !phrase && !ctx.intro.is_some_and(char::is_alphanumeric) => QuoteKind::Direct,
        None => QuoteKind::Phrase,
    }
}

/// The attribution a quote may carry over to the next: its speaker, and what named them.
#[derive(Debug, Clone)]
struct Talk {
    speaker: Option<usize>,
    speaker_span: Option<Span>,
    role: Option<String>,
    affiliation: Option<String>,
    resolution: Option<Resolution>,
    described: Described,
    confidence: f32,
    /// The prose block (its index among them) of the last quote of this talk.
    block: usize,
}

/// A role or description as a reader would read it alone: without its determiner or its
/// closing punctuation ("a spokesman for the campaign" → "spokesman for the campaign").
fn clean_role(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', '.', ';', ':']);
    let lower = s.to_lowercase();
    let cut = ["a ", "an ", "the "].iter().find(|d| lower.starts_with(*d)).map_or(0, |d| d.len());
    s[cut..].to_string()
}

/// Whether a role is only an honorific ("Mr.", "Mrs"): a gender, not a role.
pub(crate) fn is_honorific(role: &str) -> bool {
    words::is_honorific(&role.trim().trim_end_matches('.').to_lowercase())
}

/// A description of an unnamed source as written, with a capital only for a name
/// ("A senior official" at a sentence's start → "a senior official").
fn clean_description(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', '.', ';', ':']);
    let first = s.split_whitespace().next().unwrap_or("");
    if words::is_determiner(&first.to_lowercase()) || is_source_noun(first) {
        let mut c = s.chars();
        c.next().map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
    } else {
        s.to_string()
    }
}

/// Whether `w` is a common noun of the sources' list (written with a capital at a sentence's start).
fn is_source_noun(w: &str) -> bool {
    super::lists::SPEAKER_NOUNS.mark(&w.to_lowercase()).is_some_and(|k| k != "title")
}

/// Everything the quotes stage reads, for one article.
struct Stage<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    people: coref::People<'a>,
    quotes: Vec<Quote>,
    /// For each quote, the description of its source when it has no speaker's entity.
    described: Vec<Described>,
    talk: Option<Talk>,
}

impl Stage<'_> {
    /// Gives quote `q` the source `found` names, by form `row`; returns the description of an
    /// unnamed source.
    fn attribute(&mut self, q: &mut Quote, row: &Row, found: &Found) -> Option<(String, &'static str)> {
        let (text, mentions) = (self.text, self.mentions);
        let phrase = found.phrase;
        let last_speaker = self.talk.as_ref().and_then(|t| t.speaker);
        let (speaker, resolution, sure) = match phrase.head {
            Head::Name(m) => (mentions.get(m).map(|m| m.entity), Resolution::Name, 1.0),
            Head::Pronoun { .. } => {
                let word = phrase.span.of(text).to_lowercase();
                match self.people.pronoun(phrase.head, &word, phrase.span.start, last_speaker) {
                    Some((e, c)) => (Some(e), Resolution::Pronoun, c),
                    None => (None, Resolution::Pronoun, 0.0),
                }
            }
            Head::Noun { head, kind, definite } => {
                let role =
                    (definite && matches!(kind, "person" | "title")).then(|| self.people.role(head.of(text), phrase.span.start)).flatten();
                match role {
                    Some(e) => (Some(e), Resolution::Role, 0.75),
                    None => (None, Resolution::Description, 1.0),
                }
            }
            Head::Proper => match self.people.by_surname(phrase.span.of(text)) {
                Some(e) => (Some(e), Resolution::Name, 0.9),
                None => (None, Resolution::Name, 0.9),
            },
        };
        q.speaker_span = Some(phrase.span);
        q.speaker = speaker;
        q.cue = Some(found.cue);
        q.how = Some(row.id);
        q.resolution = Some(resolution);
        q.role = phrase
            .role
            .map(|r| clean_role(r.of(text)))
            .or_else(|| speaker.and_then(|e| self.entities.get(e)?.role.clone()))
            .filter(|r| !is_honorific(r));
        q.affiliation = phrase.affiliation.and_then(|m| Some(self.entities.get(mentions.get(m)?.entity)?.name.clone()));
        let described = match (speaker, phrase.head) {
            (None, Head::Noun { kind, .. }) => Some((clean_description(phrase.span.of(text)), kind)),
            (None, Head::Proper) => Some((phrase.span.of(text).to_string(), "name")),
            _ => None,
        };
        q.confidence = (speaker.is_some() || described.is_some()).then(|| round(row.confidence * sure));
        if let (Some(e), Some(role)) = (speaker, phrase.role) {
            self.people.add_role(role.start, role.of(text), e);
        }
        described
    }

    /// The talk a quote attributed to someone starts or goes on with.
    fn talk_of(q: &Quote, described: &Described, block: usize) -> Option<Talk> {
        (q.speaker.is_some() || described.is_some()).then(|| Talk {
            speaker: q.speaker,
            speaker_span: q.speaker_span,
            role: q.role.clone(),
            affiliation: q.affiliation.clone(),
            resolution: q.resolution,
            described: described.clone(),
            confidence: q.confidence.unwrap_or(0.5),
            block,
        })
    }

    /// Gives a quote without an attribution of its own the last speaker, within the same
    /// stretch of talk: the same paragraph or the next, or one paragraph later for a paragraph
    /// that is only a quote (less sure). Any other attribution in between has ended the talk.
    fn carry_over(&mut self, q: &mut Quote, block: usize, quote_only: bool) -> Option<(String, &'static str)> {
        let t = self.talk.as_mut()?;
        let factor = match block - t.block.min(block) {
            0 => 0.85,
            1 => 0.8,
            2 if quote_only => 0.55,
            _ => return None,
        };
        q.speaker = t.speaker;
        q.speaker_span = t.speaker_span;
        q.role = t.role.clone();
        q.affiliation = t.affiliation.clone();
        q.how = Some(How::CarriedOver);
        q.resolution = t.resolution;
        q.confidence = Some(round(t.confidence * factor));
        t.block = block;
        t.described.clone()
    }
}

fn round(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// The blocks quotes are looked for in.
fn is_prose(b: &Block) -> bool {
    matches!(
        b.kind,
        BlockKind::Paragraph | BlockKind::Title | BlockKind::Quote | BlockKind::ListItem | BlockKind::Caption | BlockKind::ImageAlt
    )
}

/// Whether `block` holds nothing but its quoted runs (and punctuation).
fn only_quotes(text: &str, block: Span, runs: &[Marked]) -> bool {
    let mut at = block.start;
    for r in runs {
        if Span::new(at, r.open.max(at)).of(text).chars().any(char::is_alphanumeric) {
            return false;
        }
        at = r.after();
    }
    !runs.is_empty() && !Span::new(at.min(block.end), block.end).of(text).chars().any(char::is_alphanumeric)
}

/// Finds the quotes of `text` and their sources. `sentences` and `mentions` are sorted; the
/// entities give names and roles. Returns the quotes in text order and their sources.
pub fn find(
    text: &str,
    blocks: &[Block],
    sentences: &[Span],
    mentions: &[Mention],
    entities: &[Entity],
) -> (Vec<Quote>, Vec<QuotedSource>) {
    let prose: Vec<&Block> = blocks.iter().filter(|b| is_prose(b)).collect();
    let runs: Vec<Vec<Marked>> = prose.iter().map(|b| marks::runs(text, b.span)).collect();
    let quoted: Vec<Span> = runs.iter().flatten().map(|r| r.inner).collect();
    let mut st = Stage {
        text,
        mentions,
        entities,
        people: coref::People::new(text, sentences, mentions, entities, &quoted),
        quotes: Vec::new(),
        described: Vec::new(),
        talk: None,
    };
    let mut continuing: Option<usize> = None; // a quote running over paragraphs
    for (bi, block) in prose.iter().enumerate() {
        let block_runs = &runs[bi];
        let quote_only = only_quotes(text, block.span, block_runs);
        let mut covered: Vec<Span> = Vec::new();
        for (ri, run) in block_runs.iter().enumerate() {
            // A run that continues the previous paragraph's open quote.
            if let Some(qi) = continuing.filter(|_| ri == 0 && text[block.span.start..run.open].trim().is_empty()) {
                st.quotes[qi].parts.push(run.inner);
                st.quotes[qi].span.end = run.inner.end;
                covered.push(run.inner);
                if run.close.is_some() {
                    continuing = None;
                    // A quote over paragraphs is attributed where it closes: ""...," Trump said."
                    let unattributed = matches!(st.quotes[qi].how, None | Some(How::CarriedOver));
                    let ctx = context(text, sentences, mentions, block.span, block_runs, ri);
                    let after = grammar::GRAMMAR.iter().filter(|r| matches!(r.id, How::VerbAfter | How::Dash | How::AccordingTo));
                    if let Some((row, found)) = after.filter(|_| unattributed).find_map(|r| r.apply(&ctx).map(|f| (r, f))) {
                        let mut q = st.quotes[qi].clone();
                        let described = st.attribute(&mut q, row, &found);
                        st.talk = Stage::talk_of(&q, &described, bi);
                        st.described[qi] = described;
                        st.quotes[qi] = q;
                    } else if let Some(t) = st.talk.as_mut() {
                        t.block = bi;
                    }
                }
                continue;
            }
            continuing = None;
            let ctx = context(text, sentences, mentions, block.span, block_runs, ri);
            let content = run.inner.of(text);
            let speechlike = !run.single && (content.split_whitespace().count() >= 5 || content.trim_end().ends_with(['.', '!', '?', ',']));
            // A quote split by its attribution: ""..., he said. "..."" joins the first part.
            if speechlike {
                let last = st.quotes.len().checked_sub(1);
                let prev = last.filter(|&i| {
                    let q = &st.quotes[i];
                    q.kind == QuoteKind::Direct && q.parts.last().is_some_and(|p| block.span.contains(*p))
                });
                if let Some(pi) = prev {
                    let prev_end = st.quotes[pi].parts.last().map_or(run.open, |p| p.end);
                    let gap = Span::new(prev_end, run.open).of(text);
                    let gap_words = words::words(text, Span::new(prev_end, run.open), &[]);
                    let ends_with_comma = st.quotes[pi].parts.last().is_some_and(|p| p.of(text).trim_end().ends_with(','));
                    if gap.split_whitespace().count() <= 8 && gap_words.iter().any(|w| w.is_cue("verb", false)) && ends_with_comma {
                        let q = &mut st.quotes[pi];
                        q.parts.push(run.inner);
                        q.span.end = run.inner.end;
                        covered.push(run.inner);
                        if run.close.is_none() {
                            continuing = Some(pi);
                        }
                        continue;
                    }
                }
            }
            let att = grammar::attribute(&ctx);
            let kind = kind_of(text, run, &ctx, att.as_ref().map(|(r, f)| (*r, f)));
            let mut q = Quote {
                kind,
                span: run.inner,
                parts: vec![run.inner],
                speaker_span: None,
                speaker: None,
                role: None,
                affiliation: None,
                cue: None,
                how: None,
                resolution: None,
                confidence: None,
                source: None,
            };
            let described = match (&att, kind) {
                (Some((row, found)), QuoteKind::Direct | QuoteKind::Partial) => {
                    let d = st.attribute(&mut q, row, found);
                    st.talk = Stage::talk_of(&q, &d, bi);
                    d
                }
                // Only a quote that opens its sentence goes on with the last speaker: one inside
                // the writer's sentence is the writer's to attribute.
                (None, QuoteKind::Direct) if matches!(ctx.intro, None | Some(':')) => st.carry_over(&mut q, bi, quote_only),
                _ => None,
            };
            covered.push(run.inner);
            if run.close.is_none() {
                continuing = Some(st.quotes.len());
            }
            st.quotes.push(q);
            st.described.push(described);
        }
        // Reported speech: "<speaker> <verb> [on Thursday] that <clause>".
        for s in crate::analysis::span::within(sentences, block.span, |s| *s).iter().filter(|s| block.span.contains(**s)) {
            if crate::analysis::span::overlaps_sorted(&covered, *s) {
                continue;
            }
            if let Some(q) = indirect::find(text, *s, mentions, entities) {
                // Another speaker's statement ends the talk; the same speaker's goes on with it.
                if st.talk.as_ref().is_none_or(|t| t.speaker != q.speaker) {
                    st.talk = Stage::talk_of(&q, &None, bi);
                }
                st.quotes.push(q);
                st.described.push(None);
            }
        }
    }
    let Stage { mut quotes, described, .. } = st;
    // In text order (reported speech was added after each block's quotes).
    let mut order_: Vec<usize> = (0..quotes.len()).collect();
    order::sort_by_key(&mut order_, |&i| quotes[i].span.start as u64);
    let mut slots: Vec<Option<(Quote, Described)>> = quotes.drain(..).zip(described).map(Some).collect();
    let (mut quotes, described): (Vec<Quote>, Vec<Described>) = order_.iter().filter_map(|&i| slots[i].take()).unzip();
    let sources = sources::summarize(text, &mut quotes, entities, &described);
    (quotes, sources)
}
