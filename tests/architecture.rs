//! Architecture invariants, checked on the sources themselves.
#![cfg(not(target_arch = "wasm32"))]

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

#[test]
fn bundled_seeds_are_byte_for_byte_the_shared_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/seeds");
    if !shared.is_dir() {
        // A checkout without the shared folder beside it still checks that seeds exist.
        assert!(!lede::seeds::SEEDS.is_empty());
        return;
    }
    for entry in std::fs::read_dir(&shared).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let ours = std::fs::read(root.join("seeds").join(name)).unwrap_or_else(|_| panic!("seeds/{name:?} is missing"));
        assert!(ours == std::fs::read(&path).unwrap(), "seeds/{name:?} differs from the shared copy");
    }
    for seed in lede::seeds::SEEDS {
        assert_eq!(seed.text.as_bytes(), std::fs::read(root.join("seeds").join(seed.file)).unwrap());
    }
}
