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

/// Whether the app may make `url` a clickable link, as it stands: the link's `href` is this
/// very string, so nothing is trimmed before the check. http, https and mailto only, with no
/// space or control character in it. A relative URL is not safe: in lede's page it would point
/// at lede, not at the article's site; nor is one after a space (" javascript:", or a URL after
/// a no-break space, which a browser would read as relative).
pub fn is_safe_url(url: &str) -> bool {
    let scheme = |s: &str| url.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s));
    (scheme("http://") || scheme("https://") || scheme("mailto:")) && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// An `href` or `src` as a browser reads it (the URL standard's own clean-up): ASCII tabs
/// and line breaks removed wherever they are, and control characters and spaces trimmed from
/// its edges. A line break inside an `href` is how a page could smuggle Markdown into the
/// editor ("https://a\n\n# Injected"); a browser never sees it either.
pub fn clean_url(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}
