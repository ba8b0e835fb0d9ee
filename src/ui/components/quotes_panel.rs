use crate::analysis::quotes::{QuoteKind, SURE};
use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuotesPanelProps {
    /// The analysis whose quotes are listed.
    pub analysis: Shared<Analysis>,
    /// The chosen quote, if any.
    pub selected: Option<usize>,
    /// Called with a quote's index when the reader chooses it.
    pub on_select: Callback<Option<usize>>,
}

/// Who said what: each quote with its speaker and role; choosing one marks it in the text.
#[function_component]
pub fn QuotesPanel(props: &QuotesPanelProps) -> Html {
    let a = &props.analysis;
    let show_all = use_state(|| false);
    let limit = if *show_all { usize::MAX } else { super::LIST_LIMIT };
    let direct = a.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).count();
    html! {
        <section class="panel quotes" aria-labelledby="quotes-h" data-testid="quotes-panel">
            <h2 id="quotes-h">{ format!("Quotes ({direct} direct, {} in all)", a.quotes.len()) }</h2>
            if a.quotes.is_empty() {
                <p class="missing">{ "No quotes found." }</p>
            }
            <ol class="quote-list">
                { for a.quotes.iter().enumerate().take(limit).map(|(i, q)| {
                    // The entity, else the unnamed source's description, else the words at the
                    // attribution that nobody was found for.
                    let named = q.speaker.and_then(|e| a.entities.get(e)).map(|e| e.name.clone())
                        .or_else(|| q.source.and_then(|s| a.sources.get(s)).map(|s| s.name.clone()));
                    let unresolved = named.is_none() && q.speaker_span.is_some();
                    let speaker = named.or_else(|| q.speaker_span.map(|s| s.of(&a.text).to_string()))
                        .unwrap_or_else(|| "unattributed".into());
                    // A speaker the analysis is unsure of says so, with how sure it is.
                    let unsure = q.confidence.filter(|&c| c < SURE);
                    let kind = match q.kind { QuoteKind::Direct => "Direct", QuoteKind::Phrase => "Quoted phrase", QuoteKind::Partial => "Partial quote", QuoteKind::Indirect => "Reported" };
                    let text: String = q.parts.iter().map(|p| p.of(&a.text)).collect::<Vec<_>>().join(" … ");
                    let chosen = props.selected == Some(i);
                    let on_click = props.on_select.reform(move |_: MouseEvent| Some(i));
                    html! {
                        <li>
                            <button class={classes!("quote-item", chosen.then_some("chosen"))} aria-pressed={chosen.to_string()} data-testid="quote" onclick={on_click}>
                                <span class="quote-text">{ format!("“{text}”") }</span>
                                <span class="quote-who">
                                    <strong data-testid="quote-speaker" class={classes!((unsure.is_some() || unresolved).then_some("unsure"))}>{ speaker }</strong>
                                    if let Some(c) = unsure { <span data-testid="quote-unsure">{ format!(" (unsure, {:.0}%)", c * 100.0) }</span> }
                                    if unresolved { <span data-testid="quote-unsure">{ " (not resolved)" }</span> }
                                    if let Some(r) = &q.role { { format!(", {r}") } }
                                    { format!(" · {kind}") }
                                    if let Some(how) = q.how { { format!(" · {}", how.describe()) } }
                                    if let Some(r) = q.resolution.filter(|r| *r != crate::analysis::quotes::Resolution::Name) { { format!(" · {}", r.describe()) } }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if a.quotes.len() > limit {
                <button class="secondary" data-testid="show-all-quotes" onclick={move |_| show_all.set(true)}>
                    { format!("Show all {} quotes", a.quotes.len()) }
                </button>
            }
        </section>
    }
}
