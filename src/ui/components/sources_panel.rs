use crate::analysis::quotes::SourceKind;
use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourcesPanelProps {
    /// The analysis whose sources are listed.
    pub analysis: Shared<Analysis>,
    /// The chosen source, if any (its quotes are marked in the text).
    pub selected: Option<usize>,
    /// Called with a source's index when the reader chooses it.
    pub on_select: Callback<Option<usize>>,
}

/// Who the article relies on: each source with role and affiliation, its quotes and quoted
/// words and their share of all quoted words; named and unnamed sources, organisations and
/// documents counted. Choosing a source marks its quotes in the text.
#[function_component]
pub fn SourcesPanel(props: &SourcesPanelProps) -> Html {
    let a = &props.analysis;
    let show_all = use_state(|| false);
    let limit = if *show_all { usize::MAX } else { super::LIST_LIMIT };
    let named = a.sources.iter().filter(|s| s.named).count();
    let count = |k: SourceKind| a.sources.iter().filter(|s| s.kind == k).count();
    let mut kinds = vec![format!("{named} named"), format!("{} unnamed", a.sources.len() - named)];
    for (k, one, many) in [(SourceKind::Organisation, "organisation", "organisations"), (SourceKind::Document, "document", "documents")] {
        match count(k) {
            0 => {}
            1 => kinds.push(format!("1 {one}")),
            n => kinds.push(format!("{n} {many}")),
        }
    }
    html! {
        <section class="panel sources" aria-labelledby="sources-h" data-testid="sources-panel">
            <h2 id="sources-h">{ format!("Sources ({})", a.sources.len()) }</h2>
            if a.sources.is_empty() {
                <p class="missing">{ "No one is quoted." }</p>
            } else {
                <p class="hint" data-testid="sources-summary">{ kinds.join(" · ") }</p>
            }
            <ul class="source-list">
                { for a.sources.iter().enumerate().take(limit).map(|(i, s)| {
                    let chosen = props.selected == Some(i);
                    let on_click = props.on_select.reform(move |_: MouseEvent| Some(i));
                    let mut detail: Vec<String> = Vec::new();
                    if let Some(r) = &s.role { detail.push(r.clone()); }
                    if let Some(o) = &s.affiliation { detail.push(format!("for {o}")); }
                    if !s.named { detail.push("unnamed".into()); }
                    if s.kind != SourceKind::Person { detail.push(s.kind.describe().into()); }
                    let quotes = s.quotes.len();
                    let mut counts = format!("{quotes} quote{}", if quotes == 1 { "" } else { "s" });
                    if s.quoted > 0 {
                        counts.push_str(&format!(", {} quoted word{}", s.words, if s.words == 1 { "" } else { "s" }));
                    }
                    let share = (s.share * 100.0).round();
                    html! {
                        <li>
                            <button class={classes!("entity", "source", chosen.then_some("chosen"), (!s.named).then_some("unnamed"))}
                                    aria-pressed={chosen.to_string()} data-testid="source" onclick={on_click}>
                                <span class="entity-name" data-testid="source-name">{ &s.name }</span>
                                <span class="count" aria-label={format!("{share} percent of the quoted words")}>{ format!("{share}%") }</span>
                                // A bar drawn in SVG: the page's Content-Security-Policy allows no inline styles.
                                <svg class="share" viewBox="0 0 100 3" preserveAspectRatio="none" aria-hidden="true">
                                    <rect width={format!("{share}")} height="3" />
                                </svg>
                                <span class="entity-detail" data-testid="source-detail">
                                    { counts }
                                    if !detail.is_empty() { { format!(" · {}", detail.join(" · ")) } }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if a.sources.len() > limit {
                <button class="secondary" data-testid="show-all-sources" onclick={move |_| show_all.set(true)}>
                    { format!("Show all {} sources", a.sources.len()) }
                </button>
            }
        </section>
    }
}
