//! URLs: their domains and sites, and which the app may make clickable.

/// Host of an absolute URL, lowercased, without "www." or a port; None for relative URLs.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The registrable part of a domain, roughly: the last two labels, or three
/// under two-letter country second levels ("bbc.co.uk").
pub(crate) fn site_of(domain: &str) -> String {
    let labels: Vec<&str> = domain.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && matches!(labels[n - 2], "co" | "com" | "org" | "net" | "ac" | "gov" | "ne" | "or") {
        3
    } else {
        2
    };
    labels[n.saturating_sub(keep)..].join(".")
}

/// Whether the app may make `url` a clickable link: http, https and mailto only.
/// A relative URL is not: in lede's page it would point at lede, not at the article's site.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}
