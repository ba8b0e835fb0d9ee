//! The classifier: which raw block is the title, a metadata line, the lead image, its
//! caption, the credits line or the body, and the analysis text laid out from them.

use super::chrome::{
    caption_label, is_control, is_email_header, is_end_marker, looks_like_name, name_before_role, run_on_credit, staff_role, CaptionPart,
};
use super::credits::{contributors, parse_credits, parse_photo_credit, PhotoCredit};
use super::dateline::{find_dateline, MAX_STRAY_LINE_WORDS};
use super::raw::{Inline, RawBlock, RawDoc, RawKind};
use super::urls::{domain_of, is_safe_url, site_of};
use super::{Article, ArticleUrl, Block, BlockKind, Caption, Field, Image, InputFormat, Link, Piece, Published};
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

pub(crate) fn classify(mut doc: RawDoc, format: InputFormat, map: &OffsetMap) -> (String, Article) {
    let joined_words = std::mem::take(&mut doc.joined_words);
    let mut b = TextBuilder { text: String::new(), pieces: Vec::new(), blocks: Vec::new(), map };
    let mut article = Article {
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
    };
    // The story ends where a page lists other stories ("Related topics"), in its second half.
    let short = |bl: &RawBlock| bl.inlines.iter().map(|i| i.text.len()).sum::<usize>() <= 40;
    let tail =
        doc.blocks.iter().enumerate().position(|(i, bl)| i > 0 && i * 2 >= doc.blocks.len() && short(bl) && is_end_marker(&bl.text()));
    let blocks = &doc.blocks[..tail.unwrap_or(doc.blocks.len())];
    let credits_index = blocks.iter().rposition(|bl| is_credits_line(&bl.text())).filter(|&i| i + 3 >= blocks.len() && i > 0);
    let mut link_spans: Vec<Option<Span>> = vec![None; doc.links.len()];
    let mut in_header = true;
    let mut after_image = false;
    let mut body_started = false;
    // Whether the story's first paragraph has passed (where a dateline would be).
    let mut lead_seen = false;
    // Page controls before the title ("Share" over the headline).
    let mut leading_controls = 0;
    // A reporter's role line under a byline's name, filed with the name.
    let mut role_line = None;
    // Whether the title was an email's subject ("Fwd: ..."), which the article may repeat.
    let mut reply_marks = false;
    // "Fwd:" and "Re:" mark a subject only in an email, whose header ("From: ...",
    // "---------- Forwarded message") comes within its first lines; a headline may start
    // with "Re:" too.
    let email = blocks.iter().take(40).any(|b| b.text().lines().any(|l| is_email_header(l.trim())));
    // A labelled photo credit ("Image source, Getty Images") waiting for its caption.
    let mut pending_credit: Option<PhotoCredit> = None;

    for (index, block) in blocks.iter().enumerate() {
        let text = block.text();
        let trimmed = text.trim();
        if is_control(trimmed) {
            leading_controls += usize::from(index == leading_controls);
            continue;
        }
        if role_line == Some(index) {
            continue;
        }
        // "Source: CNN" in the header, "Source: Al Jazeera and news agencies" after the story:
        // the publisher.
        if let Some(rest) = trimmed.get(..7).filter(|h| h.eq_ignore_ascii_case("source:")).map(|_| trimmed[7..].trim()) {
            if (1..=8).contains(&rest.split_whitespace().count()) {
                if article.publisher.is_none() {
                    let name = rest.split(" and ").next().unwrap_or(rest);
                    article.publisher = Some(Field { value: name.to_string(), source: original(map, source_of(block)), span: None });
                }
                continue;
            }
        }
        let caption_here = after_image;
        after_image = false;

        // The title: the first heading, or the first short line of plain text.
        if article.title.is_none() && in_header && !body_started {
            let is_heading = matches!(block.kind, RawKind::Heading(_));
            // Without a heading, a short first line that does not end a sentence.
            let plain_title = index == leading_controls
                && (!matches!(format, InputFormat::Markdown) || !trimmed.ends_with(['.', '!', '?', ':', ';', ',']))
                && trimmed.chars().count() <= 200
                && !looks_like_url(trimmed)
                && parse_timestamp(trimmed).is_none();
            if is_heading || plain_title {
                // An email's subject line: the title without "Fwd:" or "Re:", which the
                // text leaves out too.
                let marks = if email { trimmed.len() - without_reply_marks(trimmed).len() } else { 0 };
                let lead = text.len() - text.trim_start().len();
                let inlines = if marks > 0 { without_label(&block.inlines, lead + marks) } else { block.inlines.clone() };
                if let Some((span, _)) = b.push_block(BlockKind::Title, &inlines) {
                    let value = span.of(&b.text).to_string();
                    article.title = Some(Field { value, source: original(map, source_of(block)), span: Some(span) });
                }
                reply_marks = marks > 0;
                continue;
            }
        }
        // The title again, as a forwarded article repeats the email's subject.
        if reply_marks && in_header && !body_started && article.title.as_ref().is_some_and(|t| t.value == trimmed) {
            continue;
        }

        // A labelled caption or photo credit, or a caption with its credit run on, as a page
        // copied as text has them; in the header too (it does not end it).
        if let Some((part, label)) = caption_label(trimmed) {
            let inlines = without_label(&block.inlines, text.len() - text.trim_start().len() + label);
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &inlines) {
                note_links(&mut link_spans, block, &spans);
                match part {
                    CaptionPart::Caption if article.caption.is_none() => {
                        let credit = pending_credit.take().or_else(|| parse_photo_credit(&b.text, span));
                        article.caption = Some(Caption { span, credit });
                    }
                    CaptionPart::Credit => {
                        let credit = labelled_photo_credit(&b.text, span);
                        match article.caption.as_mut() {
                            Some(c) if c.credit.is_none() => c.credit = Some(credit),
                            _ => pending_credit = Some(credit),
                        }
                    }
                    CaptionPart::Caption => {}
                }
            }
            continue;
        }
        if let Some((_, credit_at)) = run_on_credit(trimmed) {
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                if article.caption.is_none() {
                    let shown = span.of(&b.text);
                    // The caption's text as pushed is the block's, trimmed: find the credit in it.
                    let at = shown.len() - (trimmed.len() - credit_at);
                    let credit = labelled_photo_credit(&b.text, Span::new(span.start + at, span.end));
                    article.caption = Some(Caption { span, credit: Some(credit) });
                }
            }
            continue;
        }

        // Metadata lines right under the title: bold lines in the seed format,
        // short lines in plain text.
        if in_header && !body_started && block.only_image().is_none() {
            // A byline as a name over the reporter's role ("Osmond Chia" / "Business reporter,
            // BBC News"); the role line may name the publisher.
            if let (None, Some(name)) = (&article.byline, name_before_role(trimmed)) {
                // The role on the same line: "Peter Walker Senior political correspondent".
                article.byline = Some(Field { value: name.to_string(), source: original(map, source_of(block)), span: None });
                continue;
            }
            if article.byline.is_none() && looks_like_name(trimmed) {
                if let Some(outlet) = blocks.get(index + 1).and_then(|next| staff_role(&next.text()).map(|o| o.map(str::to_string))) {
                    let source = original(map, source_of(block));
                    article.byline = Some(Field { value: trimmed.to_string(), source, span: None });
                    if let (None, Some(outlet)) = (&article.publisher, outlet) {
                        let source = original(map, source_of(&blocks[index + 1]));
                        article.publisher = Some(Field { value: outlet, source, span: None });
                    }
                    role_line = Some(index + 1);
                    continue;
                }
            }
            let meta_like = block.all_strong()
                || (!matches!(format, InputFormat::Markdown) && trimmed.chars().count() < 120)
                || looks_like_url(trimmed)
                || parse_timestamp(trimmed).is_some();
            if meta_like && take_metadata(&mut article, block, trimmed, map) {
                continue;
            }
            // A standfirst under the title when the byline or timestamp comes after it, or a line
            // between them ("Reporting from Washington"): a paragraph of the story, and the
            // header goes on.
            // (Not one that opens with a dateline: that is the story's first paragraph.)
            let standfirst = article.title.is_some() && trimmed.chars().count() < 300;
            if standfirst
                && blocks.iter().skip(index + 1).take(2).any(|next| is_header_line(&next.text()))
                && find_dateline(&text, Span::new(0, text.len())).is_none()
            {
                if let Some((_, spans)) = b.push_block(BlockKind::Paragraph, &block.inlines) {
                    note_links(&mut link_spans, block, &spans);
                }
                continue;
            }
        }

        // The lead image, its alt text in the text, and the caption after it.
        if let Some(k) = block.only_image() {
            let (url, src) = &doc.images[k];
            let alt_span = b.push_block(BlockKind::ImageAlt, &block.inlines).map(|(s, _)| s);
            if article.image.is_none() {
                article.image = Some(Image {
                    url: url.clone(),
                    alt: alt_span.map(|s| s.of(&b.text).to_string()).unwrap_or_default(),
                    alt_span,
                    source: original(map, *src),
                });
                after_image = true;
            }
            continue;
        }
        in_header = false;

        if caption_here && article.caption.is_none() && !matches!(block.kind, RawKind::Heading(_)) {
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                let credit = parse_photo_credit(&b.text, span);
                article.caption = Some(Caption { span, credit });
            }
            continue;
        }

        if Some(index) == credits_index {
            if let Some((span, spans)) = b.push_block(BlockKind::Credits, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                article.credits = Some(parse_credits(&b.text, span));
            }
            continue;
        }

        let kind = match block.kind {
            RawKind::Heading(_) => BlockKind::Heading,
            RawKind::Paragraph => BlockKind::Paragraph,
            RawKind::ListItem => BlockKind::ListItem,
            RawKind::Quote => BlockKind::Quote,
            RawKind::Code => BlockKind::Code,
        };
        if let Some((span, spans)) = b.push_block(kind, &block.inlines) {
            note_links(&mut link_spans, block, &spans);
            // The dateline opens the story's first paragraph; a short line before it ("Published
            // 3 hours ago", "Listen to this article") does not hide it.
            if !lead_seen && kind == BlockKind::Paragraph {
                article.dateline = find_dateline(&b.text, span);
                lead_seen = article.dateline.is_some() || span.of(&b.text).split_whitespace().nth(MAX_STRAY_LINE_WORDS).is_some();
            }
            body_started = true;
        }
    }

    // A credit line without a caption line stands for the caption.
    if let (None, Some(credit)) = (&article.caption, pending_credit) {
        article.caption = Some(Caption { span: credit.span, credit: Some(credit) });
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
    article.joined_words = joined_words;
    if article.publisher.is_none() {
        article.publisher = publisher_fallback(&article);
    }
    (b.text, article)
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
        article.url = Some(ArticleUrl { url, domain, source });
        return true;
    }
    if let Some(ts) = parse_timestamp(trimmed) {
        // The first timestamp is the publication's; a second (the update, or the same date
        // again, as Al Jazeera repeats it) is the header's too.
        if article.published.is_none() {
            article.published = Some(Published { raw: trimmed.to_string(), iso: ts.iso(), source });
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
        if let (None, Some(o)) = (&article.publisher, outlet) {
            article.publisher = Some(Field { value: o.to_string(), source, span: None });
        }
        article.byline = Some(Field { value: names.to_string(), source, span: None });
        return true;
    }
    let words = trimmed.split_whitespace().count();
    if article.publisher.is_none() && (1..=5).contains(&words) && block.all_strong() {
        article.publisher = Some(Field { value: trimmed.to_string(), source, span: None });
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

/// The publisher, when no line names it: the outlet whose site the URL is on (`lists/outlets.tsv`),
/// or the dateline's agency.
fn publisher_fallback(article: &Article) -> Option<Field> {
    if let Some(u) = &article.url {
        if let Some(name) = Outlets::get().by_site(&site_of(&u.domain)) {
            return Some(Field { value: name.to_string(), source: u.source, span: None });
        }
    }
    let d = article.dateline.as_ref()?;
    let source = Span::new(article.to_source(d.span.start), article.to_source(d.span.end));
    Some(Field { value: d.agency.clone()?, source, span: Some(d.span) })
}
