//! Every hand-written word list the stages read.

/// Titles and roles that precede names.
pub const ROLES: &str = include_str!("roles.txt");
/// Companies and organisations of today's news.
pub const ORGANISATIONS: &str = include_str!("organisations.txt");
/// Political parties.
pub const POLITICAL_PARTIES: &str = include_str!("political_parties.txt");
/// News organisations and agencies.
pub const NEWS_OUTLETS: &str = include_str!("news_outlets.txt");
/// Nationality adjectives and demonyms (read by `lede train` into the lexicon).
pub const DEMONYMS: &str = include_str!("demonyms.tsv");
