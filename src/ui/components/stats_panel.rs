use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatsPanelProps {
    /// The analysis whose counts and readability are shown.
    pub analysis: Shared<Analysis>,
}

/// Counts, reading time and readability (Flesch reading ease, Flesch-Kincaid grade).
#[function_component]
pub fn StatsPanel(props: &StatsPanelProps) -> Html {
    let s = &props.analysis.stats;
    let r = &s.readability;
    html! {
        <section class="panel stats" aria-labelledby="stats-h" data-testid="stats-panel">
            <h2 id="stats-h">{ "Statistics" }</h2>
            <dl>
                <dt>{ "Paragraphs" }</dt><dd>{ s.paragraphs }</dd>
                <dt>{ "Sentences" }</dt><dd>{ r.sentences }</dd>
                <dt>{ "Words" }</dt><dd>{ format!("{} in the body, {} in all", r.words, s.total_words) }</dd>
                <dt>{ "Reading time" }</dt><dd>{ format!("{:.1} min", s.reading_minutes) }</dd>
                <dt>{ "Flesch reading ease" }</dt><dd>{ format!("{:.1}", r.flesch_reading_ease) }</dd>
                <dt>{ "Flesch-Kincaid grade" }</dt><dd>{ format!("{:.1}", r.flesch_kincaid_grade) }</dd>
            </dl>
        </section>
    }
}
