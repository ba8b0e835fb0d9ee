//! What the command line does beyond analyzing: reading and scoring CoNLL files
//! ([`conll`]), training the tagger ([`train`]), deriving the word clusters
//! ([`clusters`]), scoring what the app shows ([`shown`]) and what it reads of whole web
//! pages ([`pages`]), and measuring how time and memory grow with the input ([`scaling`]).
//! Built with the `tools`
//! feature (on by default; the web app's bundles leave it out), so the analysis core
//! holds no evaluation code.

pub mod attribution;
pub mod clusters;
pub mod conll;
pub mod pages;
pub mod scaling;
pub mod shown;
pub mod timeml;
pub mod train;
