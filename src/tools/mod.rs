//! What the command line does beyond analyzing: reading and scoring CoNLL files
//! ([`conll`]), training the tagger ([`train`]), deriving the word clusters
//! ([`clusters`]), scoring what the app shows ([`shown`]) and measuring how time and
//! memory grow with the input ([`scaling`]); `batch` runs `lede batch` over an archive.
//! Built with the `tools` feature (on by default; the web app's bundles leave it out), so the analysis core
//! holds no evaluation code.

#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod clusters;
pub mod conll;
pub mod scaling;
pub mod shown;
pub mod train;
