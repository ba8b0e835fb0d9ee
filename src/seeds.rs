//! The bundled seed articles, compiled in by `build.rs` from `seeds/`.

/// One bundled article: its file name and its text, byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed {
    pub file: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
