use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IntegrityPanelProps {
    /// The analysis whose repair findings are listed.
    pub analysis: Shared<Analysis>,
}

/// Text integrity: each repair (mojibake, look-alike letters, invisible characters,
/// odd spaces, entities) with what was there and what replaced it, plus diagnostics.
#[function_component]
pub fn IntegrityPanel(props: &IntegrityPanelProps) -> Html {
    let a = &props.analysis;
    html! {
        <section class="panel integrity" aria-labelledby="integrity-h" data-testid="integrity-panel">
            <h2 id="integrity-h">{ format!("Text integrity ({})", a.findings.len()) }</h2>
            { for a.diagnostics.iter().map(|d| html! {
                <p class={classes!("diagnostic", format!("{:?}", d.severity).to_ascii_lowercase())} role="status">{ &d.message }</p>
            }) }
            if a.findings.is_empty() {
                <p class="ok">{ "No damage found." }</p>
            } else {
                <ol class="findings">
                    { for a.findings.iter().map(|f| html! {
                        <li data-testid="finding">
                            <strong>{ f.kind.label() }</strong>
                            <span class="change"><code>{ &f.original }</code>{ " → " }<code>{ &f.replacement }</code></span>
                            <span class="note">{ &f.note }</span>
                            <span class="where">{ format!("input bytes {}–{}", f.source.start, f.source.end) }</span>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
