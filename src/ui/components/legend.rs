use crate::analysis::mention::Label;
use crate::analysis::Analysis;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The analysis: the legend lists the types it found, with counts.
    pub analysis: Shared<Analysis>,
    /// Types whose highlights are off.
    pub hidden: Vec<Label>,
    /// Called with a type to switch its highlights on or off.
    pub on_toggle: Callback<Label>,
}

/// One switch per entity type found: its colour, name and mention count.
#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let a = &props.analysis;
    let items = Label::ALL.iter().filter_map(|&label| {
        let n = a.mentions.iter().filter(|m| m.label == label).count();
        (n > 0).then(|| {
            let on = !props.hidden.contains(&label);
            let on_click = props.on_toggle.reform(move |_: MouseEvent| label);
            html! {
                <li>
                    <button class={classes!("legend-item", format!("ent-{}", label.code()), (!on).then_some("off"))}
                            aria-pressed={on.to_string()} data-testid="legend-item" onclick={on_click}
                            title={format!("{n} mention{}: show or hide", if n == 1 { "" } else { "s" })}>
                        { format!("{} {n}", label.name()) }
                    </button>
                </li>
            }
        })
    });
    html! {
        <nav class="legend" aria-label="Entity types">
            <ul>{ for items }</ul>
            <p class="key" data-testid="key">
                { "Colours: the kinds of names, dates and numbers (each with its count of mentions: press one to hide it). Underlines: " }
                <span class="quote direct">{ "solid" }</span>{ ", a direct quote; " }
                <span class="quote phrase">{ "dotted" }</span>{ ", a quoted phrase; " }
                <span class="quote indirect">{ "dashed" }</span>{ ", reported speech; " }
                <span class="key-time">{ "dotted below" }</span>{ ", a resolved date or time. Point at or tap a mark for details." }
            </p>
        </nav>
    }
}
