use crate::analysis::dates::TimeKind;
use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelinePanelProps {
    /// The analysis whose resolved dates are shown.
    pub analysis: Shared<Analysis>,
}

/// The resolved dates in order, each with the sentence that mentions it, drawn as
/// an SVG axis above the list; durations and clock times are listed after.
#[function_component]
pub fn TimelinePanel(props: &TimelinePanelProps) -> Html {
    let a = &props.analysis;
    let show_all = use_state(|| false);
    let limit = if *show_all { usize::MAX } else { super::LIST_LIMIT };
    let mut dated: Vec<&crate::analysis::dates::TimeExpr> = a.times.iter().filter(|t| t.sort_date.is_some()).collect();
    dated.sort_by_key(|t| (t.sort_date, t.span.start));
    let others: Vec<_> = a.times.iter().filter(|t| t.sort_date.is_none()).collect();
    let axis = match (dated.first().and_then(|t| t.sort_date), dated.last().and_then(|t| t.sort_date)) {
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (lo.to_days(), hi.to_days().max(lo.to_days() + 1));
            let x = |d: i64| 12.0 + (d - lo) as f64 / (hi - lo) as f64 * 276.0;
            html! {
                <svg class="timeline-axis" viewBox="0 0 300 34" role="img" aria-label={format!("{} dates from {} to {}", dated.len(), dated[0].value.clone().unwrap_or_default(), dated[dated.len() - 1].value.clone().unwrap_or_default())}>
                    <line x1="12" y1="17" x2="288" y2="17" class="axis" />
                    // One dot per date (a long article names the same day hundreds of times).
                    { for dated.iter().enumerate().filter(|(k, t)| *k == 0 || dated[k - 1].sort_date != t.sort_date).map(|(_, t)| {
                        let cx = x(t.sort_date.map_or(lo, |d| d.to_days()));
                        html! { <circle cx={format!("{cx:.1}")} cy="17" r="5" class="dot"><title>{ format!("{}: {}", t.span.of(&a.text), t.value.clone().unwrap_or_default()) }</title></circle> }
                    }) }
                </svg>
            }
        }
        _ => html! {},
    };
    html! {
        <section class="panel timeline" aria-labelledby="timeline-h" data-testid="timeline-panel">
            <h2 id="timeline-h">{ "Timeline" }</h2>
            if a.times.is_empty() {
                <p class="missing">{ "No dates found." }</p>
            }
            { axis }
            <ol class="timeline-list">
                { for dated.iter().chain(others.iter()).take(limit).map(|t| {
                    let kind = match t.kind {
                        TimeKind::Day => "day", TimeKind::Month => "month", TimeKind::Year => "year", TimeKind::Week => "week",
                        TimeKind::Time => "time", TimeKind::Duration => "duration", TimeKind::Weekend => "weekend",
                        TimeKind::Quarter => "quarter", TimeKind::Half => "half year", TimeKind::Season => "season",
                        TimeKind::Decade => "decade", TimeKind::Century => "century", TimeKind::Vague => "vague", TimeKind::Set => "recurring",
                    };
                    html! {
                        <li data-testid="timeline-item">
                            <span class="when"><strong>{ t.value.clone().unwrap_or_else(|| "unresolved".into()) }</strong>{ format!(" · {kind} · “{}”", t.span.of(&a.text)) }</span>
                            <span class="rule">{ &t.note }</span>
                            <span class="context">{ t.sentence.of(&a.text) }</span>
                        </li>
                    }
                }) }
            </ol>
            if a.times.len() > limit {
                <button class="secondary" data-testid="show-all-dates" onclick={move |_| show_all.set(true)}>
                    { format!("Show all {} dates", a.times.len()) }
                </button>
            }
        </section>
    }
}
