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

/// The analysis core's modules in the order the data flows, the modules every stage may use
/// first. A module imports only modules before it (the facade, `analysis/mod.rs`, imports
/// them all). `dates` stands before `rules` because its grammar finds the values the rules
/// link, though its resolution runs after the quotes.
const LAYERS: [&str; 12] = ["span", "util", "lists", "mention", "text", "parse", "stats", "ner", "dates", "rules", "quotes", "about"];

/// A source file's module path ("analysis::rules::table" for src/analysis/rules/table.rs),
/// and its text without comments and test modules (tests may run the whole analysis).
fn module_of(src: &Path, file: &Path) -> (Vec<String>, String) {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if path.last().is_some_and(|l| l == "mod" || l == "lib") {
        path.pop();
    }
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap_or("");
    let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    (path, code)
}

/// Every path a module's code names, with `use` groups expanded ("a::{b, c::d}" gives "a::b"
/// and "a::c::d").
fn named_paths(code: &str) -> Vec<String> {
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        match tree.find('{') {
            Some(open) if tree.ends_with('}') => {
                let head = format!("{prefix}{}", &tree[..open]);
                let (mut depth, mut start) = (0, open + 1);
                let inner = &tree[..tree.len() - 1];
                for (i, c) in inner.char_indices().skip(open + 1) {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            expand(&head, &inner[start..i], out);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                expand(&head, &inner[start..], out);
            }
            _ if !tree.is_empty() => out.push(format!("{prefix}{}", tree.split(" as ").next().unwrap_or(tree))),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for stmt in code.split(';') {
        let stmt = stmt.trim();
        let body = stmt.strip_prefix("pub use ").or_else(|| stmt.strip_prefix("pub(crate) use ")).or_else(|| stmt.strip_prefix("use "));
        if let Some(body) = body.map(|b| b.split_whitespace().collect::<String>()) {
            expand("", &body, &mut out);
        }
    }
    // Paths in the code itself: `crate::analysis::parse::is_safe_url(url)`, `super::labels::X`.
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            let end = code[at..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(code.len(), |e| at + e);
            out.push(code[at..end].trim_end_matches(':').to_string());
        }
    }
    out
}

/// The module a path names, resolved from module `from`: the longest module of `modules` it
/// starts with.
fn resolve(from: &[String], path: &str, modules: &std::collections::BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = match parts.first().copied() {
        Some("crate") => {
            parts.remove(0);
            Vec::new()
        }
        Some("super") | Some("self") => {
            let mut base = from.to_vec();
            while let Some(&p) = parts.first() {
                match p {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                parts.remove(0);
            }
            base
        }
        // A child module of this one ("use chrome::..." in parse/mod.rs), else an outside crate.
        Some(first) if modules.contains(&[from, &[first.to_string()]].concat()) => from.to_vec(),
        _ => return None,
    };
    let mut found = None;
    for p in parts {
        base.push(p.to_string());
        if modules.contains(&base) {
            found = Some(base.clone());
        } else {
            break;
        }
    }
    found
}

/// Every library module (src/, without the binaries) and the modules it imports.
fn import_graph() -> BTreeMap<Vec<String>, std::collections::BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| !f.starts_with(src.join("bin")) && !f.ends_with("main.rs"));
    let parsed: Vec<(Vec<String>, String)> = files.iter().map(|f| module_of(&src, f)).collect();
    let modules: std::collections::BTreeSet<Vec<String>> = parsed.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = BTreeMap::new();
    for (module, code) in &parsed {
        let targets: std::collections::BTreeSet<Vec<String>> = named_paths(code)
            .iter()
            .filter_map(|p| resolve(module, p, &modules))
            // The crate root only declares the modules.
            .filter(|t| t != module && !t.is_empty())
            .collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = import_graph();
    assert!(graph.len() > 40, "the graph found {} modules", graph.len());
    // Depth-first search for a path back to where it started.
    fn cycle(graph: &BTreeMap<Vec<String>, std::collections::BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
        fn visit(
            node: &Vec<String>,
            graph: &BTreeMap<Vec<String>, std::collections::BTreeSet<Vec<String>>>,
            state: &mut BTreeMap<Vec<String>, u8>,
            stack: &mut Vec<Vec<String>>,
        ) -> Option<Vec<String>> {
            state.insert(node.clone(), 1);
            stack.push(node.clone());
            for next in graph.get(node).into_iter().flatten() {
                match state.get(next) {
                    Some(1) => {
                        let at = stack.iter().position(|n| n == next).unwrap_or(0);
                        return Some(stack[at..].iter().chain([next]).map(|m| m.join("::")).collect());
                    }
                    Some(_) => {}
                    None => {
                        if let Some(c) = visit(next, graph, state, stack) {
                            return Some(c);
                        }
                    }
                }
            }
            stack.pop();
            state.insert(node.clone(), 2);
            None
        }
        let mut state = BTreeMap::new();
        for node in graph.keys() {
            if !state.contains_key(node) {
                if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                    return Some(c);
                }
            }
        }
        None
    }
    if let Some(c) = cycle(&graph) {
        panic!("an import circle: {}", c.join(" → "));
    }
}

#[test]
fn each_stage_imports_only_the_stages_before_it() {
    let graph = import_graph();
    let layer = |m: &[String]| (m.len() >= 2 && m[0] == "analysis").then(|| LAYERS.iter().position(|l| *l == m[1])).flatten();
    let mut wrong = Vec::new();
    for (module, targets) in &graph {
        if module.first().is_some_and(|m| m == "analysis") && module.len() >= 2 {
            let Some(own) = layer(module) else {
                wrong.push(format!("{} is no stage of LAYERS", module.join("::")));
                continue;
            };
            for t in targets {
                match layer(t) {
                    Some(l) if l > own => wrong.push(format!("{} imports {}, a later stage", module.join("::"), t.join("::"))),
                    None if t.len() == 1 && t[0] == "analysis" => wrong.push(format!("{} imports the facade", module.join("::"))),
                    None if t.first().is_some_and(|m| m != "analysis") => {
                        wrong.push(format!("{} imports {}, outside the core", module.join("::"), t.join("::")))
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
