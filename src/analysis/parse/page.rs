//! A web page's article: its main content found among menus, banners, teasers, comments and
//! footers, laid out as raw blocks, with the page's metadata ([`super::meta`]) for the
//! classifier. A fragment (a selection copied from a page) is read the same way; when it is
//! short, all of it is kept.
//!
//! The content is found as Mozilla Readability finds it: every paragraph-like element scores
//! its parent and grandparent (more for length and commas), each container's score starts
//! from its tag and its class and id ([`PAGE_HINTS`]: "article", "content" up, "comment",
//! "sidebar" down) and is cut by its share of link text; the best container and those of
//! its siblings that score close to it are the article, then cleaned of what scores as
//! clutter inside it (link lists, forms, share bars, galleries without text). When that keeps
//! under 500 characters, it tries again without leaving out unlikely elements, then without
//! class hints, then without cleaning, and keeps the longest.
//!
//! Every pass is linear in the page: sums over subtrees are computed bottom-up once per pass
//! (the nodes come in document order, children after their parents), and scores go to at
//! most five ancestors of each paragraph.

use super::article::Via;
use super::dom::{build, Data, Dom};
use super::html::decode;
use super::meta::{self, is_url, without_site, PageMeta, Stated};
use super::raw::{Inline, PageFacts, RawBlock, RawDoc, RawKind};
use super::urls::clean_url;
use crate::analysis::lists::PAGE_HINTS;
use crate::analysis::span::Span;
use crate::analysis::util::hash::FastMap;
use std::sync::OnceLock;

/// Elements whose content is never the page's text, left out with all they hold.
const SKIPPED: [&str; 19] = [
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math", "select", "textarea", "button", "option",
    "canvas", "audio", "video", "datalist", "dialog",
];

/// Elements kept in the counts (an embed, a form's input) whose content is not text.
const OPAQUE: [&str; 4] = ["iframe", "object", "embed", "input"];

/// Elements that make a `<div>` a container rather than a paragraph.
const DIV_TO_P: [&str; 9] = ["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];

/// Elements whose text counts as running text for a container's text density.
const TEXTISH: [&str; 12] = ["span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];

/// Elements that are scored as paragraphs.
const SCORED: [&str; 9] = ["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// Elements that end a run of inline content in a container.
const BLOCKS: [&str; 21] = [
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "figure", "ul", "ol", "table", "form", "nav", "aside", "footer",
    "hr", "br", "p", "div",
];

/// Below this many characters, an extraction is retried with fewer rules.
const CHAR_THRESHOLD: u32 = 500;

/// The class and id hints of `lists/page_hints.tsv`, by kind.
struct Hints {
    by_kind: FastMap<&'static str, Vec<&'static str>>,
}

impl Hints {
    fn get() -> &'static Hints {
        static HINTS: OnceLock<Hints> = OnceLock::new();
        HINTS.get_or_init(|| {
            let mut by_kind: FastMap<&'static str, Vec<&'static str>> = FastMap::default();
            for row in PAGE_HINTS.rows() {
                if let Some(kind) = row.get(1) {
                    by_kind.entry(kind).or_default().push(row[0]);
                }
            }
            Hints { by_kind }
        })
    }

    fn list(&self, kind: &str) -> &[&'static str] {
        self.by_kind.get(kind).map_or(&[], Vec::as_slice)
    }

    /// Whether a hint of `kind` is in `s` (lowercase class and id).
    fn any(&self, kind: &str, s: &str) -> bool {
        !s.is_empty() && self.list(kind).iter().any(|h| s.contains(h))
    }

    /// Whether a hint of `kind` is a whole word of `s`.
    fn word(&self, kind: &str, s: &str) -> bool {
        s.split(|c: char| !c.is_alphanumeric()).any(|w| self.list(kind).contains(&w))
    }
}

/// The raw blocks of an HTML page or fragment: its main content, the title's heading first,
/// with the page's metadata for the classifier.
pub(crate) fn html_blocks(input: &str) -> RawDoc {
    let dom = build(input);
    let m = meta::read(&dom);
    let mut page = Page::new(&dom);
    // A whole page has a head (a <body> alone may be a fragment's: a pasted selection).
    let whole_page =
        dom.nodes.iter().any(|n| matches!(&n.data, Data::Element { name, .. } if matches!(name.as_str(), "html" | "head" | "title")))
            || !m.title.0.is_empty();
    let content = page.extract();
    let article = m.declares_article || !whole_page || page.readerable() || !page.mostly_links();
    let roots = if article { content.roots.clone() } else { vec![0] };
    let mut gone = if article { content.gone } else { page.base.clone() };
    let mut facts = page.facts(&m, &roots, &gone, whole_page);
    facts.article = article;
    facts.whole_page = whole_page;
    if !article {
        // A page of no article has no headline: its title is only what the page calls itself.
        facts.title = facts.title.filter(|t| t.via != Via::Heading);
    }
    // The heading that states the title is the title's block, not the body's.
    if let Some(h) = page.title_heading.filter(|_| facts.title.is_some()) {
        mark(&dom, &mut gone, h);
    }
    let mut doc = RawDoc::default();
    let mut w = Walker::new(&dom, &gone, &mut doc);
    if let Some(t) = facts.title.as_ref() {
        w.doc.blocks.push(RawBlock {
            kind: RawKind::Heading(1),
            inlines: vec![Inline { text: t.value.clone(), source: t.source, strong: false, link: None, image: None }],
            source: t.source,
        });
    }
    for &r in &roots {
        w.walk(r);
    }
    w.close_block();
    facts.captions = std::mem::take(&mut w.captions);
    doc.page = Some(Box::new(facts));
    doc
}

/// Sums over a node's subtree, for one pass.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    /// Characters of visible text (a run of spaces counts once).
    chars: u32,
    /// Of them, in links (a link to "#..." counts 0.3 of its text).
    link_chars: f32,
    commas: u32,
    /// Characters inside headings, and inside running-text elements.
    heading_chars: u32,
    textish_chars: u32,
    /// Characters inside lists.
    list_chars: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embeds: u32,
    /// Whether a descendant makes a `<div>` a container.
    block: bool,
    /// Rows and cells of tables (for telling data tables from layout).
    rows: u32,
    cells: u32,
    header_cells: u32,
    nodes: u32,
}

impl Sums {
    /// Counts what element `i`, named `name`, is itself (its children's parts are added by
    /// [`Sums::add`]); `embeds` is how many embeds an `<iframe>`, `<embed>` or `<object>` counts.
    fn count_element(&mut self, dom: &Dom, i: usize, name: &str, embeds: impl FnOnce() -> u32) {
        self.nodes += 1;
        match name {
            "a" => self.link_chars = if dom.attr(i, "href").is_some_and(|h| h.starts_with('#')) { 0.3 } else { 1.0 } * self.chars as f32,
            "p" => self.p += 1,
            "img" => self.img += 1,
            "li" => self.li += 1,
            "input" => self.input += 1,
            "iframe" | "embed" | "object" => self.embeds += embeds(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading_chars = self.chars,
            "ul" | "ol" => self.list_chars = self.chars,
            "tr" => self.rows += 1,
            "td" => self.cells += 1,
            "th" | "thead" | "caption" | "colgroup" | "col" | "tfoot" => self.header_cells += 1,
            _ => {}
        }
        if TEXTISH.contains(&name) {
            self.textish_chars = self.chars;
        }
    }

    /// Adds a child's sums: `name` is the child's, `text` whether it is a text node.
    fn add(&mut self, s: &Sums, name: &str, text: bool) {
        self.chars += s.chars;
        self.link_chars += s.link_chars;
        self.commas += s.commas;
        self.heading_chars += s.heading_chars;
        self.list_chars += s.list_chars;
        self.p += s.p;
        self.img += s.img;
        self.li += s.li;
        self.input += s.input;
        self.embeds += s.embeds;
        self.rows += s.rows;
        self.cells += s.cells;
        self.header_cells += s.header_cells;
        self.nodes += s.nodes;
        self.block |= s.block || DIV_TO_P.contains(&name);
        // Text right in a container is running text (Readability wraps it in paragraphs).
        self.textish_chars += if text { s.chars } else { s.textish_chars };
    }
}

/// Which rules an extraction applies (all at first, then fewer).
#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// What one extraction keeps.
struct Content {
    roots: Vec<usize>,
    gone: Vec<bool>,
    chars: u32,
}

struct Page<'d, 'a> {
    dom: &'d Dom<'a>,
    /// Per node: its lowercase class and id, for the hints.
    hints: Vec<String>,
    /// Left out in every pass: scripts, styles, hidden elements.
    base: Vec<bool>,
    /// Per text node: characters (a run of whitespace counting once) and commas.
    text: Vec<(u32, u32)>,
    /// The byline elements found while extracting (the first that holds a name is taken),
    /// and the title's heading.
    bylines: Vec<(usize, Via)>,
    title_heading: Option<usize>,
}

impl<'d, 'a> Page<'d, 'a> {
    fn new(dom: &'d Dom<'a>) -> Self {
        let n = dom.nodes.len();
        let mut hints = vec![String::new(); n];
        let mut base = vec![false; n];
        let mut text = vec![(0, 0); n];
        for i in 1..n {
            let parent = dom.nodes[i].parent;
            match &dom.nodes[i].data {
                Data::Element { name, attrs, .. } => {
                    let mut h = String::new();
                    for a in attrs.iter().filter(|a| a.name == "class" || a.name == "id") {
                        h.push_str(&a.value.to_lowercase());
                        h.push(' ');
                    }
                    hints[i] = h;
                    let style = dom.attr(i, "style").map(|s| s.to_ascii_lowercase().replace(' ', "")).unwrap_or_default();
                    let hidden = dom.attr(i, "hidden").is_some()
                        || dom.attr(i, "aria-hidden").is_some_and(|v| v.trim() == "true")
                        || style.contains("display:none")
                        || style.contains("visibility:hidden")
                        || dom.attr(i, "aria-modal").is_some_and(|v| v == "true") && dom.attr(i, "role") == Some("dialog");
                    base[i] = base[parent] || SKIPPED.contains(&name.as_str()) || OPAQUE.contains(&dom.name(parent)) || hidden;
                }
                Data::Text(span) => {
                    base[i] = base[parent] || OPAQUE.contains(&dom.name(parent));
                    let s = span.of(dom.input);
                    let (mut chars, mut commas, mut space) = (0u32, 0u32, true);
                    for c in s.chars() {
                        if c.is_whitespace() {
                            chars += u32::from(!space);
                            space = true;
                        } else {
                            chars += 1;
                            space = false;
                            commas += u32::from(c == ',' || c == '，');
                        }
                    }
                    // Character references count as the one character they stand for.
                    let refs = s.matches('&').count() as u32;
                    text[i] = (chars.saturating_sub(refs * 3), commas);
                }
                Data::Root => {}
            }
        }
        Page { dom, hints, base, text, bylines: Vec::new(), title_heading: None }
    }

    fn name(&self, n: usize) -> &str {
        self.dom.name(n)
    }

    /// Readability's class weight: 25 up for a positive hint in the class, 25 down for a
    /// negative one, and the same for the id.
    fn class_weight(&self, n: usize) -> i32 {
        let h = Hints::get();
        let mut weight = 0;
        for a in self.dom.attrs(n).iter().filter(|a| a.name == "class" || a.name == "id") {
            let v = a.value.to_lowercase();
            if h.any("negative", &v) || h.word("negative_word", &v) {
                weight -= 25;
            }
            if h.any("positive", &v) {
                weight += 25;
            }
        }
        weight
    }

    /// The nodes a pass leaves out: the base ones, and with `strip`, the unlikely ones.
    fn gone(&self, strip: bool) -> Vec<bool> {
        let h = Hints::get();
        let mut gone = self.base.clone();
        // Inside a table or code, nothing is unlikely.
        let mut sheltered = vec![false; gone.len()];
        for i in 1..gone.len() {
            let parent = self.dom.nodes[i].parent;
            let name = self.name(i);
            sheltered[i] = sheltered[parent] || matches!(self.name(parent), "table" | "code" | "pre");
            if gone[parent] {
                gone[i] = true;
                continue;
            }
            if !strip || name.is_empty() || matches!(name, "body" | "a" | "html" | "main" | "article") {
                continue;
            }
            let hints = &self.hints[i];
            let unlikely = h.any("unlikely", hints) && !h.any("maybe", hints) && !sheltered[i];
            let role = self.dom.attr(i, "role").is_some_and(|r| h.list("role").contains(&r.trim()));
            if unlikely || role || matches!(name, "nav" | "aside" | "footer") {
                gone[i] = true;
            }
        }
        gone
    }

    /// Sums over every subtree, leaving out `gone`.
    fn sums(&self, gone: &[bool]) -> Vec<Sums> {
        let dom = self.dom;
        let mut sums = vec![Sums::default(); dom.nodes.len()];
        for i in (1..dom.nodes.len()).rev() {
            // An embed or an input is counted (a form's or a video's mark) though it holds no text.
            let counted = OPAQUE.contains(&self.name(i)) && !self.base[dom.nodes[i].parent];
            if gone[i] && !counted {
                continue;
            }
            let mut s = sums[i];
            let name = self.name(i);
            if let Some(_span) = dom.text_span(i) {
                s.chars = self.text[i].0;
                s.commas = self.text[i].1;
            }
            s.count_element(dom, i, name, || {
                let src = dom.attr(i, "src").or_else(|| dom.attr(i, "data")).unwrap_or("");
                u32::from(!Hints::get().any("video", src))
            });
            sums[i] = s;
            sums[dom.nodes[i].parent].add(&s, name, dom.text_span(i).is_some());
        }
        sums
    }

    /// The element children of `n` that a pass keeps.
    fn children<'s>(&'s self, n: usize, gone: &'s [bool]) -> impl Iterator<Item = usize> + 's {
        self.dom.nodes[n].children.iter().copied().filter(move |&c| !gone[c] && matches!(self.dom.nodes[c].data, Data::Element { .. }))
    }

    fn link_density(s: &Sums) -> f32 {
        if s.chars == 0 {
            0.0
        } else {
            s.link_chars / s.chars as f32
        }
    }

    /// Tries the rules from all of them to none, keeping the first extraction long enough, or
    /// the longest.
    fn extract(&mut self) -> Content {
        let mut flags = Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };
        let mut best: Option<Content> = None;
        loop {
            let content = self.grab(flags);
            if content.chars >= CHAR_THRESHOLD {
                return content;
            }
            if best.as_ref().is_none_or(|b| content.chars > b.chars) {
                best = Some(content);
            }
            if flags.strip_unlikely {
                flags.strip_unlikely = false;
            } else if flags.weight_classes {
                flags.weight_classes = false;
            } else if flags.clean_conditionally {
                flags.clean_conditionally = false;
            } else {
                return best.expect("one extraction was made");
            }
        }
    }

    /// One extraction with `flags`.
    fn grab(&mut self, flags: Flags) -> Content {
        let dom = self.dom;
        let mut gone = self.gone(flags.strip_unlikely);
        let sums = self.sums(&gone);
        // The byline element: the first short one marked as the author's.
        let h = Hints::get();
        self.bylines.clear();
        for i in 1..dom.nodes.len() {
            if gone[i] || sums[i].chars == 0 || sums[i].chars >= 100 || sums[i].nodes > 200 {
                continue;
            }
            let via = if dom.attr(i, "rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("author"))) {
                Via::RelAuthor
            } else if dom.attr(i, "itemprop").is_some_and(|p| p.to_ascii_lowercase().contains("author")) {
                Via::Microdata
            } else if h.any("byline", &self.hints[i]) {
                Via::BylineElement
            } else {
                continue;
            };
            self.bylines.push((i, via));
            mark(dom, &mut gone, i);
            if self.bylines.len() >= 3 {
                break;
            }
        }
        let sums = self.sums(&gone);
        let mut score: FastMap<usize, f32> = FastMap::default();
        let mut order: Vec<usize> = Vec::new();
        let init = |n: usize, this: &Self| -> f32 {
            let tag = match this.name(n) {
                "div" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            tag + if flags.weight_classes { this.class_weight(n) as f32 } else { 0.0 }
        };
        let content_score = |chars: u32, commas: u32| 1.0 + (commas + 1) as f32 + (chars / 100).min(3) as f32;
        for i in 1..dom.nodes.len() {
            if gone[i] {
                continue;
            }
            let name = self.name(i);
            if SCORED.contains(&name) || name == "div" && !sums[i].block {
                if sums[i].chars < 25 {
                    continue;
                }
                let mut first = dom.nodes[i].parent;
                // A <div> around a single paragraph stands for it.
                if self.name(first) == "div"
                    && name == "p"
                    && self.children(first, &gone).count() == 1
                    && sums[first].chars == sums[i].chars
                {
                    first = dom.nodes[first].parent;
                }
                self.give(&mut score, &mut order, first, content_score(sums[i].chars, sums[i].commas), &init);
            } else if name == "div" {
                // Runs of text and inline elements right in a container are paragraphs, whose
                // parent is the container.
                let (mut chars, mut commas) = (0, 0);
                for k in 0..=dom.nodes[i].children.len() {
                    let c = dom.nodes[i].children.get(k).copied();
                    let inline =
                        c.is_some_and(|c| !gone[c] && (dom.text_span(c).is_some() || !sums[c].block && !BLOCKS.contains(&self.name(c))));
                    if let (true, Some(c)) = (inline, c) {
                        chars += sums[c].chars;
                        commas += sums[c].commas;
                    } else if chars > 0 {
                        if chars >= 25 {
                            self.give(&mut score, &mut order, i, content_score(chars, commas), &init);
                        }
                        chars = 0;
                        commas = 0;
                    }
                }
            }
        }
        for (&n, s) in score.iter_mut() {
            *s *= 1.0 - Self::link_density(&sums[n]);
        }
        // The document's body (not a stray <body> inside a paragraph).
        let top_level = |i: usize| matches!(self.name(dom.nodes[i].parent), "" | "html");
        let body = (1..dom.nodes.len()).find(|&i| self.name(i) == "body" && !gone[i] && top_level(i));
        let mut ranked: Vec<(usize, f32)> = order.iter().map(|&n| (n, score[&n])).collect();
        // The best first; among equal scores, the first in the page.
        ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
        ranked.truncate(5);
        // No container stands out: the whole body is the article.
        let whole = |gone: Vec<bool>, sums: &[Sums]| {
            let root = body.unwrap_or(0);
            Content { roots: vec![root], chars: sums[root].chars, gone }
        };
        let Some(&(mut top, top_score)) = ranked.first() else { return self.clean(whole(gone, &sums), flags) };
        if matches!(self.name(top), "body" | "html") {
            return self.clean(whole(gone, &sums), flags);
        }
        let is_body = |n: usize| n == 0 || matches!(self.name(n), "body" | "html");
        // Several good candidates under one ancestor: the ancestor is the article.
        let alternatives: Vec<usize> = ranked.iter().skip(1).filter(|(_, s)| *s / top_score >= 0.75).map(|&(n, _)| n).collect();
        if alternatives.len() >= 3 {
            let mut counts: FastMap<usize, usize> = FastMap::default();
            for &a in &alternatives {
                let mut p = dom.nodes[a].parent;
                while !is_body(p) {
                    *counts.entry(p).or_default() += 1;
                    p = dom.nodes[p].parent;
                }
            }
            let mut p = dom.nodes[top].parent;
            while !is_body(p) {
                if counts.get(&p).copied().unwrap_or(0) >= 3 {
                    top = p;
                    break;
                }
                p = dom.nodes[p].parent;
            }
        }
        let score_of = |n: usize, score: &FastMap<usize, f32>| score.get(&n).copied();
        if score_of(top, &score).is_none() {
            score.insert(top, init(top, self));
        }
        // A parent that scores better holds more of the article.
        let mut last = score[&top];
        let threshold = last / 3.0;
        let mut p = dom.nodes[top].parent;
        while !is_body(p) {
            let Some(ps) = score_of(p, &score) else {
                p = dom.nodes[p].parent;
                continue;
            };
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
            p = dom.nodes[p].parent;
        }
        // A parent with no other child is the same container.
        let mut p = dom.nodes[top].parent;
        while !is_body(p) && self.children(p, &gone).count() == 1 {
            top = p;
            p = dom.nodes[p].parent;
        }
        let top_score = score_of(top, &score).unwrap_or(0.0);
        // Siblings that score close to it, and paragraphs of text beside it.
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.dom.attr(top, "class").unwrap_or("").to_string();
        let mut roots = Vec::new();
        let siblings: Vec<usize> = if is_body(p) && p == 0 { vec![top] } else { self.children(p, &gone).collect() };
        for s in siblings {
            let keep = s == top || {
                let bonus =
                    if !top_class.is_empty() && self.dom.attr(s, "class") == Some(top_class.as_str()) { top_score * 0.2 } else { 0.0 };
                match score_of(s, &score) {
                    Some(sc) if sc + bonus >= threshold => true,
                    _ if self.name(s) == "p" => {
                        let (len, ld) = (sums[s].chars, Self::link_density(&sums[s]));
                        let text = inner_text(dom, s, &gone, 2000);
                        len > 80 && ld < 0.25 || len < 80 && len > 0 && ld == 0.0 && (text.contains(". ") || text.ends_with('.'))
                    }
                    _ => false,
                }
            };
            if keep {
                roots.push(s);
            }
        }
        let chars = roots.iter().map(|&r| sums[r].chars).sum();
        self.clean(Content { roots, gone, chars }, flags)
    }

    /// Readability's cleaning of the article: share bars, forms, link lists, galleries
    /// without text and headings marked as clutter go; a bottom-up pass, so an element's
    /// counts leave out what was already cleaned inside it.
    fn clean(&self, mut content: Content, flags: Flags) -> Content {
        let dom = self.dom;
        let h = Hints::get();
        let n = dom.nodes.len();
        // Which nodes are in the article.
        let mut inside = vec![false; n];
        for &r in &content.roots {
            inside[r] = true;
        }
        for i in 1..n {
            inside[i] = inside[i] || inside[dom.nodes[i].parent];
            if !inside[i] || content.gone[i] || dom.text_span(i).is_some() {
                continue;
            }
            let name = self.name(i);
            let hints = &self.hints[i];
            let drop =
                matches!(name, "footer" | "aside" | "object" | "embed" | "link" | "input" | "textarea" | "select" | "button" | "nav")
                    || name == "iframe" && !h.any("video", dom.attr(i, "src").unwrap_or(""))
                    || h.word("share", hints) && !content.roots.contains(&i);
            if drop {
                mark(dom, &mut content.gone, i);
            }
        }
        // Share bars are short; their size is known only now.
        let sums = self.sums(&content.gone);
        for i in 1..n {
            if inside[i] && !content.gone[i] && h.word("share", &self.hints[i]) && sums[i].chars >= 500 {
                content.gone[i] = false;
            }
        }
        // Bottom-up: each element is judged with what is left inside it.
        let mut sums = vec![Sums::default(); n];
        let totals = self.sums(&content.gone);
        // Nothing inside a data table or code is clutter.
        let mut sheltered = vec![false; n];
        for i in 1..n {
            let p = dom.nodes[i].parent;
            sheltered[i] = sheltered[p] || self.name(p) == "table" && data_table(&totals[p]) || matches!(self.name(p), "code" | "pre");
        }
        for i in (1..n).rev() {
            if !inside[i] || content.gone[i] {
                continue;
            }
            let name = self.name(i);
            let mut s = sums[i];
            if dom.text_span(i).is_some() {
                s = totals[i];
            } else {
                let t = &totals[i];
                // Only what is counted at this node itself: the children's parts are summed in.
                s.count_element(dom, i, name, || t.embeds.min(1));
                let remove = !content.roots.contains(&i) && self.clutter(i, name, &s, flags, sheltered[i]);
                if remove {
                    mark(dom, &mut content.gone, i);
                    continue;
                }
            }
            sums[i] = s;
            sums[dom.nodes[i].parent].add(&s, name, dom.text_span(i).is_some());
        }
        content.chars = content.roots.iter().map(|&r| sums[r].chars).sum();
        content
    }

    /// Whether element `i` of the article is clutter, by Readability's rules.
    fn clutter(&self, i: usize, name: &str, s: &Sums, flags: Flags, sheltered: bool) -> bool {
        let weight = if flags.weight_classes { self.class_weight(i) } else { 0 };
        if matches!(name, "h1" | "h2") && weight < 0 {
            return true;
        }
        if name == "p" {
            return s.chars == 0 && s.img == 0 && s.embeds == 0;
        }
        if !flags.clean_conditionally || !matches!(name, "form" | "fieldset" | "table" | "ul" | "div") {
            return false;
        }
        if name == "table" && data_table(s) || sheltered {
            return false;
        }
        if weight < 0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let is_list = name == "ul" || s.chars > 0 && s.list_chars as f32 / s.chars as f32 > 0.9;
        let figure = self.dom.has_ancestor(i, "figure", 8);
        let ld = Self::link_density(s);
        let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f32 / s.chars as f32 };
        let text_density = if s.chars == 0 { 0.0 } else { s.textish_chars as f32 / s.chars as f32 };
        let li = s.li as i64 - 100;
        let p = s.p as i64;
        let img = s.img as i64;
        let remove = (!figure && img > 1 && (p as f32 / img as f32) < 0.5)
            || (!is_list && li > p)
            || (s.input as i64 > p / 3)
            || (!is_list && !figure && heading_density < 0.9 && s.chars < 25 && (img == 0 || img > 2) && ld > 0.0)
            || (!is_list && weight < 25 && ld > 0.2)
            || (weight >= 25 && ld > 0.5)
            || (s.embeds == 1 && s.chars < 75 || s.embeds > 1)
            || (img == 0 && text_density == 0.0 && s.chars > 0);
        if is_list && remove {
            // A list of images, one to an item, is a gallery worth keeping.
            if s.img as i64 == s.li as i64 && s.img > 0 {
                return false;
            }
        }
        remove
    }

    /// Adds a paragraph's `content` score to `first` (its parent) and up to four more
    /// ancestors, each less: half for the grandparent, a third of the level after that.
    fn give(
        &self,
        score: &mut FastMap<usize, f32>,
        order: &mut Vec<usize>,
        first: usize,
        content: f32,
        init: &dyn Fn(usize, &Self) -> f32,
    ) {
        let mut node = first;
        for level in 0..5 {
            // Not the root, nor <html>, whose parent is the document.
            if node == 0 || self.dom.nodes[node].parent == 0 {
                break;
            }
            let s = score.entry(node).or_insert_with(|| {
                order.push(node);
                init(node, self)
            });
            *s += content
                / match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
            node = self.dom.nodes[node].parent;
        }
    }

    /// Whether most of the page's text is links: a home page, a list or search results.
    fn mostly_links(&self) -> bool {
        let sums = self.sums(&self.base);
        Self::link_density(&sums[0]) > 0.35
    }

    /// Readability's test of whether a page is worth reading as an article: enough
    /// paragraphs of more than 140 characters outside unlikely elements.
    fn readerable(&self) -> bool {
        let gone = self.gone(true);
        let sums = self.sums(&gone);
        let mut score = 0.0f32;
        for i in 1..self.dom.nodes.len() {
            let paragraph = matches!(self.name(i), "p" | "pre" | "article")
                || self.name(i) == "div" && self.dom.nodes[i].children.iter().any(|&c| self.name(c) == "br");
            if gone[i] || !paragraph || self.name(self.dom.nodes[i].parent) == "li" {
                continue;
            }
            let len = sums[i].chars;
            if len > 140 {
                score += ((len - 140) as f32).sqrt();
                if score > 20.0 {
                    return true;
                }
            }
        }
        false
    }

    /// The page's metadata by precedence, with what its markup adds: the byline element, a
    /// `<time datetime>`, the headline's heading. `roots` and `gone` are the article's.
    fn facts(&mut self, m: &PageMeta, roots: &[usize], gone: &[bool], whole_page: bool) -> PageFacts {
        let dom = self.dom;
        let publisher = m.publisher.best(|v| !is_url(v)).cloned();
        let site = publisher.as_ref().map(|p| p.value.clone());
        // The site's name: the publisher, or the end of the <title> after its last separator
        // when a stated title is only that ("PIXNET" for "A trip | PIXNET").
        let title_tail = m.title_element.as_ref().and_then(|t| {
            let cut = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "]
                .iter()
                .filter_map(|sep| t.value.rfind(sep).map(|k| k + sep.len()))
                .max()?;
            Some(t.value[cut..].to_string())
        });
        let same = |a: &str, b: &str| similarity(a, b) > 0.9 && similarity(b, a) > 0.9;
        let is_site = |v: &str| site.as_deref().is_some_and(|s| same(s, v)) || title_tail.as_deref().is_some_and(|t| same(t, v));
        let from_title_element =
            m.title_element.as_ref().map(|t| Stated { value: without_site(&t.value, site.as_deref(), true), ..t.clone() });
        // The stated title of highest precedence that is not the site's name; of two in
        // JSON-LD, the one closer to the page's <title>.
        let stated = m.title.best(|v| !v.trim().is_empty() && !is_site(v)).map(|best| {
            let rivals = m.title.0.iter().filter(|s| s.via == best.via && !is_site(&s.value));
            let close = |s: &Stated| m.title_element.as_ref().map_or(0.0, |t| similarity(&t.value, &s.value));
            rivals.fold(best, |a, b| if close(b) > close(a) { b } else { a })
        });
        let mut title = stated.map(|t| Stated { value: without_site(&t.value, site.as_deref(), false), ..t.clone() });
        // The headings of the page (not of its chrome): the one that states the title.
        let mut inside = vec![false; dom.nodes.len()];
        for &r in roots {
            inside[r] = true;
        }
        let mut first_h1 = None;
        let mut similar: Option<(usize, Stated)> = None;
        let reference = title.clone().or_else(|| from_title_element.clone());
        for i in 1..dom.nodes.len() {
            inside[i] = inside[i] || inside[dom.nodes[i].parent];
            if self.base[i] || !matches!(self.name(i), "h1" | "h2") {
                continue;
            }
            if let Some(text) = short_text(dom, i, &self.base) {
                if first_h1.is_none() && self.name(i) == "h1" && (inside[i] || !gone[i]) {
                    first_h1 = Some((i, text.clone()));
                }
                if similar.is_none() && reference.as_ref().is_some_and(|r| similarity(&r.value, &text.value) > 0.75) {
                    similar = Some((i, text));
                }
            }
        }
        if title.is_none() {
            let h1s = (1..dom.nodes.len()).filter(|&i| self.name(i) == "h1" && !self.base[i]).count();
            title = match (&from_title_element, &similar, &first_h1) {
                // The page's <title> names the heading: the heading's words, which are the story's.
                (Some(_), Some((_, h)), _) => Some(Stated { via: Via::Heading, ..h.clone() }),
                // A <title> too short or too long to be a headline, and one first-level heading of
                // five words or more (Readability's rule).
                (Some(t), None, Some((_, h)))
                    if h1s == 1 && !(15..=150).contains(&t.value.chars().count()) && h.value.split_whitespace().count() > 4 =>
                {
                    Some(Stated { via: Via::Heading, ..h.clone() })
                }
                (Some(t), _, _) => Some(t.clone()),
                (None, _, Some((_, h))) => Some(Stated { via: Via::Heading, ..h.clone() }),
                (None, _, None) => None,
            };
        }
        // The heading that states the title is the title's block; it leaves the body.
        if let (Some(t), None, Some((h, _))) = (&title, &similar, &first_h1) {
            if t.via == Via::Heading {
                self.title_heading = Some(*h);
            }
        }
        if let Some((h, text)) = &similar {
            self.title_heading = Some(*h);
            if let Some(t) = title.as_mut() {
                if t.via != Via::Heading {
                    t.source = text.source;
                }
            }
        }
        // Bylines: the page's statement, else its byline element.
        // A stated byline is taken as stated ("By" left out); an element's text is cut to its names.
        let mut byline = m.byline.best(|v| !is_url(v) && v.chars().count() < 200 && v.chars().any(char::is_alphabetic)).cloned();
        if let Some(b) = byline.as_mut() {
            let lower = b.value.to_lowercase();
            if lower.starts_with("by ") {
                b.value = b.value[3..].trim().to_string();
            }
        } else {
            byline = self.bylines.iter().find_map(|&(n, via)| {
                let t = short_text(dom, n, &self.base)?;
                Some(Stated { value: names(&t.value)?, via, ..t })
            });
        }
        // The date: the page's statement, else a <time> marked as the publication's or in the article.
        let mut published = m.published.best(|v| crate::analysis::util::timestamp::parse_timestamp(v).is_some()).cloned();
        if published.is_none() {
            for i in 1..dom.nodes.len() {
                if self.name(i) != "time" {
                    continue;
                }
                let marked =
                    dom.attr(i, "pubdate").is_some() || dom.attr(i, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                let Some(a) = dom.attrs(i).iter().find(|a| a.name == "datetime") else { continue };
                if (marked || inside[i]) && crate::analysis::util::timestamp::parse_timestamp(&a.value).is_some() {
                    published = Some(Stated {
                        value: a.value.trim().to_string(),
                        source: a.span,
                        via: if marked { Via::Microdata } else { Via::TimeElement },
                    });
                    if marked {
                        break;
                    }
                }
                if published.is_some() && !marked {
                    break;
                }
            }
        }
        let logo = |v: &str| {
            let l = v.to_ascii_lowercase();
            l.contains("logo") || l.contains("favicon") || l.contains("sprite") || l.contains("avatar") || l.contains("placeholder")
        };
        PageFacts {
            title,
            byline,
            published,
            publisher,
            url: m.url.best(is_url).cloned(),
            image: m.image.best(|v| !logo(v) && !v.starts_with("data:")).cloned(),
            article: true,
            whole_page,
            captions: Vec::new(),
        }
    }
}

/// Whether a table holds data rather than layout (Readability's test, from its counts): header
/// cells, a caption, ten rows or more, more than four columns or ten cells.
fn data_table(t: &Sums) -> bool {
    t.header_cells > 0 || t.rows >= 10 || t.cells > 4 * t.rows.max(1) || t.cells > 10
}

/// Leaves out node `n` and everything in it.
fn mark(dom: &Dom, gone: &mut [bool], n: usize) {
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        if !gone[x] || x == n {
            gone[x] = true;
            stack.extend(dom.nodes[x].children.iter().copied());
        }
    }
}

/// The names a byline holds: "By Jane Doe" → "Jane Doe", "Tech Industry by Steven Musil
/// January 18, 2017 11:00 PM PST" → "Steven Musil", "Ben Silverman Games Editor" → "Ben
/// Silverman"; None for a byline of no names (a date, a count).
pub(crate) fn names(byline: &str) -> Option<String> {
    let t = byline.trim();
    let lower = t.to_lowercase();
    // After "by" (or "por", "par", "von") near the start.
    let mut rest = t;
    for lead in ["by ", "by: ", "by:", "por ", "par ", "von ", "door ", "di "] {
        if lower.starts_with(lead) {
            rest = &t[lead.len()..];
            break;
        }
        if let Some(k) = lower.find(&format!(" {lead}")).filter(|&k| k < 40 && !lower[..k].contains(',')) {
            rest = &t[k + 1 + lead.len()..];
            break;
        }
    }
    // Up to a date, a time, a handle or a separator.
    let mut end = rest.len();
    let words: Vec<(usize, &str)> = rest.split_whitespace().map(|w| (w.as_ptr() as usize - rest.as_ptr() as usize, w)).collect();
    let digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    for (k, &(i, w)) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        let next_digit = words.get(k + 1).is_some_and(|(_, n)| digit(n));
        let date_word = crate::analysis::util::timestamp::month_from_name(bare).is_some() && next_digit
            || crate::analysis::util::timestamp::weekday_from_name(bare).is_some();
        if ["updated", "published", "posted", "last", "edited", "photographs", "photos"].contains(&lower.as_str())
            && k <= 1
            && i == words[0].0
        {
            return None;
        }
        let stop = w.starts_with('@')
            || matches!(w, "|" | "•" | "·" | "—" | "–" | "-" | "/")
            || date_word
            || ["updated", "published", "posted", "on", "edited", "photographs", "photos"].contains(&lower.as_str()) && k > 0;
        if stop {
            end = i;
            break;
        }
        if digit(w) {
            // "Nolan22 Dec": the name's letters, up to the digits run on to it.
            end = i + w.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            break;
        }
    }
    let mut name = rest[..end].trim().trim_end_matches([',', '|', '-', '·', '•']).trim();
    // "Jane Doe, Europe correspondent", "Jane Smith, Al Jazeera": the name before the role or outlet.
    if let Some((before, after)) = name.split_once(", ") {
        let after = after.trim();
        let role = super::chrome::staff_role(after).is_some();
        let outlet = crate::analysis::lists::Outlets::get().is_outlet(after) || after.chars().all(|c| c.is_uppercase() || c == ' ');
        if role || outlet {
            name = before.trim();
        }
    }
    if let Some(n) = super::chrome::name_before_role(name) {
        name = n;
    }
    (name.chars().any(char::is_alphabetic) && name.chars().count() <= 120).then(|| name.to_string())
}

/// The text of a small element (a heading, a byline) with its source span, or None for one
/// too large to be either (which is not read, so reading them all stays linear).
fn short_text(dom: &Dom, n: usize, gone: &[bool]) -> Option<Stated> {
    let mut spans = Vec::new();
    let mut stack = vec![(n, 0usize)];
    let mut visited = 0;
    while let Some((x, _)) = stack.pop() {
        visited += 1;
        if visited > 200 {
            return None;
        }
        if gone[x] && x != n {
            continue;
        }
        if let Some(s) = dom.text_span(x) {
            spans.push(s);
        }
        for &c in dom.nodes[x].children.iter().rev() {
            stack.push((c, 0));
        }
    }
    let value = spans.iter().map(|s| decode(s.of(dom.input))).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    let (first, last) = (spans.first()?, spans.last()?);
    (!value.is_empty() && value.chars().count() < 300).then(|| Stated {
        value,
        source: trim_span(dom.input, Span::new(first.start, last.end)),
        via: Via::Heading,
    })
}

/// `span` without the whitespace at its ends.
fn trim_span(input: &str, span: Span) -> Span {
    let s = span.of(input);
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start + s.trim().len())
}

/// The text of `n` (without `gone`), up to about `limit` bytes.
fn inner_text(dom: &Dom, n: usize, gone: &[bool], limit: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        if out.len() > limit || gone[x] && x != n {
            continue;
        }
        if let Some(s) = dom.text_span(x) {
            out.push_str(s.of(dom.input));
        }
        stack.extend(dom.nodes[x].children.iter().rev().copied());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Readability's text similarity: the share of `b`'s words (by length) that `a` has.
pub(crate) fn similarity(a: &str, b: &str) -> f32 {
    let words =
        |s: &str| s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect::<Vec<_>>();
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let total: usize = wb.iter().map(|w| w.len() + 1).sum();
    let new: usize = wb.iter().filter(|w| !wa.contains(w)).map(|w| w.len() + 1).sum();
    1.0 - new as f32 / total as f32
}

/// Lays out the article's nodes as raw blocks.
struct Walker<'w, 'd, 'a> {
    dom: &'d Dom<'a>,
    gone: &'w [bool],
    doc: &'w mut RawDoc,
    current: Option<RawBlock>,
    strong: usize,
    link: Option<usize>,
    /// A `<br>` just passed: a second one ends the paragraph.
    br: bool,
    /// Whether the block being laid out is a figure's caption; the caption blocks' indices.
    in_caption: bool,
    captions: Vec<usize>,
}

fn block_kind(name: &str) -> Option<RawKind> {
    Some(match name {
        "h1" => RawKind::Heading(1),
        "h2" => RawKind::Heading(2),
        "h3" | "h4" | "h5" | "h6" => RawKind::Heading(3),
        "p" | "div" | "section" | "article" | "main" | "figure" | "figcaption" | "td" | "th" | "dd" | "dt" | "header" | "caption"
        | "address" | "center" | "details" | "summary" | "form" | "fieldset" | "table" | "tr" | "body" | "dl" | "ul" | "ol" | "hr" => {
            RawKind::Paragraph
        }
        "li" => RawKind::ListItem,
        "blockquote" => RawKind::Quote,
        "pre" => RawKind::Code,
        _ => return None,
    })
}

impl<'w, 'd, 'a> Walker<'w, 'd, 'a> {
    fn new(dom: &'d Dom<'a>, gone: &'w [bool], doc: &'w mut RawDoc) -> Self {
        Walker { dom, gone, doc, current: None, strong: 0, link: None, br: false, in_caption: false, captions: Vec::new() }
    }

    fn close_block(&mut self) {
        if let Some(b) = self.current.take() {
            if b.inlines.iter().any(|i| !i.text.trim().is_empty() || i.image.is_some()) {
                if self.in_caption {
                    self.captions.push(self.doc.blocks.len());
                }
                self.doc.blocks.push(b);
            }
        }
    }

    /// Lays out node `root` and what it holds (without recursion: pages nest deeply).
    fn walk(&mut self, root: usize) {
        // (node, entering): on leaving an element, its block or inline state ends.
        let mut stack = vec![(root, true)];
        let mut kinds: Vec<RawKind> = Vec::new();
        while let Some((n, entering)) = stack.pop() {
            if self.gone[n] {
                continue;
            }
            let dom = self.dom;
            match &dom.nodes[n].data {
                Data::Root => {
                    stack.extend(dom.nodes[n].children.iter().rev().map(|&c| (c, true)));
                }
                Data::Text(span) => self.text(*span),
                Data::Element { name, span, .. } => {
                    let name = name.as_str();
                    if !entering {
                        match name {
                            "b" | "strong" => self.strong = self.strong.saturating_sub(1),
                            "a" => self.link = None,
                            _ => {
                                if block_kind(name).is_some() {
                                    self.close_block();
                                    self.in_caption = false;
                                    kinds.pop();
                                }
                            }
                        }
                        continue;
                    }
                    match name {
                        "b" | "strong" => self.strong += 1,
                        "a" => {
                            self.doc.links.push(clean_url(dom.attr(n, "href").unwrap_or("")));
                            self.link = Some(self.doc.links.len() - 1);
                        }
                        "br" => {
                            if self.br {
                                // Two line breaks in a row end a paragraph.
                                let kind = self.current.as_ref().map(|b| b.kind);
                                self.close_block();
                                if let Some(kind) = kind {
                                    self.current = Some(RawBlock { kind, inlines: Vec::new(), source: *span });
                                }
                                self.br = false;
                            } else if let Some(b) = self.current.as_mut() {
                                b.inlines.push(Inline {
                                    text: " ".into(),
                                    source: *span,
                                    strong: self.strong > 0,
                                    link: self.link,
                                    image: None,
                                });
                                self.br = true;
                            }
                            continue;
                        }
                        "img" => {
                            self.image(n, *span);
                            continue;
                        }
                        _ => {}
                    }
                    self.br = false;
                    if let Some(kind) = block_kind(name) {
                        self.close_block();
                        self.in_caption = name == "figcaption";
                        // A paragraph inside a list item is the item's.
                        let kind = match (kinds.last(), kind) {
                            (Some(RawKind::ListItem), RawKind::Paragraph) => RawKind::ListItem,
                            (Some(RawKind::Quote), RawKind::Paragraph) => RawKind::Quote,
                            _ => kind,
                        };
                        kinds.push(kind);
                        self.current = Some(RawBlock { kind, inlines: Vec::new(), source: *span });
                    }
                    stack.push((n, false));
                    stack.extend(dom.nodes[n].children.iter().rev().map(|&c| (c, true)));
                }
            }
        }
    }

    fn image(&mut self, n: usize, span: Span) {
        let dom = self.dom;
        let src = ["src", "data-src", "data-original"]
            .iter()
            .filter_map(|k| dom.attr(n, k))
            .map(clean_url)
            .find(|s| !s.is_empty() && !s.starts_with("data:"))
            .unwrap_or_default();
        self.doc.images.push((src, span));
        let alt = dom.attr(n, "alt").unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let kind = self.current.as_ref().map(|b| b.kind);
        self.close_block();
        let image = Some(self.doc.images.len() - 1);
        self.doc.blocks.push(RawBlock {
            kind: RawKind::Paragraph,
            inlines: vec![Inline { text: alt, source: span, strong: false, link: None, image }],
            source: span,
        });
        if let Some(kind) = kind {
            self.current = Some(RawBlock { kind, inlines: Vec::new(), source: span });
        }
    }

    /// A text node as inlines: runs of plain text keep their exact source; a run of
    /// whitespace becomes one space and a character reference its character, each an inline
    /// of its own, so offsets map back exactly around them.
    fn text(&mut self, span: Span) {
        let raw = span.of(self.dom.input);
        if raw.trim().is_empty() && self.current.as_ref().is_none_or(|b| b.inlines.is_empty()) {
            return;
        }
        if !raw.trim().is_empty() {
            self.br = false;
        }
        let (strong, link) = (self.strong > 0, self.link);
        let block = self.current.get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: span });
        let mut push = |text: String, s: Span| {
            // A space after a space is one.
            if text == " " && block.inlines.last().is_some_and(|l| l.text.ends_with(' ')) {
                return;
            }
            block.inlines.push(Inline { text, source: s, strong, link, image: None });
        };
        let bytes = raw.as_bytes();
        let (mut i, mut run) = (0, 0);
        let entities = if raw.contains('&') { crate::analysis::text::repair::find_entities(raw) } else { Vec::new() };
        let mut next_entity = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'&' && entities.get(next_entity).is_some_and(|(s, _)| s.start == i) {
                let (s, d) = &entities[next_entity];
                next_entity += 1;
                if run < i {
                    push(raw[run..i].to_string(), Span::new(span.start + run, span.start + i));
                }
                let d = if d.chars().all(char::is_whitespace) { " ".to_string() } else { d.clone() };
                push(d, s.shift(span.start));
                i = s.end;
                run = i;
                continue;
            }
            if c.is_ascii_whitespace() && (c != b' ' || bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) || i == 0) {
                if run < i {
                    push(raw[run..i].to_string(), Span::new(span.start + run, span.start + i));
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                push(" ".to_string(), Span::new(span.start + start, span.start + i));
                run = i;
                continue;
            }
            i += 1;
        }
        if run < bytes.len() {
            push(raw[run..].to_string(), Span::new(span.start + run, span.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &RawDoc) -> Vec<String> {
        doc.blocks.iter().map(|b| b.text().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
    }

    #[test]
    fn scripts_styles_and_chrome_are_dropped() {
        let doc = html_blocks(
            "<nav><a href=/>Home</a></nav><script>alert('<p>x</p>')</script><style>p{}</style>\
             <h1>Title</h1><p onclick=\"evil()\">Body <b>text</b>.</p><footer>Cookies</footer>",
        );
        assert_eq!(texts(&doc), ["Title", "Body text."]);
    }

    #[test]
    fn malformed_markup_never_fails() {
        for s in
            ["<", "<p", "<p>unclosed", "</div>", "<<>>", "<a href='x>y", "<!-- never closed", "<script>no end", "<html><title>x", "<img>"]
        {
            let _ = html_blocks(s);
        }
    }

    #[test]
    fn text_pieces_keep_exact_sources() {
        let input = "<p>Caf&eacute;  au\n lait, <b>please</b>.</p>";
        let doc = html_blocks(input);
        let b = &doc.blocks[0];
        assert_eq!(b.text(), "Café au lait, please.");
        for i in &b.inlines {
            if i.text.len() == i.source.len() {
                assert_eq!(i.source.of(input), i.text);
            }
        }
    }
}
