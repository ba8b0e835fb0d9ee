use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AboutPanelProps {
    /// The analysis whose key phrases and summary are shown.
    pub analysis: Shared<Analysis>,
}

/// What the article is about: its key phrases and a three-sentence extractive summary.
#[function_component]
pub fn AboutPanel(props: &AboutPanelProps) -> Html {
    let a = &props.analysis;
    html! {
        <section class="panel about" aria-labelledby="about-h" data-testid="about-panel">
            <h2 id="about-h">{ "What it is about" }</h2>
            <ul class="keyphrases" aria-label="Key phrases">
                { for a.keyphrases.iter().map(|k| html! {
                    <li data-testid="keyphrase" title={format!("YAKE score {:.4} (lower is more relevant), {} occurrences", k.score, k.occurrences.len())}>{ &k.phrase }</li>
                }) }
            </ul>
            <h3>{ "Summary" }</h3>
            <ul class="summary">
                { for a.summary.iter().map(|s| html! { <li data-testid="summary-sentence">{ s.of(&a.text) }</li> }) }
            </ul>
        </section>
    }
}
