//! Architecture invariants, checked on the sources themselves.
#![cfg(not(target_arch = "wasm32"))]

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_imports_no_browser_crates() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis"), &mut files);
    assert!(!files.is_empty());
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for banned in ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"] {
            for pattern in [format!("use {banned}"), format!("{banned}::")] {
                assert!(!src.contains(&pattern), "{} mentions {pattern}: the core must stay pure", f.display());
            }
        }
        for clock in ["SystemTime", "Instant::now", "thread_rng"] {
            assert!(!src.contains(clock), "{} reads {clock}: context comes in as arguments", f.display());
        }
    }
}

/// True for the files of a seeds folder that `build.rs` bundles: articles, not the README.
fn is_seed(name: &str) -> bool {
    (name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".html")) && !name.eq_ignore_ascii_case("README.md")
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `seeds/SHA256SUMS`, as written by `sha256sum *.txt` in the shared seeds folder: file name → digest.
fn manifest(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root.join("seeds/SHA256SUMS")).expect("seeds/SHA256SUMS lists the seeds' SHA-256");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            // "<digest>  <name>", or "<digest> *<name>" for a file read in binary mode.
            let (digest, name) = l.split_once(' ').unwrap_or_else(|| panic!("not a sha256sum line: {l:?}"));
            let name = name.strip_prefix([' ', '*']).unwrap_or_else(|| panic!("not a sha256sum line: {l:?}"));
            assert!(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()), "not a SHA-256: {l:?}");
            (name.to_string(), digest.to_ascii_lowercase())
        })
        .collect()
}

/// The bundled seeds are, byte for byte, the files whose SHA-256 `seeds/SHA256SUMS` lists, and
/// no others; where the shared seeds folder is beside the checkout, the manifest lists exactly
/// its seeds (its README is not one) with their digests.
#[test]
fn bundled_seeds_are_byte_for_byte_the_shared_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let want = manifest(root);
    assert!(!want.is_empty(), "seeds/SHA256SUMS lists no seeds");
    let bundled: BTreeMap<String, String> =
        lede::seeds::SEEDS.iter().map(|s| (s.file.to_string(), sha256_hex(s.text.as_bytes()))).collect();
    for (name, digest) in &want {
        match bundled.get(name) {
            None => panic!("seeds/SHA256SUMS lists {name}, which is not bundled"),
            Some(got) => assert_eq!(got, digest, "the bundled {name} is not the file seeds/SHA256SUMS names"),
        }
    }
    for name in bundled.keys() {
        assert!(want.contains_key(name), "{name} is bundled but not in seeds/SHA256SUMS");
    }

    let shared = root.join("../shared/seeds");
    if !shared.is_dir() {
        return;
    }
    let mut originals = BTreeMap::new();
    for entry in std::fs::read_dir(&shared).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if is_seed(&name) {
            originals.insert(name, sha256_hex(&std::fs::read(&path).unwrap()));
        }
    }
    assert_eq!(want, originals, "seeds/SHA256SUMS does not list the shared seeds ({}) with their digests", shared.display());
}
