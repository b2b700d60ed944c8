//! The crate's modules form layers: no module imports a module that imports
//! it back, directly or through others.
//!
//! Read from the source: every `crate::NAME` in a `src/` file (in `use`
//! lines and inline paths alike, comments skipped) is an edge from the
//! file's top-level module to `NAME`. Submodules count as their top-level
//! module (`src/pack/load.rs` is `pack`); a parent and its own children
//! refer to each other by nature and are one node. The crate root
//! (`lib.rs`) is the public facade: only the fuzzing internals may name
//! items through it, so every other module (the bindings' `binding`
//! included) names the module that defines what it uses. The WebAssembly
//! binding is a crate of its own (bindings/wasm) and uses the facade and
//! `jejak::binding` only.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Modules allowed to name crate-root items (`crate::Error`).
const FACADE_USERS: &[&str] = &["fuzzing"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `text` without comments and without the contents of string and char
/// literals (so a `"https://..."` or a `crate::` inside a string is not
/// code), line breaks kept.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1).copied()) {
            ('/', Some('/')) => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            ('r', Some('"' | '#')) if i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_') => {
                // A raw string: r"..." or r#"..."#.
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&'"') {
                    out.push(b[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                while j < b.len() && !(b[j] == '"' && (1..=hashes).all(|k| b.get(j + k) == Some(&'#'))) {
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + 1 + hashes;
            }
            ('"', _) => {
                i += 1;
                while i < b.len() && b[i] != '"' {
                    i += if b[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            // A char literal ('x', '\n', '\u{1F600}'), not a lifetime ('a).
            ('\'', Some(c)) if b.get(i + 2) == Some(&'\'') || c == '\\' => {
                i += 1;
                while i < b.len() && b[i] != '\'' {
                    i += if b[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The first path segments of a `use` group's items: `a, b::c, d::{e, f}`
/// gives a, b, d (nested groups belong to their prefix).
fn group_items(group: &str, out: &mut Vec<String>) {
    let mut depth = 0;
    let mut item = String::new();
    for c in group.chars().chain([',']) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.push(name);
                }
                item.clear();
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            item.push(c);
        }
    }
}

/// The `crate::NAME` references of one file's text, in code only.
fn references(text: &str) -> Vec<String> {
    let code = code_only(text);
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        // `jejak::` or `$crate::` are not this crate's paths.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{c, d}}`, over as many lines as it takes.
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            group_items(&group[..end], &mut out);
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// The module graph of the crate in `src`: top-level module to the modules
/// it names, and the facade uses found on the way.
fn graph(src: &Path) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut facade = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let node = edges.entry(module.clone()).or_default();
        for name in references(&text) {
            if name.starts_with(char::is_uppercase) {
                if !FACADE_USERS.contains(&module.as_str()) {
                    facade.push(format!("{}: crate::{name}", rel.display()));
                }
                continue;
            }
            if name != module {
                node.insert(name);
            }
        }
    }
    (edges, facade)
}

/// A cycle in `edges`, as the path that closes it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn modules_form_layers_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (edges, facade) = graph(&src);
    assert!(edges.len() > 10, "read only {} modules", edges.len());
    assert!(facade.is_empty(), "only the binding may name items through the crate root:\n{}", facade.join("\n"));
    if let Some(cycle) = find_cycle(&edges) {
        panic!("module cycle: {}", cycle.join(" -> "));
    }
    // The shared vocabulary and the writer are the bottom layer.
    for bottom in ["vocab", "write"] {
        assert_eq!(edges.get(bottom), Some(&BTreeSet::new()), "{bottom} must import nothing of the crate");
    }
}

#[test]
fn the_checker_finds_cycles_and_paths() {
    let refs =
        references("use crate::a::{b, c};\nlet x = crate::b::f(); // crate::z\nuse crate::{d, e::f};\n$crate::no");
    assert_eq!(refs, ["a", "b", "d", "e"]);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    edges.entry("c".into()).or_default();
    assert_eq!(find_cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&edges).unwrap(), ["a", "b", "c", "a"]);
}
