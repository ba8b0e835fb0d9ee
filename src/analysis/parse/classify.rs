//! The classifier: which raw block is the title, a metadata line, the lead image, its
//! caption, the credits line or the body, and the analysis text laid out from them.

use super::article::{Article, ArticleUrl, Block, BlockKind, Caption, Field, Image, InputFormat, Link, Piece, Published, Via};
use super::chrome::{
    caption_label, is_control, is_email_header, is_end_marker, looks_like_name, name_before_role, run_on_credit, staff_role, CaptionPart,
};
use super::credits::{contributors, parse_credits, parse_photo_credit, PhotoCredit};
use super::dateline::{find_dateline, MAX_STRAY_LINE_WORDS};
use super::raw::{Inline, PageFacts, RawBlock, RawDoc, RawKind, Stated};
use super::urls::{domain_of, is_safe_url, site_of};
use crate::analysis::lists::{Outlets, CREDIT_PHRASES};
use crate::analysis::span::Span;
use crate::analysis::text::repair::OffsetMap;
use crate::analysis::util::order;
use crate::analysis::util::timestamp::parse_timestamp;

/// Lays out the analysis text as blocks joined by blank lines, remembering sources.
struct TextBuilder<'m> {
    text: String,
    pieces: Vec<Piece>,
    blocks: Vec<Block>,
    map: &'m OffsetMap,
}

impl TextBuilder<'_> {
    /// Appends a block made of `inlines` (trimmed at its edges); returns its span and,
    /// for each inline, its span in the text.
    fn push_block(&mut self, kind: BlockKind, inlines: &[Inline]) -> Option<(Span, Vec<Span>)> {
        let joined: String = inlines.iter().map(|i| i.text.as_str()).collect();
        let lead = joined.len() - joined.trim_start().len();
        let keep = joined.trim().len();
        if keep == 0 {
            return None;
        }
        if !self.blocks.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        let mut at = 0; // position within `joined`
        let mut spans = Vec::with_capacity(inlines.len());
        for inline in inlines {
            let (s, e) = (at, at + inline.text.len());
            at = e;
            // Clip to the trimmed range.
            let cs = s.clamp(lead, lead + keep);
            let ce = e.clamp(lead, lead + keep);
            let text_span = Span::new(start + cs - lead, start + ce - lead);
            spans.push(text_span);
            if ce > cs {
                let piece_text = &inline.text[cs - s..ce - s];
                self.text.push_str(piece_text);
                let source = if inline.text.len() == inline.source.len() {
                    Span::new(inline.source.start + (cs - s), inline.source.start + (ce - s))
                } else {
                    inline.source
                };
                let original = self.map.span_to_original(source);
                self.pieces.push(Piece { text: text_span, source: original, repaired: source });
            }
        }
        let span = Span::new(start, self.text.len());
        self.blocks.push(Block { kind, span });
        Some((span, spans))
    }
}

fn original(map: &OffsetMap, span: Span) -> Span {
    map.span_to_original(span)
}

fn source_of(block: &RawBlock) -> Span {
    let s = block.inlines.first().map_or(block.source.start, |i| i.source.start);
    let e = block.inlines.last().map_or(block.source.end, |i| i.source.end);
    Span::new(s, e.max(s))
}

fn is_credits_line(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    CREDIT_PHRASES.entries().iter().any(|l| lower.starts_with(l)) || text.len() <= 400 && contributors(text).is_some()
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) && !s.contains(char::is_whitespace)
}

/// Sorts the raw blocks of `doc` into the article model and lays out the analysis text.
pub(crate) fn classify(mut doc: RawDoc, format: InputFormat, map: &OffsetMap) -> (String, Article) {
    let joined_words = std::mem::take(&mut doc.joined_words);
    // The story ends where a page lists other stories ("Related topics"), in its second half.
    let short = |bl: &RawBlock| bl.inlines.iter().map(|i| i.text.len()).sum::<usize>() <= 40;
    // (Not in a web page's main content, which has no such lists left: there, "Related" and
    // "Read more" are the story's own boxes and buttons.)
    let tail = doc
        .blocks
        .iter()
        .enumerate()
        .position(|(i, bl)| doc.page.is_none() && i > 0 && i * 2 >= doc.blocks.len() && short(bl) && is_end_marker(&bl.text()));
    let blocks = &doc.blocks[..tail.unwrap_or(doc.blocks.len())];
    let mut c = Classifier::new(&doc, blocks, format, map);
    for (index, block) in blocks.iter().enumerate() {
        // In a web page, such a line alone is a box's label or a button's ("Read more"), not the
        // story's text; kept, it would end the story when its Markdown is read back.
        if doc.page.is_some() && short(block) && is_end_marker(&block.text()) {
            continue;
        }
        c.block(index, block);
    }
    let (text, mut article) = c.finish();
    article.joined_words = joined_words;
    (text, article)
}

/// The classifier's state as it reads the blocks in order: the article so far, the text laid
/// out so far, and where in the article it is (the header, the lead image, the body).
struct Classifier<'d, 'm> {
    doc: &'d RawDoc,
    /// The blocks up to the story's end.
    blocks: &'d [RawBlock],
    format: InputFormat,
    map: &'m OffsetMap,
    b: TextBuilder<'m>,
    article: Article,
    /// Each link's span in the text, as its anchor's inlines are laid out.
    link_spans: Vec<Option<Span>>,
    /// The credits line's block: the last that reads as one, among the last four.
    credits_index: Option<usize>,
    /// Whether the input is an email: "Fwd:" and "Re:" mark a subject only in one, whose
    /// header ("From: ...", "---------- Forwarded message") comes within its first lines; a
    /// headline may start with "Re:" too.
    email: bool,
    /// Whether the header (title and metadata lines) goes on.
    in_header: bool,
    /// Whether the block before was the lead image (so this one may be its caption).
    after_image: bool,
    /// Whether the story's text has started.
    body_started: bool,
    /// Whether the story's first paragraph has passed (where a dateline would be).
    lead_seen: bool,
    /// Page controls before the title ("Share" over the headline).
    leading_controls: usize,
    /// A reporter's role line under a byline's name, filed with the name.
    role_line: Option<usize>,
    /// Whether the title was an email's subject ("Fwd: ..."), which the article may repeat.
    reply_marks: bool,
    /// A labelled photo credit ("Image source, Getty Images") waiting for its caption.
    pending_credit: Option<PhotoCredit>,
}

impl<'d, 'm> Classifier<'d, 'm> {
    fn new(doc: &'d RawDoc, blocks: &'d [RawBlock], format: InputFormat, map: &'m OffsetMap) -> Self {
        Classifier {
            doc,
            blocks,
            format,
            map,
            b: TextBuilder { text: String::new(), pieces: Vec::new(), blocks: Vec::new(), map },
            article: Article {
                format,
                title: None,
                publisher: None,
                byline: None,
                published: None,
                url: None,
                dateline: None,
                image: None,
                caption: None,
                links: Vec::new(),
                credits: None,
                blocks: Vec::new(),
                source_map: Vec::new(),
                joined_words: Vec::new(),
                not_an_article: false,
            },
            link_spans: vec![None; doc.links.len()],
            credits_index: blocks.iter().rposition(|bl| is_credits_line(&bl.text())).filter(|&i| i + 3 >= blocks.len() && i > 0),
            email: blocks.iter().take(40).any(|b| b.text().lines().any(|l| is_email_header(l.trim()))),
            in_header: true,
            after_image: false,
            body_started: false,
            lead_seen: false,
            leading_controls: 0,
            role_line: None,
            reply_marks: false,
            pending_credit: None,
        }
    }

    /// Files block `index`: the first reading that takes it wins.
    fn block(&mut self, index: usize, block: &RawBlock) {
        let text = block.text();
        let trimmed = text.trim();
        if is_control(trimmed) {
            self.leading_controls += usize::from(index == self.leading_controls);
            return;
        }
        if self.role_line == Some(index) || self.source_line(block, trimmed) {
            return;
        }
        let caption_here = std::mem::take(&mut self.after_image);
        if self.title(index, block, &text, trimmed)
            || self.repeated_subject(trimmed)
            || self.labelled_caption(block, &text, trimmed)
            || self.run_on_caption(block, trimmed)
            || self.header_line(index, block, &text, trimmed)
            || self.lead_image(block)
        {
            return;
        }
        self.in_header = false;
        if self.caption(caption_here, index, block) || self.credits(index, block) {
            return;
        }
        self.body(block);
    }

    /// The input span of `block`, in the input as given.
    fn source(&self, block: &RawBlock) -> Span {
        original(self.map, source_of(block))
    }

    /// Whether the header is still being read (nothing of the story yet).
    fn header(&self) -> bool {
        self.in_header && !self.body_started
    }

    /// Appends `block`'s inlines as a block of `kind`, noting its links' spans.
    fn push(&mut self, kind: BlockKind, block: &RawBlock, inlines: &[Inline]) -> Option<Span> {
        let (span, spans) = self.b.push_block(kind, inlines)?;
        note_links(&mut self.link_spans, block, &spans);
        Some(span)
    }

    /// "Source: CNN" in the header, "Source: Al Jazeera and news agencies" after the story:
    /// the publisher.
    fn source_line(&mut self, block: &RawBlock, trimmed: &str) -> bool {
        let Some(rest) = trimmed.get(..7).filter(|h| h.eq_ignore_ascii_case("source:")).map(|_| trimmed[7..].trim()) else {
            return false;
        };
        if !(1..=8).contains(&rest.split_whitespace().count()) {
            return false;
        }
        if self.article.publisher.is_none() {
            let name = rest.split(" and ").next().unwrap_or(rest);
            self.article.publisher = Some(Field { value: name.to_string(), source: self.source(block), span: None, via: Via::Text });
        }
        true
    }

    /// The title: the first heading, or a first short line that is no URL or timestamp (in
    /// Markdown, one that does not end a sentence). An email's subject leaves out "Fwd:" or
    /// "Re:", in the text too.
    fn title(&mut self, index: usize, block: &RawBlock, text: &str, trimmed: &str) -> bool {
        if self.article.title.is_some()
            || !self.header()
            || self.doc.page.as_ref().is_some_and(|p| (p.whole_page || !p.article) && p.title.is_none())
        {
            return false;
        }
        let is_heading = matches!(block.kind, RawKind::Heading(_));
        let plain_title = index == self.leading_controls
            && (!matches!(self.format, InputFormat::Markdown) || !trimmed.ends_with(['.', '!', '?', ':', ';', ',']))
            && trimmed.chars().count() <= 200
            && !looks_like_url(trimmed)
            && parse_timestamp(trimmed).is_none();
        if !is_heading && !plain_title {
            return false;
        }
        let marks = if self.email { trimmed.len() - without_reply_marks(trimmed).len() } else { 0 };
        let lead = text.len() - text.trim_start().len();
        let inlines = if marks > 0 { without_label(&block.inlines, lead + marks) } else { block.inlines.clone() };
        if let Some((span, _)) = self.b.push_block(BlockKind::Title, &inlines) {
            let value = span.of(&self.b.text).to_string();
            self.article.title = Some(Field { value, source: self.source(block), span: Some(span), via: Via::Text });
        }
        self.reply_marks = marks > 0;
        true
    }

    /// The title again, as a forwarded article repeats the email's subject: left out.
    fn repeated_subject(&self, trimmed: &str) -> bool {
        self.reply_marks && self.header() && self.article.title.as_ref().is_some_and(|t| t.value == trimmed)
    }

    /// A labelled caption or photo credit ("Image caption, ...", "Image source, Getty
    /// Images"), as a page copied as text has them; in the header too (it does not end it).
    fn labelled_caption(&mut self, block: &RawBlock, text: &str, trimmed: &str) -> bool {
        let Some((part, label)) = caption_label(trimmed) else { return false };
        let inlines = without_label(&block.inlines, text.len() - text.trim_start().len() + label);
        if let Some(span) = self.push(BlockKind::Caption, block, &inlines) {
            match part {
                CaptionPart::Caption if self.article.caption.is_none() => {
                    let credit = self.pending_credit.take().or_else(|| parse_photo_credit(&self.b.text, span));
                    self.article.caption = Some(Caption { span, credit });
                }
                CaptionPart::Credit => {
                    let credit = labelled_photo_credit(&self.b.text, span);
                    match self.article.caption.as_mut() {
                        Some(c) if c.credit.is_none() => c.credit = Some(credit),
                        _ => self.pending_credit = Some(credit),
                    }
                }
                CaptionPart::Caption => {}
            }
        }
        true
    }

    /// A caption with its credit run on ("... news conference.Credit...Kenny Holston/The New
    /// York Times").
    fn run_on_caption(&mut self, block: &RawBlock, trimmed: &str) -> bool {
        let Some((_, credit_at)) = run_on_credit(trimmed) else { return false };
        if let Some(span) = self.push(BlockKind::Caption, block, &block.inlines) {
            if self.article.caption.is_none() {
                let shown = span.of(&self.b.text);
                // The caption's text as pushed is the block's, trimmed: find the credit in it.
                let at = shown.len() - (trimmed.len() - credit_at);
                let credit = labelled_photo_credit(&self.b.text, Span::new(span.start + at, span.end));
                self.article.caption = Some(Caption { span, credit: Some(credit) });
            }
        }
        true
    }

    /// Metadata lines right under the title (bold lines in the seed format, short lines in
    /// plain text): bylines, timestamps, URLs, the publisher; and a standfirst between them,
    /// which is the story's but does not end the header.
    fn header_line(&mut self, index: usize, block: &RawBlock, text: &str, trimmed: &str) -> bool {
        if !self.header() || block.only_image().is_some() {
            return false;
        }
        // A byline as a name over the reporter's role ("Osmond Chia" / "Business reporter, BBC
        // News"), or with the role on the same line ("Peter Walker Senior political
        // correspondent"); the role line may name the publisher.
        if let (None, Some(name)) = (&self.article.byline, name_before_role(trimmed)) {
            self.article.byline = Some(Field { value: name.to_string(), source: self.source(block), span: None, via: Via::Text });
            return true;
        }
        if self.article.byline.is_none() && looks_like_name(trimmed) {
            let next = self.blocks.get(index + 1);
            if let Some(outlet) = next.and_then(|next| staff_role(&next.text()).map(|o| o.map(str::to_string))) {
                self.article.byline = Some(Field { value: trimmed.to_string(), source: self.source(block), span: None, via: Via::Text });
                if let (None, Some(outlet), Some(next)) = (&self.article.publisher, outlet, next) {
                    self.article.publisher = Some(Field { value: outlet, source: self.source(next), span: None, via: Via::Text });
                }
                self.role_line = Some(index + 1);
                return true;
            }
        }
        let meta_like = block.all_strong()
            || (!matches!(self.format, InputFormat::Markdown) && trimmed.chars().count() < 120)
            || looks_like_url(trimmed)
            || parse_timestamp(trimmed).is_some();
        if meta_like && take_metadata(&mut self.article, block, trimmed, self.map) {
            return true;
        }
        // A standfirst under the title when the byline or timestamp comes after it, or a line
        // between them ("Reporting from Washington"): a paragraph of the story, and the header
        // goes on. (Not one that opens with a dateline: that is the story's first paragraph.)
        let standfirst = self.article.title.is_some() && trimmed.chars().count() < 300;
        if standfirst
            && self.blocks.iter().skip(index + 1).take(2).any(|next| is_header_line(&next.text()))
            && find_dateline(text, Span::new(0, text.len())).is_none()
        {
            self.push(BlockKind::Paragraph, block, &block.inlines);
            return true;
        }
        false
    }

    /// The lead image (the first block that is only an image), its alt text in the text; the
    /// block after it may be its caption. Later images keep their alt text only.
    fn lead_image(&mut self, block: &RawBlock) -> bool {
        let Some(k) = block.only_image() else { return false };
        let (url, src) = &self.doc.images[k];
        let alt_span = self.b.push_block(BlockKind::ImageAlt, &block.inlines).map(|(s, _)| s);
        if self.article.image.is_none() {
            self.article.image = Some(Image {
                url: url.clone(),
                alt: alt_span.map(|s| s.of(&self.b.text).to_string()).unwrap_or_default(),
                alt_span,
                source: original(self.map, *src),
                via: Via::Text,
            });
            self.after_image = true;
        }
        true
    }

    /// The block right after the lead image, unless a heading: its caption, with the photo
    /// credit that ends it. In a web page, only a figure's caption is one.
    fn caption(&mut self, caption_here: bool, index: usize, block: &RawBlock) -> bool {
        if !caption_here || self.article.caption.is_some() || matches!(block.kind, RawKind::Heading(_)) {
            return false;
        }
        if self.doc.page.as_ref().is_some_and(|p| p.captions.binary_search(&index).is_err()) {
            return false;
        }
        if let Some(span) = self.push(BlockKind::Caption, block, &block.inlines) {
            let credit = parse_photo_credit(&self.b.text, span);
            self.article.caption = Some(Caption { span, credit });
        }
        true
    }

    /// The credits line ("Reporting by ...; Editing by ...").
    fn credits(&mut self, index: usize, block: &RawBlock) -> bool {
        if Some(index) != self.credits_index {
            return false;
        }
        if let Some(span) = self.push(BlockKind::Credits, block, &block.inlines) {
            self.article.credits = Some(parse_credits(&self.b.text, span));
        }
        true
    }

    /// A block of the story. The dateline opens its first paragraph; a short line before it
    /// ("Published 3 hours ago", "Listen to this article") does not hide it.
    fn body(&mut self, block: &RawBlock) {
        let kind = match block.kind {
            RawKind::Heading(_) => BlockKind::Heading,
            RawKind::Paragraph => BlockKind::Paragraph,
            RawKind::ListItem => BlockKind::ListItem,
            RawKind::Quote => BlockKind::Quote,
            RawKind::Code => BlockKind::Code,
        };
        if let Some(span) = self.push(kind, block, &block.inlines) {
            if !self.lead_seen && kind == BlockKind::Paragraph {
                self.article.dateline = find_dateline(&self.b.text, span);
                self.lead_seen =
                    self.article.dateline.is_some() || span.of(&self.b.text).split_whitespace().nth(MAX_STRAY_LINE_WORDS).is_some();
            }
            self.body_started = true;
        }
    }

    /// The article and its text: a credit line without a caption stands for the caption, the
    /// links take their places, and the publisher falls back on what the URL or dateline says.
    fn finish(self) -> (String, Article) {
        let Classifier { doc, b, mut article, link_spans, pending_credit, map, .. } = self;
        if let (None, Some(credit)) = (&article.caption, pending_credit) {
            article.caption = Some(Caption { span: credit.span, credit: Some(credit) });
        }
        if let Some(page) = doc.page.as_deref() {
            page_facts(&mut article, page, map);
        }
        let site = article.url.as_ref().map(|u| site_of(&u.domain));
        for (i, span) in link_spans.into_iter().enumerate() {
            let Some(span) = span else { continue };
            let url = doc.links[i].clone();
            let domain = domain_of(&url);
            let internal = match (&domain, &site) {
                (None, _) => !url.contains(':'), // a relative link stays on the site
                (Some(d), Some(s)) => site_of(d) == *s,
                (Some(_), None) => false,
            };
            let safe = is_safe_url(&url);
            article.links.push(Link { span, text: span.of(&b.text).to_string(), url, domain, internal, safe });
        }
        order::sort_by_key(&mut article.links, |l| order::pair(l.span.start, l.span.end));
        article.blocks = b.blocks;
        article.source_map = b.pieces;
        if article.publisher.is_none() {
            article.publisher = publisher_fallback(&article);
        }
        (b.text, article)
    }
}

/// A web page's metadata over what the text's lines said: what a page states about itself
/// comes first (see [`super::meta`]), the lines of its text after.
fn page_facts(article: &mut Article, page: &PageFacts, map: &OffsetMap) {
    let source = |s: &Stated| original(map, s.source);
    article.not_an_article = !page.article;
    if let (Some(t), Some(title)) = (&page.title, article.title.as_mut()) {
        title.via = t.via;
    }
    if let Some(b) = &page.byline {
        article.byline = Some(Field { value: b.value.clone(), source: source(b), span: None, via: b.via });
    }
    if let Some((p, ts)) = page.published.as_ref().and_then(|p| Some((p, parse_timestamp(&p.value)?))) {
        article.published = Some(Published { raw: p.value.clone(), iso: ts.iso(), source: source(p), via: p.via });
    }
    if let Some(p) = page.publisher.as_ref().filter(|p| is_publisher_name(&p.value)) {
        article.publisher = Some(Field { value: p.value.clone(), source: source(p), span: None, via: p.via });
    }
    if let Some(u) = &page.url {
        let domain = domain_of(&u.value).unwrap_or_default();
        article.url = Some(ArticleUrl { url: u.value.clone(), domain, source: source(u), via: u.via });
    }
    if let Some(i) = &page.image {
        let file = |u: &str| u.rsplit('/').next().unwrap_or(u).split('?').next().unwrap_or("").to_string();
        match article.image.as_mut() {
            // The same picture: its alt text stays in the text.
            Some(img) if file(&img.url) == file(&i.value) => img.via = i.via,
            _ => article.image = Some(Image { url: i.value.clone(), alt: String::new(), alt_span: None, source: source(i), via: i.via }),
        }
    }
}

/// Whether `line` is one a header holds: a timestamp, a byline (with "By", or a name with
/// its role), or a page control.
fn is_header_line(line: &str) -> bool {
    let t = line.trim();
    parse_timestamp(t).is_some()
        || t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("by "))
        || name_before_role(t).is_some()
        || looks_like_name(t)
        || is_control(t)
}

/// `inlines` without their first `cut` bytes (a caption's label), when the first inline holds
/// them as the input has them; otherwise all of them, label included.
fn without_label(inlines: &[Inline], cut: usize) -> Vec<Inline> {
    let mut out = inlines.to_vec();
    if let Some(first) = out.first_mut() {
        if first.text.len() > cut && first.text.len() == first.source.len() && first.text.is_char_boundary(cut) {
            first.text.drain(..cut);
            first.source = Span::new(first.source.start + cut, first.source.end);
        }
    }
    out
}

/// A labelled photo credit ("Image source, Getty Images"): read as a caption's credit, or,
/// when it is not one of the forms that reads (a name alone, "BBC"), taken as it is: two
/// words or more name the photographer, one the agency.
fn labelled_photo_credit(text: &str, span: Span) -> PhotoCredit {
    parse_photo_credit(text, span).unwrap_or_else(|| {
        let raw = span.of(text).trim_end_matches('.').to_string();
        let person = raw.split_whitespace().count() >= 2;
        PhotoCredit {
            span: Span::new(span.start, span.start + raw.len()),
            agency: (!person).then(|| raw.clone()),
            photographer: person.then(|| raw.clone()),
            raw,
            pool: false,
            handout: false,
            file_photo: false,
            distributor: None,
        }
    })
}

fn note_links(link_spans: &mut [Option<Span>], block: &RawBlock, spans: &[Span]) {
    for (inline, span) in block.inlines.iter().zip(spans) {
        if let Some(k) = inline.link {
            if span.is_empty() {
                continue;
            }
            let entry = &mut link_spans[k];
            *entry = Some(match *entry {
                Some(s) => Span::new(s.start.min(span.start), s.end.max(span.end)),
                None => *span,
            });
        }
    }
}

/// Files a header line under the metadata field it belongs to; false when it is none.
fn take_metadata(article: &mut Article, block: &RawBlock, trimmed: &str, map: &OffsetMap) -> bool {
    let source = original(map, source_of(block));
    if looks_like_url(trimmed) && article.url.is_none() {
        let url = if trimmed.starts_with("www.") { format!("https://{trimmed}") } else { trimmed.to_string() };
        let domain = domain_of(&url).unwrap_or_default();
        article.url = Some(ArticleUrl { url, domain, source, via: Via::Text });
        return true;
    }
    if let Some(ts) = parse_timestamp(trimmed) {
        // The first timestamp is the publication's; a second (the update, or the same date
        // again, as Al Jazeera repeats it) is the header's too.
        if article.published.is_none() {
            article.published = Some(Published { raw: trimmed.to_string(), iso: ts.iso(), source, via: Via::Text });
        }
        return true;
    }
    let lower = trimmed.to_lowercase();
    if article.byline.is_none() && lower.starts_with("by ") && trimmed.split_whitespace().count() <= 12 {
        // "By Mary Gilbert and Taylor Ward, CNN", "By Jane Smith, Al Jazeera": an outlet in
        // capitals, or a known one, after the last comma.
        let names = trimmed[3..].trim();
        let (names, outlet) = match names.rsplit_once(", ") {
            Some((n, o)) if o.len() >= 2 && o.chars().all(|c| c.is_uppercase() || c == ' ') || Outlets::get().is_outlet(o) => (n, Some(o)),
            _ => (names, None),
        };
        if let (None, Some(o)) = (&article.publisher, outlet.filter(|o| is_publisher_name(o))) {
            article.publisher = Some(Field { value: o.to_string(), source, span: None, via: Via::Text });
        }
        article.byline = Some(Field { value: names.to_string(), source, span: None, via: Via::Text });
        return true;
    }
    if article.publisher.is_none() && is_publisher_name(trimmed) && block.all_strong() {
        article.publisher = Some(Field { value: trimmed.to_string(), source, span: None, via: Via::Text });
        return true;
    }
    false
}

/// An email subject without the marks a reply or a forward adds ("Fwd: Re: Ministers agree").
fn without_reply_marks(subject: &str) -> &str {
    let mut s = subject;
    while let Some(rest) = ["fwd:", "fw:", "re:", "aw:", "wg:", "tr:"]
        .iter()
        .find(|m| s.get(..m.len()).is_some_and(|h| h.eq_ignore_ascii_case(m)))
        .map(|m| s[m.len()..].trim_start())
    {
        s = rest;
    }
    if s.is_empty() {
        subject
    } else {
        s
    }
}

/// Whether `name` can be a publisher's: one to eight words ("Reuters", "South China Morning
/// Post", "Mozilla Hacks – the Web developer blog"). A longer site name is a slogan or a
/// sentence, and the Markdown lede writes (`**Reuters**` under the title) reads a bold line
/// back as the publisher by this same test.
fn is_publisher_name(name: &str) -> bool {
    (1..=8).contains(&name.split_whitespace().count())
}

/// The publisher, when no line names it: the outlet whose site the URL is on (`lists/outlets.tsv`),
/// or the dateline's agency.
fn publisher_fallback(article: &Article) -> Option<Field> {
    if let Some(u) = &article.url {
        if let Some(name) = Outlets::get().by_site(&site_of(&u.domain)) {
            return Some(Field { value: name.to_string(), source: u.source, span: None, via: Via::Text });
        }
    }
    let d = article.dateline.as_ref()?;
    let source = Span::new(article.to_source(d.span.start), article.to_source(d.span.end));
    Some(Field { value: d.agency.clone()?, source, span: Some(d.span), via: Via::Dateline })
}
