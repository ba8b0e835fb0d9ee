use crate::analysis::mention::Label;
use crate::analysis::Analysis;
use crate::ui::components::article_view::why;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EntitiesPanelProps {
    /// The analysis whose entities are listed.
    pub analysis: Shared<Analysis>,
    /// The chosen entity, if any.
    pub selected: Option<usize>,
    /// Called with an entity's index when the reader chooses it.
    pub on_select: Callback<Option<usize>>,
}

/// Entities grouped by type, most mentioned first, with counts, roles and place links.
#[function_component]
pub fn EntitiesPanel(props: &EntitiesPanelProps) -> Html {
    let a = &props.analysis;
    let groups = Label::ALL.iter().filter_map(|&label| {
        let mut items: Vec<usize> = (0..a.entities.len()).filter(|&i| a.entities[i].label == label).collect();
        if items.is_empty() {
            return None;
        }
        items.sort_by_key(|&i| (std::cmp::Reverse(a.entities[i].count), a.entities[i].first.start));
        Some(html! {
            <li class="entity-group">
                <h3><span class={classes!("swatch", format!("ent-{}", label.code()))} aria-hidden="true"></span>{ counted(label.name(), items.len(), a.mentions.iter().filter(|m| m.label == label).count()) }</h3>
                <ul>
                    { for items.into_iter().map(|i| {
                        let e = &a.entities[i];
                        let on_click = props.on_select.reform(move |_: MouseEvent| Some(i));
                        let chosen = props.selected == Some(i);
                        let mut detail = Vec::new();
                        if let Some(r) = &e.role { detail.push(r.clone()); }
                        if let Some(p) = &e.place {
                            match (&p.capital_of, &p.country) {
                                (Some(c), _) => detail.push(format!("capital of {c}")),
                                (None, Some(c)) if p.kind != "country" => detail.push(format!("{} in {c}", p.kind)),
                                _ => detail.push(p.kind.clone()),
                            }
                        }
                        let first = &a.mentions[e.mentions[0]];
                        html! {
                            <li>
                                <button class={classes!("entity", chosen.then_some("chosen"))} aria-pressed={chosen.to_string()}
                                        data-testid="entity" onclick={on_click} title={why(&first.source)}>
                                    <span class="entity-name">{ &e.name }</span>
                                    <span class="count" aria-label={format!("{} mentions", e.count)}>{ e.count }</span>
                                    if !detail.is_empty() { <span class="entity-detail">{ detail.join(" · ") }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </li>
        })
    });
    // Charts: mentions per type (bars) and where in the article each type is mentioned (a strip).
    let counts: Vec<(Label, usize)> =
        Label::ALL.iter().map(|&l| (l, a.mentions.iter().filter(|m| m.label == l).count())).filter(|(_, n)| *n > 0).collect();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let len = a.text.len().max(1) as f64;
    let bars = counts.iter().enumerate().map(|(row, (label, n))| {
        let y = row as f64 * 14.0;
        let w = 190.0 * *n as f64 / max as f64;
        html! {
            <g>
                <text x="0" y={format!("{:.0}", y + 10.0)} class="chart-label">{ label.code() }</text>
                <rect x="62" y={format!("{y:.0}")} width={format!("{w:.1}")} height="11" class={classes!("bar", format!("ent-{}", label.code()))} />
                <text x={format!("{:.1}", 66.0 + w)} y={format!("{:.0}", y + 10.0)} class="chart-value">{ n }</text>
                { for a.mentions.iter().filter(|m| m.label == *label).map(|m| {
                    let x = 62.0 + 220.0 * m.span.start as f64 / len;
                    html! { <rect x={format!("{:.1}", x)} y={format!("{:.0}", counts.len() as f64 * 14.0 + 8.0 + row as f64 * 6.0)} width="2" height="5" class={classes!("tick", format!("ent-{}", label.code()))} /> }
                }) }
            </g>
        }
    });
    let chart_height = counts.len() as f64 * 20.0 + 12.0;
    html! {
        <section class="panel entities" aria-labelledby="entities-h" data-testid="entities-panel">
            <h2 id="entities-h">{ format!("Entities ({})", a.entities.len()) }</h2>
            if !counts.is_empty() {
                <svg class="entity-chart" viewBox={format!("0 0 300 {chart_height:.0}")} role="img" data-testid="entity-chart"
                     aria-label={format!("Mentions by type: {}. Below, where each type is mentioned along the article.",
                        counts.iter().map(|(l, n)| format!("{} {n}", l.code())).collect::<Vec<_>>().join(", "))}>
                    { for bars }
                </svg>
            }
            if a.entities.is_empty() {
                <p class="missing">{ "No entities found." }</p>
            }
            <ul class="entity-groups">{ for groups }</ul>
        </section>
    }
}

/// A type's heading in the panel: how many distinct entities and how many mentions, each named
/// as such, so the count agrees with the legend's (which counts mentions).
pub fn counted(name: &str, entities: usize, mentions: usize) -> String {
    format!("{name} · {entities} distinct, {mentions} mention{}", if mentions == 1 { "" } else { "s" })
}
