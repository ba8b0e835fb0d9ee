//! The Markdown reader (the seed format included): pulldown-cmark's events with their
//! offsets, into raw blocks.

use super::raw::{Inline, RawBlock, RawDoc, RawKind};
use crate::analysis::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub(crate) fn markdown_blocks(input: &str) -> RawDoc {
    let mut doc = RawDoc::default();
    let mut current: Option<RawBlock> = None;
    let mut strong = 0usize;
    let mut link: Option<usize> = None;
    let mut image: Option<usize> = None;
    let mut quote_depth = 0usize;
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let open = |current: &mut Option<RawBlock>, doc: &mut RawDoc, kind: RawKind, at: usize| {
        if let Some(b) = current.take() {
            if !b.inlines.is_empty() {
                doc.blocks.push(b);
            }
        }
        *current = Some(RawBlock { kind, inlines: Vec::new(), source: Span::new(at, at) });
    };
    for (event, range) in Parser::new_ext(input, opts).into_offset_iter() {
        let src = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => open(&mut current, &mut doc, RawKind::Heading(level as u8), src.start),
            Event::Start(Tag::Paragraph) => {
                let kind = match current.as_ref().map(|b| (b.kind, b.inlines.is_empty())) {
                    Some((RawKind::ListItem, true)) => RawKind::ListItem,
                    _ if quote_depth > 0 => RawKind::Quote,
                    _ => RawKind::Paragraph,
                };
                open(&mut current, &mut doc, kind, src.start);
            }
            Event::Start(Tag::Item) => open(&mut current, &mut doc, RawKind::ListItem, src.start),
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => open(&mut current, &mut doc, RawKind::Code, src.start),
            Event::Start(Tag::TableCell) => open(&mut current, &mut doc, RawKind::Paragraph, src.start),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell) => {
                if let Some(mut b) = current.take() {
                    b.source.end = src.end;
                    if !b.inlines.is_empty() {
                        doc.blocks.push(b);
                    }
                }
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                doc.links.push(dest_url.to_string());
                link = Some(doc.links.len() - 1);
            }
            Event::End(TagEnd::Link) => link = None,
            Event::Start(Tag::Image { dest_url, .. }) => {
                doc.images.push((dest_url.to_string(), src));
                image = Some(doc.images.len() - 1);
                // An image with empty alt text still needs a place in its block.
                current
                    .get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: src })
                    .inlines
                    .push(Inline { text: String::new(), source: Span::new(src.start, src.start), strong: strong > 0, link, image });
            }
            Event::End(TagEnd::Image) => image = None,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let block = current.get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: src });
                let (strong, exact) = (strong > 0, t.len() == src.len());
                // Text that goes on where the last piece ended, as written and alike, joins it: the
                // parser gives each bracket of "[[[[" its own event, and a piece each was a few
                // hundred bytes of memory per byte of such input.
                match block.inlines.last_mut() {
                    Some(last)
                        if exact
                            && last.source.end == src.start
                            && last.text.len() == last.source.len()
                            && (last.strong, last.link, last.image) == (strong, link, image) =>
                    {
                        last.text.push_str(&t);
                        last.source.end = src.end;
                    }
                    _ => block.inlines.push(Inline { text: t.to_string(), source: src, strong, link, image }),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.inlines.push(Inline { text: " ".into(), source: src, strong: strong > 0, link, image });
                }
            }
            // Raw HTML inside Markdown is dropped: it is never rendered, and its text
            // is rarely article prose.
            _ => {}
        }
    }
    if let Some(b) = current.take() {
        if !b.inlines.is_empty() {
            doc.blocks.push(b);
        }
    }
    doc
}
