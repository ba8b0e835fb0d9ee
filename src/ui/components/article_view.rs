use crate::analysis::article::BlockKind;
use crate::analysis::dates::TimeExpr;
use crate::analysis::entities::{Label, Source};
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Analysis, Span};
use crate::ui::segments::{segments, Mark};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The analysis of the article shown.
    pub analysis: Rc<Analysis>,
    /// Entity types whose highlights are switched off.
    #[prop_or_default]
    pub hidden: Vec<Label>,
    /// The entity whose mentions are marked as chosen.
    #[prop_or_default]
    pub selected_entity: Option<usize>,
    /// The quote marked as chosen.
    #[prop_or_default]
    pub selected_quote: Option<usize>,
}

/// The article as a reader sees it: title, publisher, time and source link, then
/// the body with its image description, caption, links and repair marks.
#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let a = &props.analysis;
    let art = &a.article;
    let view = View { a, hidden: &props.hidden, selected: props.selected_entity, quote: props.selected_quote };
    let title = art.title.as_ref().and_then(|t| t.span).map(|s| view.inline(s)).unwrap_or_else(|| html! { { "Untitled" } });
    let blocks = a.article.blocks.iter().filter(|b| b.kind != BlockKind::Title).map(|b| {
        let content = view.inline(b.span);
        match b.kind {
            BlockKind::Heading => html! { <h2>{ content }</h2> },
            BlockKind::ImageAlt => html! {
                <div class="image-alt" data-testid="image-alt">
                    <span class="image-label">{ "Image" }</span>
                    { content }
                    if let Some(img) = art.image.as_ref().filter(|i| i.alt_span == Some(b.span)) {
                        { " " }{ safe_link(&img.url, html! { { "(open image)" } }) }
                    }
                </div>
            },
            BlockKind::Caption => html! { <p class="caption" data-testid="caption">{ content }</p> },
            BlockKind::Credits => html! { <p class="credits" data-testid="credits">{ content }</p> },
            BlockKind::ListItem => html! { <p class="list-item">{ content }</p> },
            BlockKind::Quote => html! { <blockquote>{ content }</blockquote> },
            BlockKind::Code => html! { <pre>{ content }</pre> },
            BlockKind::Paragraph | BlockKind::Title => html! { <p>{ content }</p> },
        }
    });
    html! {
        <article class="article" data-testid="article">
            <header class="article-head">
                <h1 data-testid="title">{ title }</h1>
                <p class="byline">
                    if let Some(p) = &art.publisher { <span class="publisher" data-testid="publisher">{ &p.value }</span> }
                    if let Some(b) = &art.byline { <span class="author">{ format!("By {}", b.value) }</span> }
                    if let Some(t) = &art.published { <time datetime={t.iso.clone()} data-testid="published">{ &t.raw }</time> }
                    if let Some(u) = &art.url { <span class="source">{ safe_link(&u.url, html! { { &u.domain } }) }</span> }
                </p>
            </header>
            <div class="body" data-testid="body">{ for blocks }</div>
            if a.text.trim().is_empty() {
                <p class="empty">{ "Nothing to show: the text is empty." }</p>
            }
        </article>
    }
}

/// A link the reader can follow, only for http, https and mailto URLs; anything
/// else (javascript:, data:) is shown as plain text.
pub fn safe_link(url: &str, content: Html) -> Html {
    if crate::analysis::article::is_safe_url(url) {
        html! { <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ content }</a> }
    } else {
        content
    }
}

/// What the tooltip of a mention says about why it was tagged.
pub fn why(source: &Source) -> String {
    match source {
        Source::Model { confidence } => format!("tagger, {:.0}% confident", confidence * 100.0),
        Source::Gazetteer { confidence } => format!("tagger ({:.0}%) and gazetteer", confidence * 100.0),
        Source::Rule { rule } => format!("rule: {rule}"),
    }
}

/// What a date's tooltip says: its resolved value and the rule behind it.
pub fn time_tip(t: &TimeExpr) -> String {
    match &t.value {
        Some(v) => format!("resolved: {v} ({})", t.rule),
        None => format!("unresolved ({})", t.rule),
    }
}

struct View<'a> {
    a: &'a Analysis,
    hidden: &'a [Label],
    selected: Option<usize>,
    quote: Option<usize>,
}

impl View<'_> {
    /// The text of `span` with its links, entity mentions and repair findings as nested elements.
    fn inline(&self, span: Span) -> Html {
        let a = self.a;
        let mut marks: Vec<(Span, Mark)> = Vec::new();
        marks.extend(a.article.links.iter().enumerate().filter(|(_, l)| span.contains(l.span)).map(|(i, l)| (l.span, Mark::Link(i))));
        marks.extend(a.mentions.iter().enumerate().filter(|(_, m)| span.contains(m.span)).map(|(i, m)| (m.span, Mark::Mention(i))));
        marks
            .extend(a.findings.iter().enumerate().filter_map(|(i, f)| f.span.filter(|s| span.overlaps(*s)).map(|s| (s, Mark::Finding(i)))));
        for (i, q) in a.quotes.iter().enumerate() {
            marks.extend(q.parts.iter().filter(|p| span.contains(**p)).map(|p| (*p, Mark::Quote(i))));
        }
        // Relative dates no entity rule tags ("a day after") get their own mark.
        marks.extend(
            a.times
                .iter()
                .enumerate()
                .filter(|(_, t)| span.contains(t.span) && !a.mentions.iter().any(|m| m.span.overlaps(t.span)))
                .map(|(i, t)| (t.span, Mark::Time(i))),
        );
        let segs = segments(span, &marks);
        html! {
            { for segs.into_iter().map(|seg| {
                let mut node = html! { { seg.span.of(&a.text).to_string() } };
                // Several repairs over one place (the seed's mojibake, then its look-alike
                // letter) share one mark whose tooltip lists them in order.
                let tips: Vec<String> = seg.marks.iter().filter_map(|m| match *m {
                    Mark::Finding(i) => {
                        let f = &a.findings[i];
                        Some(format!("{}: “{}” → “{}” ({})", f.kind.label(), f.original, f.replacement, f.note))
                    }
                    _ => None,
                }).collect();
                if !tips.is_empty() {
                    node = html! { <mark class="finding" title={tips.join("\n")} data-testid="finding-mark">{ node }</mark> };
                }
                if let Some(&Mark::Mention(i)) = seg.marks.iter().find(|m| matches!(m, Mark::Mention(_))) {
                    let m = &a.mentions[i];
                    let e = a.entities.get(m.entity);
                    let mut tip = format!("{} · {}", m.label.code(), e.map_or("", |e| e.name.as_str()));
                    if let Some(r) = m.role {
                        tip.push_str(&format!(" · role: {}", r.of(&a.text)));
                    }
                    tip.push_str(&format!(" · {}", why(&m.source)));
                    if let Some(t) = a.times.iter().find(|t| t.span == m.span) {
                        tip.push_str(&format!(" · {}", time_tip(t)));
                    }
                    let off = self.hidden.contains(&m.label);
                    let chosen = self.selected == Some(m.entity);
                    // The first segment of a mention carries its id, for scrolling to it.
                    let first = seg.span.start == m.span.start;
                    node = html! {
                        <span class={classes!("ent", format!("ent-{}", m.label.code()), off.then_some("off"), chosen.then_some("chosen"))}
                              tabindex={(!off && first).then_some("0")} data-tip={tip.clone()} aria-label={tip}
                              data-entity={m.entity.to_string()} data-testid="mention"
                              id={first.then(|| format!("mention-{i}"))}>
                            { node }
                        </span>
                    };
                }
                if let Some(&Mark::Time(i)) = seg.marks.iter().find(|m| matches!(m, Mark::Time(_))) {
                    let t = &a.times[i];
                    let tip = time_tip(t);
                    node = html! { <span class="time" tabindex="0" data-tip={tip.clone()} aria-label={tip} data-testid="time">{ node }</span> };
                }
                if let Some(&Mark::Quote(i)) = seg.marks.iter().find(|m| matches!(m, Mark::Quote(_))) {
                    let q = &a.quotes[i];
                    let chosen = self.quote == Some(i);
                    let kind = match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Phrase => "phrase",
                        QuoteKind::Indirect => "indirect",
                    };
                    node = html! {
                        <span class={classes!("quote", kind, chosen.then_some("chosen"))} data-quote={i.to_string()} data-testid="quote-mark"
                              id={(seg.span.start == q.span.start).then(|| format!("quote-{i}"))}
                              tabindex={(seg.span.start == q.span.start).then_some("-1")}>{ node }</span>
                    };
                }
                if let Some(&Mark::Link(i)) = seg.marks.iter().find(|m| matches!(m, Mark::Link(_))) {
                    let l = &a.article.links[i];
                    node = if l.safe {
                        html! { <a href={l.url.clone()} target="_blank" rel="noopener noreferrer" class={classes!(if l.internal { "internal" } else { "external" })}>{ node }</a> }
                    } else {
                        html! { <span class="unsafe-link" title="link not followed: only http, https and mailto links are">{ node }</span> }
                    };
                }
                node
            }) }
        }
    }
}
