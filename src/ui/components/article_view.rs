use crate::analysis::dates::TimeExpr;
use crate::analysis::mention::{Label, Source};
use crate::analysis::parse::BlockKind;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Analysis, Span};
use crate::ui::browser;
use crate::ui::segments::{segments, Mark};
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The analysis of the article shown.
    pub analysis: Shared<Analysis>,
    /// Entity types whose highlights are switched off.
    #[prop_or_default]
    pub hidden: Vec<Label>,
    /// The entity whose mentions are marked as chosen.
    #[prop_or_default]
    pub selected_entity: Option<usize>,
    /// The quote marked as chosen.
    #[prop_or_default]
    pub selected_quote: Option<usize>,
    /// The source whose quotes are marked as chosen.
    #[prop_or_default]
    pub selected_source: Option<usize>,
    /// Called with the entity of a mention clicked, tapped or entered in the text.
    #[prop_or_default]
    pub on_pick: Callback<usize>,
}

/// The article as a reader sees it: title, publisher, time and source link, then
/// the body with its image description, caption, links and repair marks.
#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let a = &props.analysis;
    let art = &a.article;
    // Keyed by the analysis' address: a new analysis is a new `Shared` (comparing the analyses
    // themselves would walk all of a long one on every render).
    let key = Shared::as_ptr(a) as usize;
    let marks = {
        let a = a.clone();
        use_memo(key, move |_| Marks::new(&a))
    };
    let chunks = {
        let a = a.clone();
        use_memo(key, move |_| chunk_blocks(&a))
    };
    // Chunks drawn so far: one more after each yield to the browser, which stays responsive.
    let shown = use_state(|| (key, 1usize));
    let count = if shown.0 == key { shown.1 } else { 1 }.min(chunks.len().max(1));
    {
        let shown = shown.clone();
        use_effect_with((key, count, chunks.len()), move |&(key, count, total)| {
            let cancelled = std::rc::Rc::new(std::cell::Cell::new(false));
            if count < total {
                let flag = cancelled.clone();
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::ZERO).await;
                    if !flag.get() {
                        shown.set((key, count + 1));
                    }
                });
            }
            move || cancelled.set(true)
        });
    }
    let view = View {
        a,
        hidden: &props.hidden,
        selected: props.selected_entity,
        quote: props.selected_quote,
        source: props.selected_source,
        marks: &marks,
    };
    let title = art.title.as_ref().and_then(|t| t.span).map(|s| view.inline(s)).unwrap_or_else(|| html! { { "Untitled" } });
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
            <div class="body" data-testid="body" onmouseover={Callback::from(|e: MouseEvent| browser::place_tip(e.target()))}
                 onfocusin={Callback::from(|e: FocusEvent| browser::place_tip(e.target()))}
                 onclick={pick(&props.on_pick, |e: MouseEvent| browser::entity_at(e.target()))}
                 onkeydown={pick(&props.on_pick, |e: KeyboardEvent| (e.key() == "Enter").then(|| browser::entity_at(e.target())).flatten())}>
                { for chunks.iter().take(count).map(|blocks| html! {
                    <BodyChunk key={blocks.start} analysis={a.clone()} marks={Shared::from(marks.clone())} blocks={blocks.clone()}
                        hidden={props.hidden.clone()} selected_entity={props.selected_entity} selected_quote={props.selected_quote}
                        selected_source={props.selected_source} />
                }) }
            </div>
            if a.text.trim().is_empty() {
                <p class="empty">{ "Nothing to show: the text is empty." }</p>
            }
        </article>
    }
}

/// A listener that calls `on_pick` with the entity `entity` finds for its event, when it finds one.
fn pick<E: 'static>(on_pick: &Callback<usize>, entity: impl Fn(E) -> Option<usize> + 'static) -> Callback<E> {
    let on_pick = on_pick.clone();
    Callback::from(move |e: E| {
        if let Some(i) = entity(e) {
            on_pick.emit(i);
        }
    })
}

/// Body blocks are drawn in chunks of about this much text, one chunk per task: a 1 MB
/// article held the page's thread for seconds when drawn at once. An article of ordinary
/// length is one chunk.
const CHUNK_BYTES: usize = 24 * 1024;

/// The body's blocks (not the title) as ranges of block indices of about [`CHUNK_BYTES`].
fn chunk_blocks(a: &Analysis) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut size = 0;
    for (i, b) in a.article.blocks.iter().enumerate() {
        if b.kind == BlockKind::Title {
            continue;
        }
        let first = *start.get_or_insert(i);
        size += b.span.len();
        if size >= CHUNK_BYTES {
            out.push(first..i + 1);
            start = None;
            size = 0;
        }
    }
    if let Some(first) = start {
        out.push(first..a.article.blocks.len());
    }
    out
}

/// Equal while the same analysis and marks are shown: drawn chunks are skipped when the next one
/// is added.
#[derive(Properties, PartialEq)]
struct BodyChunkProps {
    analysis: Shared<Analysis>,
    marks: Shared<Marks>,
    /// Indices of the blocks to draw (title blocks among them are skipped).
    blocks: std::ops::Range<usize>,
    hidden: Vec<Label>,
    selected_entity: Option<usize>,
    selected_quote: Option<usize>,
    selected_source: Option<usize>,
}

#[function_component]
fn BodyChunk(props: &BodyChunkProps) -> Html {
    let a = &props.analysis;
    let art = &a.article;
    let view = View {
        a,
        hidden: &props.hidden,
        selected: props.selected_entity,
        quote: props.selected_quote,
        source: props.selected_source,
        marks: &props.marks,
    };
    let blocks = art.blocks[props.blocks.clone()].iter().filter(|b| b.kind != BlockKind::Title).map(|b| {
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
    html! { { for blocks } }
}

/// A link the reader can follow, only for http, https and mailto URLs; anything
/// else (javascript:, data:) is shown as plain text.
pub fn safe_link(url: &str, content: Html) -> Html {
    if crate::analysis::parse::is_safe_url(url) {
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
        Source::Rule { rule } => format!("rule: {}", rule.describe()),
    }
}

/// What a date's tooltip says: its resolved value and the rule behind it.
pub fn time_tip(t: &TimeExpr) -> String {
    match &t.value {
        Some(v) => format!("resolved: {v} ({})", t.note),
        None => format!("unresolved ({})", t.note),
    }
}

/// Every layer's marks sorted by start, so each block finds its own by binary search:
/// looking through every layer for every block took seconds on a 1 MB article.
#[derive(Default)]
struct Marks {
    sorted: Vec<(Span, Mark)>,
    /// The longest mark, to bound the search for marks that start before a block.
    longest: usize,
}

impl Marks {
    fn new(a: &Analysis) -> Self {
        let mut marks: Vec<(Span, Mark)> = Vec::new();
        marks.extend(a.article.links.iter().enumerate().map(|(i, l)| (l.span, Mark::Link(i))));
        marks.extend(a.mentions.iter().enumerate().map(|(i, m)| (m.span, Mark::Mention(i))));
        marks.extend(a.findings.iter().enumerate().filter_map(|(i, f)| f.span.map(|s| (s, Mark::Finding(i)))));
        for (i, q) in a.quotes.iter().enumerate() {
            marks.extend(q.parts.iter().map(|p| (*p, Mark::Quote(i))));
        }
        // Relative dates no entity rule tags ("a day after") get their own mark. Mentions are
        // sorted by start; the running maximum of their ends tells whether any overlaps.
        let mut reach = Vec::with_capacity(a.mentions.len());
        let mut max_end = 0;
        for m in &a.mentions {
            max_end = max_end.max(m.span.end);
            reach.push(max_end);
        }
        let tagged = |t: Span| {
            let k = a.mentions.partition_point(|m| m.span.start < t.end);
            k > 0 && reach[k - 1] > t.start
        };
        marks.extend(a.times.iter().enumerate().filter(|(_, t)| !tagged(t.span)).map(|(i, t)| (t.span, Mark::Time(i))));
        marks.sort_by_key(|(s, _)| s.start);
        let longest = marks.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        Marks { sorted: marks, longest }
    }
}

struct View<'a> {
    a: &'a Analysis,
    hidden: &'a [Label],
    selected: Option<usize>,
    quote: Option<usize>,
    /// The chosen source: its quotes are marked as chosen too.
    source: Option<usize>,
    marks: &'a Marks,
}

impl View<'_> {
    /// The marks of `span`: links, mentions, quote parts and dates inside it, findings touching it.
    fn marks_of(&self, span: Span) -> Vec<(Span, Mark)> {
        let sorted = &self.marks.sorted;
        let from = sorted.partition_point(|(s, _)| s.start + self.marks.longest < span.start);
        let to = sorted.partition_point(|(s, _)| s.start < span.end);
        let mut marks = sorted[from..to.max(from)]
            .iter()
            .filter(|(s, m)| match m {
                Mark::Finding(_) => span.overlaps(*s),
                _ => span.contains(*s),
            })
            .copied()
            .collect::<Vec<_>>();
        // The order the rendering nests them in: links, mentions, findings, quotes, dates.
        let rank = |m: &Mark| match *m {
            Mark::Link(i) => (0, i),
            Mark::Mention(i) => (1, i),
            Mark::Finding(i) => (2, i),
            Mark::Quote(i) => (3, i),
            Mark::Time(i) => (4, i),
        };
        marks.sort_by_key(|(_, m)| rank(m));
        marks
    }
}

impl View<'_> {
    /// The text of `span` with its links, entity mentions and repair findings as nested elements.
    fn inline(&self, span: Span) -> Html {
        let a = self.a;
        let marks = self.marks_of(span);
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
                    let mut tip = format!("{} · {}", m.label.name(), e.map_or("", |e| e.name.as_str()));
                    if let Some(r) = m.role {
                        tip.push_str(&format!(" · role: {}", r.of(&a.text)));
                    }
                    tip.push_str(&format!(" · {}", why(&m.source)));
                    // The times are in text order: searched, not scanned, for each mention.
                    let from = a.times.partition_point(|t| t.span.start < m.span.start);
                    if let Some(t) = a.times[from..].iter().take_while(|t| t.span.start == m.span.start).find(|t| t.span == m.span) {
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
                    let chosen = self.quote == Some(i) || (self.source.is_some() && q.source == self.source);
                    let kind = match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Phrase => "phrase",
                        QuoteKind::Partial => "partial",
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
