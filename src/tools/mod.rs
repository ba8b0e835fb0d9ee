//! What the command line does beyond analyzing: reading and scoring CoNLL files
//! ([`conll`]), training the tagger ([`train`]), deriving the word clusters
//! ([`clusters`]) and scoring what the app shows ([`shown`]). Built with the `tools`
//! feature (on by default; the web app's bundles leave it out), so the analysis core
//! holds no evaluation code.

pub mod clusters;
pub mod conll;
pub mod shown;
pub mod timeml;
pub mod train;
