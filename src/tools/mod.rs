//! What the command line does beyond analyzing: reading and scoring CoNLL files
//! ([`conll`]), training the tagger ([`train`]), deriving the word clusters
//! ([`clusters`]), scoring what the app shows ([`shown`]), what it reads of whole web pages
//! ([`pages`]), its quotes ([`attribution`]) and its times ([`timeml`]), and measuring how
//! time and memory grow with the input ([`scaling`]); `batch` runs `lede batch` over an
//! archive. Built with the `tools` feature (on by default; the web app's bundles leave it
//! out), so the analysis core holds no evaluation code.

pub mod attribution;
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod clusters;
pub mod conll;
pub mod pages;
pub mod scaling;
pub mod shown;
pub mod timeml;
pub mod train;
