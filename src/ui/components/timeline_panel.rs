use crate::analysis::dates::{writing_date, TimeExpr, TimeKind, When};
use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelinePanelProps {
    /// The analysis whose resolved dates are shown.
    pub analysis: Shared<Analysis>,
}

/// The granularity of a time, as the list names it.
fn grain(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Day => "day",
        TimeKind::Month => "month",
        TimeKind::Year => "year",
        TimeKind::Week => "week",
        TimeKind::Time => "time of day",
        TimeKind::Duration => "length",
        TimeKind::Weekend => "weekend",
        TimeKind::Quarter => "quarter",
        TimeKind::Half => "half year",
        TimeKind::Season => "season",
        TimeKind::Decade => "decade",
        TimeKind::Century => "century",
        TimeKind::Vague => "vague",
        TimeKind::Set => "recurring",
    }
}

/// One time of the list: what it says as a reader says it, its granularity, whether it lies
/// ahead of the time of writing, the words of the text, its TIMEX3 value, how it was read and
/// the sentence that mentions it.
fn item(a: &Analysis, t: &TimeExpr) -> Html {
    let ahead = t.when == Some(When::Future);
    html! {
        <li data-testid="timeline-item" class={classes!(ahead.then_some("ahead"))}>
            <span class="when">
                <strong>{ t.label().unwrap_or_else(|| "unresolved".into()) }</strong>
                <span class="grain">{ grain(t.kind) }</span>
                if ahead { <span class="grain ahead-tag" data-testid="ahead">{ "after publication" }</span> }
            </span>
            <span class="rule">{ format!("“{}”", t.span.of(&a.text)) }{ t.value.as_ref().map(|v| html! { <>{ " · " }<code>{ v }</code></> }) }{ format!(" · {}", t.note) }</span>
            <span class="context">{ t.sentence.of(&a.text) }</span>
        </li>
    }
}

/// The times of the text in four lists: the points and periods in order, drawn above them on
/// an axis (a day as a dot, a longer period as a bar over its days, those after the time of
/// writing hollow, the time of writing as a tick); the lengths of time, which are no point;
/// the recurring times; and the vague or unresolved ones.
#[function_component]
pub fn TimelinePanel(props: &TimelinePanelProps) -> Html {
    let a = &props.analysis;
    let show_all = use_state(|| false);
    let limit = if *show_all { usize::MAX } else { super::LIST_LIMIT };
    let mut dated: Vec<&TimeExpr> = a.times.iter().filter(|t| t.sort_date.is_some()).collect();
    dated.sort_by_key(|t| (t.sort_date, t.span.start));
    let of = |kind: &dyn Fn(&TimeExpr) -> bool| -> Vec<&TimeExpr> { a.times.iter().filter(|t| t.sort_date.is_none() && kind(t)).collect() };
    let lengths = of(&|t| t.kind == TimeKind::Duration && t.value.is_some());
    let recurring = of(&|t| t.kind == TimeKind::Set && t.value.is_some());
    let undated = of(&|t| !matches!(t.kind, TimeKind::Duration | TimeKind::Set) || t.value.is_none());
    let writing = writing_date(&a.times).map(|d| d.to_days());
    let range =
        dated.iter().filter_map(|t| Some((t.sort_date?.to_days(), t.sort_date?.to_days() + t.days()?))).chain(writing.map(|d| (d, d + 1)));
    let (lo, hi) = range.fold((i64::MAX, i64::MIN), |(lo, hi), (s, e)| (lo.min(s), hi.max(e)));
    let axis = if dated.is_empty() {
        html! {}
    } else {
        let hi = hi.max(lo + 1);
        let x = |d: i64| 12.0 + (d - lo) as f64 / (hi - lo) as f64 * 276.0;
        let first = dated[0].label().unwrap_or_default();
        let last = dated[dated.len() - 1].label().unwrap_or_default();
        html! {
            <>
            <svg class="timeline-axis" viewBox="0 0 300 34" role="img" aria-label={format!("{} dates from {first} to {last}", dated.len())}>
                <line x1="12" y1="17" x2="288" y2="17" class="axis" />
                if let Some(w) = writing {
                    <line x1={format!("{:.1}", x(w))} y1="5" x2={format!("{:.1}", x(w))} y2="29" class="writing"><title>{ "the time of writing" }</title></line>
                }
                // One mark per value (a long article names the same day hundreds of times).
                { for dated.iter().enumerate().filter(|(k, t)| *k == 0 || dated[k - 1].value != t.value).map(|(_, t)| {
                    let start = t.sort_date.map_or(lo, |d| d.to_days());
                    let class = classes!(if t.when == Some(When::Future) { "mark ahead" } else { "mark" });
                    let tip = html! { <title>{ format!("{}: {}", t.span.of(&a.text), t.label().unwrap_or_default()) }</title> };
                    match t.days() {
                        Some(days) if days > 1 => {
                            let (x0, x1) = (x(start), x(start + days));
                            html! { <rect x={format!("{x0:.1}")} y="13" width={format!("{:.1}", (x1 - x0).max(3.0))} height="8" rx="2" {class}>{ tip }</rect> }
                        }
                        _ => html! { <circle cx={format!("{:.1}", x(start))} cy="17" r="5" {class}>{ tip }</circle> },
                    }
                }) }
            </svg>
            <p class="timeline-key">{ "A dot is a day, a bar a longer period; hollow marks lie after the time of writing, marked by the tick." }</p>
            </>
        }
    };
    let list = |title: &str, id: &str, times: &[&TimeExpr]| {
        if times.is_empty() {
            return html! {};
        }
        html! {
            <>
            <h3 data-testid={id.to_string()}>{ title }</h3>
            <ul class="timeline-list">{ for times.iter().take(limit).map(|t| item(a, t)) }</ul>
            </>
        }
    };
    let longest = dated.len().max(lengths.len()).max(recurring.len()).max(undated.len());
    html! {
        <section class="panel timeline" aria-labelledby="timeline-h" data-testid="timeline-panel">
            <h2 id="timeline-h">{ "Timeline" }</h2>
            if a.times.is_empty() {
                <p class="missing">{ "No dates found." }</p>
            }
            { axis }
            <ol class="timeline-list">{ for dated.iter().take(limit).map(|t| item(a, t)) }</ol>
            { list("Lengths of time", "timeline-lengths", &lengths) }
            { list("Recurring", "timeline-recurring", &recurring) }
            { list("Vague or unresolved", "timeline-undated", &undated) }
            if longest > limit {
                <button class="secondary" data-testid="show-all-dates" onclick={move |_| show_all.set(true)}>
                    { format!("Show all {} times", a.times.len()) }
                </button>
            }
        </section>
    }
}
