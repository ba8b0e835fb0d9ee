//! A page's own statements about its article: JSON-LD (schema.org's `NewsArticle` and its
//! kin), OpenGraph and `article:*` tags, Twitter cards, `<meta name="author|date|parsely-*">`,
//! Dublin Core, microdata, `<link rel="canonical">` and `<title>`. Each value says where it
//! came from ([`Via`]), and `Candidates::best` takes them in that precedence, JSON-LD first.
//! The main content's markup (its `<h1>`, a byline element, `<time>`) is read by
//! [`super::page`], which adds its candidates here.

use super::article::Via;
use super::dom::{Data, Dom};
use super::html::decode;
use super::jsonld::{self, Json};
pub(crate) use super::raw::Stated;
use crate::analysis::span::Span;

/// The precedence of the sources: lower first.
pub(crate) fn rank(via: Via) -> u8 {
    match via {
        Via::JsonLd => 0,
        Via::CanonicalLink => 1,
        Via::OpenGraph => 2,
        Via::TwitterCard => 3,
        Via::MetaTag => 4,
        Via::DublinCore => 5,
        Via::Microdata => 6,
        Via::TimeElement => 7,
        Via::RelAuthor => 8,
        Via::BylineElement => 9,
        Via::TitleElement => 10,
        Via::Heading => 11,
        Via::Text => 12,
        Via::OutletList => 13,
        Via::Dateline => 14,
    }
}

/// Every value a page states for one field, in document order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Candidates(pub Vec<Stated>);

impl Candidates {
    fn add(&mut self, value: &str, source: Span, via: Via) {
        let value = clean(value);
        if !value.is_empty() {
            self.0.push(Stated { value, source, via });
        }
    }

    /// The value of the highest precedence that `ok` accepts (the first of its rank).
    pub fn best(&self, ok: impl Fn(&str) -> bool) -> Option<&Stated> {
        self.0.iter().filter(|s| ok(&s.value)).min_by_key(|s| rank(s.via))
    }
}

/// What the page states, field by field.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Candidates,
    pub byline: Candidates,
    pub published: Candidates,
    pub publisher: Candidates,
    pub url: Candidates,
    pub image: Candidates,
    /// The `<title>` element's text, whole (the title candidate has its site's name removed).
    pub title_element: Option<Stated>,
    /// Whether the page says it is an article: a JSON-LD article type or `og:type` "article".
    pub declares_article: bool,
}

/// schema.org types of articles and posts.
const ARTICLE_TYPES: [&str; 22] = [
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "AdvertiserContentArticle",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "Report",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "Review",
    "Recipe",
    "HowTo",
];

/// Metadata value with its whitespace collapsed, character references decoded, and nothing else changed.
fn clean(s: &str) -> String {
    let decoded = if s.contains('&') { decode(s) } else { s.to_string() };
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `s` is a web address rather than a name (`article:author` is often a profile's URL).
pub(crate) fn is_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with("www.")
}

/// Reads every `<meta>`, `<link>`, `<title>` and JSON-LD script of `dom`.
pub(crate) fn read(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    for n in 0..dom.nodes.len() {
        let Data::Element { name, attrs, .. } = &dom.nodes[n].data else { continue };
        match name.as_str() {
            "meta" => meta_tag(dom, n, &mut m),
            "link" => {
                let rel = dom.attr(n, "rel").unwrap_or("").to_ascii_lowercase();
                let href = attrs.iter().find(|a| a.name == "href");
                if let Some(h) = href {
                    if rel.split_whitespace().any(|r| r == "canonical") {
                        m.url.add(&h.value, h.span, Via::CanonicalLink);
                    } else if rel.split_whitespace().any(|r| r == "image_src") {
                        m.image.add(&h.value, h.span, Via::MetaTag);
                    }
                }
            }
            "title" if m.title_element.is_none() && !dom.has_ancestor(n, "svg", usize::MAX) => {
                let text: Vec<Span> = dom.nodes[n].children.iter().filter_map(|&c| dom.text_span(c)).collect();
                if let (Some(first), Some(last)) = (text.first(), text.last()) {
                    let span = Span::new(first.start, last.end);
                    let value = clean(span.of(dom.input));
                    if !value.is_empty() {
                        m.title_element = Some(Stated { value, source: span, via: Via::TitleElement });
                    }
                }
            }
            "script" if dom.attr(n, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                for &c in &dom.nodes[n].children {
                    if let Some(span) = dom.text_span(c) {
                        json_ld(span, dom.input, &mut m);
                    }
                }
            }
            _ => {}
        }
    }
    m
}

/// A `<meta>` tag: its keys (`property` may hold several, space-separated) and content.
fn meta_tag(dom: &Dom, n: usize, m: &mut PageMeta) {
    let attrs = dom.attrs(n);
    let Some(content) = attrs.iter().find(|a| a.name == "content") else {
        return;
    };
    let (value, span) = (content.value.as_str(), content.span);
    let keys = ["property", "name", "itemprop"].iter().filter_map(|k| dom.attr(n, k)).flat_map(str::split_whitespace);
    for key in keys {
        let key = key.to_ascii_lowercase();
        let key = key.as_str();
        match key {
            "og:title" => m.title.add(value, span, Via::OpenGraph),
            "twitter:title" => m.title.add(value, span, Via::TwitterCard),
            "title" | "parsely-title" | "sailthru.title" => m.title.add(value, span, Via::MetaTag),
            "dc:title" | "dc.title" | "dcterm:title" | "dcterms.title" | "dcterms:title" => m.title.add(value, span, Via::DublinCore),
            "headline" => m.title.add(value, span, Via::Microdata),
            "article:author" | "og:article:author" if !is_url(value) => m.byline.add(value, span, Via::OpenGraph),
            "author" | "parsely-author" | "sailthru.author" | "byl" | "article.author" => m.byline.add(value, span, Via::MetaTag),
            "dc:creator" | "dc.creator" | "dcterm:creator" | "dcterms.creator" | "dcterms:creator" => {
                m.byline.add(value, span, Via::DublinCore)
            }
            "article:published_time" | "og:published_time" | "og:article:published_time" => m.published.add(value, span, Via::OpenGraph),
            "parsely-pub-date"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "sailthru.date"
            | "article.published"
            | "article:published"
            | "ptime"
            | "pdate"
            | "timestamp"
            | "original-publish-date"
            | "cxenseparse:recs:publishtime" => m.published.add(value, span, Via::MetaTag),
            "dc.date" | "dc:date" | "dc.date.issued" | "dcterms.created" | "dcterms.issued" | "dcterms:created" | "dcterms.date" => {
                m.published.add(value, span, Via::DublinCore)
            }
            "datepublished" => m.published.add(value, span, Via::Microdata),
            "og:site_name" => m.publisher.add(value, span, Via::OpenGraph),
            "application-name" | "apple-mobile-web-app-title" => m.publisher.add(value, span, Via::MetaTag),
            "dc.publisher" | "dc:publisher" | "dcterms.publisher" => m.publisher.add(value, span, Via::DublinCore),
            "og:url" => m.url.add(value, span, Via::OpenGraph),
            "og:image" | "og:image:url" | "og:image:secure_url" => m.image.add(value, span, Via::OpenGraph),
            "twitter:image" | "twitter:image:src" => m.image.add(value, span, Via::TwitterCard),
            "og:type" if value.trim().eq_ignore_ascii_case("article") => m.declares_article = true,
            _ => {}
        }
    }
}

/// One JSON-LD script (`span`, its text in `input`): the first article object's fields,
/// looked for at the top, in arrays and in `@graph`.
fn json_ld(span: Span, input: &str, m: &mut PageMeta) {
    let raw = span.of(input);
    // Some pages wrap the JSON in a CDATA section or an HTML comment.
    let body = raw.trim();
    let body = body.strip_prefix("<![CDATA[").and_then(|b| b.strip_suffix("]]>")).unwrap_or(body);
    let body = body.strip_prefix("<!--").and_then(|b| b.strip_suffix("-->")).unwrap_or(body);
    let offset = span.start + (body.as_ptr() as usize - raw.as_ptr() as usize);
    let Some(json) = jsonld::parse(body) else { return };
    let mut objects: Vec<&Json> = Vec::new();
    for item in json.items() {
        objects.push(item);
        if let Some(graph) = item.get("@graph") {
            objects.extend(graph.items());
        }
    }
    let is_article =
        |o: &Json| o.get("@type").is_some_and(|t| t.items().iter().any(|t| t.str().is_some_and(|(s, _)| ARTICLE_TYPES.contains(&s))));
    let Some(article) = objects.iter().find(|o| is_article(o)) else {
        // No article: a site's own object may still name the publisher.
        for o in &objects {
            let org =
                o.get("@type").and_then(Json::str).is_some_and(|(t, _)| matches!(t, "Organization" | "NewsMediaOrganization" | "WebSite"));
            if let (true, Some((name, s))) = (org, o.get("name").and_then(Json::str)) {
                m.publisher.add(name, s.shift(offset), Via::JsonLd);
            }
        }
        return;
    };
    m.declares_article = true;
    let at = |s: Span| s.shift(offset);
    let string = |key: &str| article.get(key).and_then(|v| v.items().first()).and_then(Json::str);
    // Both: some sites put a description in "headline" and the title in "name" (Wikipedia);
    // the one closer to the page's <title> is taken.
    for key in ["headline", "name"] {
        if let Some((title, s)) = string(key) {
            m.title.add(title, at(s), Via::JsonLd);
        }
    }
    // Authors: a name, a person or organization object, or a list of either.
    if let Some(authors) = article.get("author").or_else(|| article.get("creator")) {
        let names: Vec<(&str, Span)> = authors
            .items()
            .iter()
            .filter_map(|a| a.str().or_else(|| a.get("name").and_then(|n| n.items().first()).and_then(Json::str)))
            .collect();
        let names: Vec<(&str, Span)> = names.into_iter().filter(|(n, _)| !is_url(n) && !n.trim().is_empty()).collect();
        if let (Some(first), Some(last)) = (names.first(), names.last()) {
            let value = names.iter().map(|(n, _)| clean(n)).collect::<Vec<_>>().join(", ");
            m.byline.add(&value, Span::new(at(first.1).start, at(last.1).end), Via::JsonLd);
        }
    }
    if let Some((date, s)) = string("datePublished").or_else(|| string("dateCreated")) {
        m.published.add(date, at(s), Via::JsonLd);
    }
    if let Some((name, s)) =
        article.get("publisher").and_then(|p| p.items().first()).and_then(|p| p.str().or_else(|| p.get("name").and_then(Json::str)))
    {
        m.publisher.add(name, at(s), Via::JsonLd);
    }
    if let Some((url, s)) =
        string("url").or_else(|| article.get("mainEntityOfPage").and_then(|p| p.str().or_else(|| p.get("@id").and_then(Json::str))))
    {
        if is_url(url) {
            m.url.add(url, at(s), Via::JsonLd);
        }
    }
    if let Some(image) = article.get("image").and_then(|i| i.items().first()) {
        if let Some((url, s)) = image.str().or_else(|| image.get("url").and_then(Json::str)) {
            m.image.add(url, at(s), Via::JsonLd);
        }
    }
}

/// `title` without its site's name: "Headline | Site" → "Headline", "Site - Headline" →
/// "Headline", the part that is `site`'s name going. With `guess` (a page's `<title>`, which
/// usually carries the site's name), when no part is the site's, the last separated part
/// goes if what stays has three words or more, else the first (Readability's rule).
pub(crate) fn without_site(title: &str, site: Option<&str>, guess: bool) -> String {
    const SEPARATORS: [&str; 9] = [" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · ", " \\ "];
    let mut parts = Vec::new();
    for sep in SEPARATORS {
        let mut from = 0;
        while let Some(k) = title[from..].find(sep) {
            parts.push((from + k, sep.len()));
            from += k + sep.len();
        }
    }
    parts.sort_unstable();
    let (Some(&(first, first_len)), Some(&(last, last_len))) = (parts.first(), parts.last()) else {
        return title.trim().to_string();
    };
    let norm = |s: &str| s.trim().to_lowercase();
    if let Some(site) = site.map(norm).filter(|s| !s.is_empty()) {
        let tail = norm(&title[last + last_len..]);
        if !tail.is_empty() && (tail == site || site.contains(&tail) || tail.contains(&site)) {
            return without_site(title[..last].trim(), Some(&site), false);
        }
        let head = norm(&title[..first]);
        if !head.is_empty() && (head == site || site.contains(&head) || head.contains(&site)) {
            return title[first + first_len..].trim().to_string();
        }
    }
    if !guess {
        return title.trim().to_string();
    }
    let words = |s: &str| s.split_whitespace().count();
    let kept = title[..last].trim();
    if words(kept) >= 3 {
        return kept.to_string();
    }
    let after = title[first + first_len..].trim();
    if words(after) >= 3 {
        return after.to_string();
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parse::dom::build;

    #[test]
    fn json_ld_first_then_open_graph_each_with_its_source() {
        let html = r#"<html><head><title>Mars rover lands | Space News</title>
<meta property="og:title" content="Mars rover lands &amp; sends photos">
<meta property="article:published_time" content="2021-02-18T20:55:00Z">
<meta property="og:site_name" content="Space News">
<meta name="author" content="Jane Doe">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Space News"},
{"@type":["NewsArticle"],"headline":"Mars rover lands safely","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
"datePublished":"2021-02-18T21:00:00Z","publisher":{"name":"Space News Inc."},"image":{"url":"https://x.test/rover.jpg"}}]}</script>
</head><body></body></html>"#;
        let m = read(&build(html));
        let title = m.title.best(|_| true).unwrap();
        assert_eq!((title.value.as_str(), title.via), ("Mars rover lands safely", Via::JsonLd));
        assert_eq!(title.source.of(html), "Mars rover lands safely");
        assert_eq!(m.byline.best(|_| true).unwrap().value, "Jane Doe, John Roe");
        assert_eq!(m.published.best(|_| true).unwrap().value, "2021-02-18T21:00:00Z");
        assert_eq!(m.publisher.best(|_| true).unwrap().value, "Space News Inc.");
        assert_eq!(m.image.best(|_| true).unwrap().value, "https://x.test/rover.jpg");
        assert!(m.declares_article);
        // Without JSON-LD, OpenGraph; its entity decoded.
        let og: Vec<&str> = m.title.0.iter().filter(|s| s.via == Via::OpenGraph).map(|s| s.value.as_str()).collect();
        assert_eq!(og, ["Mars rover lands & sends photos"]);
        assert_eq!(m.title_element.unwrap().value, "Mars rover lands | Space News");
    }

    #[test]
    fn space_separated_properties_and_urls_as_authors() {
        let html = r#"<meta property="x:title dc:title" content="Preferred title"><meta property="article:author" content="https://facebook.com/jane">"#;
        let m = read(&build(html));
        assert_eq!(m.title.best(|_| true).unwrap().via, Via::DublinCore);
        assert!(m.byline.0.is_empty());
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(without_site("Mars rover lands | Space News", Some("Space News"), false), "Mars rover lands");
        // A stated title keeps a subtitle that is not the site's name.
        assert_eq!(
            without_site("How we designed it - an async task framework", Some("Dropbox"), false),
            "How we designed it - an async task framework"
        );
        assert_eq!(without_site("Space News - Mars rover lands", Some("Space News"), true), "Mars rover lands");
        assert_eq!(
            without_site("Mars rover lands safely on the red planet - Space News", None, true),
            "Mars rover lands safely on the red planet"
        );
        assert_eq!(without_site("Home - Space News", None, true), "Home - Space News");
        assert_eq!(without_site("No separator here", None, true), "No separator here");
    }
}
