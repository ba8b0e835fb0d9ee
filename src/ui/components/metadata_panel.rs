use crate::analysis::Analysis;
use crate::ui::components::article_view::safe_link;
use crate::ui::shared::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MetadataPanelProps {
    /// The analysis whose article metadata is listed.
    pub analysis: Shared<Analysis>,
}

fn row(label: &str, value: Html) -> Html {
    html! { <><dt>{ label }</dt><dd>{ value }</dd></> }
}

fn text(s: &str) -> Html {
    html! { { s.to_string() } }
}

fn missing() -> Html {
    html! { <span class="missing">{ "—" }</span> }
}

/// Every metadata field the parser found: title, publisher, time, URL, dateline,
/// image, caption credit split into parts, links, and the credits line by role.
#[function_component]
pub fn MetadataPanel(props: &MetadataPanelProps) -> Html {
    let a = &props.analysis;
    let art = &a.article;
    let opt = |v: Option<&str>| v.map(text).unwrap_or_else(missing);
    let credit = art.caption.as_ref().and_then(|c| c.credit.as_ref());
    html! {
        <section class="panel metadata" aria-labelledby="metadata-h" data-testid="metadata-panel">
            <h2 id="metadata-h">{ "Metadata" }</h2>
            <dl>
                { row("Title", opt(art.title.as_ref().map(|t| t.value.as_str()))) }
                { row("Publisher", opt(art.publisher.as_ref().map(|p| p.value.as_str()))) }
                { row("Byline", opt(art.byline.as_ref().map(|p| p.value.as_str()))) }
                { row("Published", match &art.published {
                    Some(p) => html! { <><time datetime={p.iso.clone()}>{ &p.iso }</time><span class="raw">{ format!(" (as printed: {})", p.raw) }</span></> },
                    None => missing(),
                }) }
                { row("URL", art.url.as_ref().map(|u| safe_link(&u.url, text(&u.url))).unwrap_or_else(missing)) }
                { row("Domain", opt(art.url.as_ref().map(|u| u.domain.as_str()))) }
                { row("Dateline", match &art.dateline {
                    Some(d) => text(&[Some(d.place.as_str()), d.date.as_deref(), d.agency.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
                    None => missing(),
                }) }
                { row("Format", text(match art.format {
                    crate::analysis::parse::InputFormat::Markdown => "Markdown",
                    crate::analysis::parse::InputFormat::PlainText => "plain text",
                    crate::analysis::parse::InputFormat::Html => "HTML",
                })) }
                { row("Image", match &art.image {
                    Some(i) => html! { <>{ safe_link(&i.url, text(&i.alt)) }</> },
                    None => missing(),
                }) }
                { row("Caption", opt(art.caption.as_ref().map(|c| c.span.of(&a.text)))) }
            </dl>
            <h3>{ "Photo credit" }</h3>
            if let Some(c) = credit {
                <dl data-testid="photo-credit">
                    { row("As printed", text(&c.raw)) }
                    { row("Agency", opt(c.agency.as_deref())) }
                    { row("Photographer", opt(c.photographer.as_deref())) }
                    { row("Distributed by", opt(c.distributor.as_deref())) }
                    { row("Pool", text(if c.pool { "yes" } else { "no" })) }
                    { row("File photo", text(if c.file_photo { "yes" } else { "no" })) }
                    { row("Handout", text(if c.handout { "yes" } else { "no" })) }
                </dl>
            } else {
                <p class="missing">{ "No photo credit found." }</p>
            }
            <h3>{ format!("Links ({})", art.links.len()) }</h3>
            <ul class="links" data-testid="links">
                { for art.links.iter().map(|l| html! {
                    <li>
                        { safe_link(&l.url, text(&l.text)) }
                        <span class="link-domain">{ format!(" {} · {}", l.domain.as_deref().unwrap_or("relative"), if l.internal { "internal" } else { "external" }) }</span>
                    </li>
                }) }
            </ul>
            <h3>{ "Credits" }</h3>
            if let Some(cr) = &art.credits {
                <dl data-testid="credits-roles">
                    { for cr.roles.iter().map(|r| {
                        let mut v = r.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
                        if !r.places.is_empty() {
                            v.push_str(&format!(" (in {})", r.places.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")));
                        }
                        row(&r.role, text(&v))
                    }) }
                </dl>
            } else {
                <p class="missing">{ "No credits line found." }</p>
            }
        </section>
    }
}
