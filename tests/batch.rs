//! `lede batch`: the record cases of tests/batch/records.txt (through the library and the
//! command), results in input order equal to `analyze` of each record, a folder of files,
//! resuming after a cut, and the exit status.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::parse::InputFormat;
use lede::analysis::{analyze, Options};
use lede::batch::{read_record, run, Settings};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const LEDE: &str = env!("CARGO_BIN_EXE_lede");

/// A fresh folder of the system's temporary folder for test `name`.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `lede batch ARGS` with `stdin` as standard input.
fn batch(args: &[&str], stdin: &str) -> Output {
    let mut child =
        Command::new(LEDE).arg("batch").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// The cases of tests/batch/records.txt: (record line, line written or None for no line).
fn cases() -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/batch/records.txt")).unwrap();
    let mut cases = Vec::new();
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(want) = line.strip_prefix('⇒') {
            let record = previous.take().expect("a ⇒ line follows its record");
            let want = want.trim();
            cases.push((record.to_string(), (!want.is_empty()).then(|| want.to_string())));
        } else {
            previous = Some(line);
        }
    }
    assert!(cases.len() >= 15, "tests/batch/records.txt has {} cases", cases.len());
    cases
}

#[test]
fn every_record_case_writes_its_line() {
    let settings = Settings::new(Some(vec!["text".into()])).unwrap();
    let mut failures = Vec::new();
    for (record, want) in cases() {
        let got = read_record(record.as_bytes(), &settings).map(|job| run(job, &settings).line);
        if got != want {
            failures.push(format!("record:   {record}\nexpected: {want:?}\ngot:      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_command_writes_the_cases_in_order_and_fails_with_status_1() {
    let cases = cases();
    let input: String = cases.iter().map(|(r, _)| format!("{r}\n")).collect();
    let want: String = cases.iter().filter_map(|(_, w)| w.as_ref()).map(|w| format!("{w}\n")).collect();
    let out = batch(&["--fields", "text", "--jobs", "2"], &input);
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    assert_eq!(out.status.code(), Some(1), "a record failed: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The first ten failures are named on standard error, the rest counted.
    assert!(stderr.contains("line 8: the record is not JSON"), "{stderr}");
    assert!(!stderr.contains("line 22:") && stderr.contains("1 more failed record:"), "{stderr}");
}

/// Articles of the repository's own, each a little different: `n` of them.
fn articles(n: usize) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![lede::seeds::SEEDS[0].text.to_string()];
    for name in ["plain.txt", "web-copy-ap.txt", "web-copy-cnn.txt", "forwarded-email.txt", "pdf-copy.txt", "pasted.html"] {
        sources.push(std::fs::read_to_string(root.join("tests/inputs").join(name)).unwrap());
    }
    (0..n)
        .map(|i| format!("{}\n\nReporting by Ana Silva in Porto on March {}, 2024 (#{i}).\n", sources[i % sources.len()], 1 + i % 28))
        .collect()
}

#[test]
fn results_come_in_input_order_and_equal_the_analysis_of_each_record() {
    let texts = articles(48);
    let mut input = String::new();
    for (i, t) in texts.iter().enumerate() {
        let record = if i % 7 == 6 {
            serde_json::json!({"id": i, "html": t})
        } else if i % 5 == 2 {
            serde_json::json!({"id": format!("r{i}"), "text": t, "reference_date": "2024-03-01"})
        } else {
            serde_json::json!({"id": format!("r{i}"), "text": t})
        };
        input.push_str(&format!("{record}\n"));
    }
    let out = batch(&["--jobs", "2"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), texts.len());
    for (i, (line, text)) in lines.iter().zip(&texts).enumerate() {
        let (id, options) = if i % 7 == 6 {
            (i.to_string(), Options { format: Some(InputFormat::Html), ..Default::default() })
        } else if i % 5 == 2 {
            let date = lede::analysis::util::timestamp::parse_timestamp("2024-03-01").map(|t| t.date);
            (format!("\"r{i}\""), Options { reference_date: date, ..Default::default() })
        } else {
            (format!("\"r{i}\""), Options::default())
        };
        let want = format!("{{\"id\":{id},\"analysis\":{}}}", serde_json::to_string(&analyze(text, &options)).unwrap());
        assert!(*line == want, "record {i} differs from its analysis");
    }
}

#[test]
fn a_folder_gives_a_record_per_article_file_equal_to_lede_analyze() {
    let dir = scratch("folder");
    let texts = articles(3);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), &texts[0]).unwrap();
    std::fs::write(dir.join("sub/a.md"), &texts[1]).unwrap();
    std::fs::write(dir.join("a.html"), "<h1>Rates rise</h1><p>The bank said so on Monday.</p>").unwrap();
    std::fs::write(dir.join("photo.png"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "not read").unwrap();
    let out = batch(&[dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.html", "b.txt", "sub/a.md"]);
    for (record, file) in records.iter().zip(["a.html", "b.txt", "sub/a.md"]) {
        let analyzed = Command::new(LEDE).args(["analyze", dir.join(file).to_str().unwrap()]).output().unwrap();
        let want: serde_json::Value = serde_json::from_slice(&analyzed.stdout).unwrap();
        assert_eq!(record["analysis"], want, "{file}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn resume_skips_the_ids_written_and_mends_a_cut_last_line() {
    let dir = scratch("resume");
    let input: String =
        articles(24).iter().enumerate().map(|(i, t)| format!("{}\n", serde_json::json!({"id": format!("a{i}"), "text": t}))).collect();
    let whole = dir.join("whole.jsonl");
    let out = batch(&["--fields", "entities,quotes", "-o", whole.to_str().unwrap()], &input);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let whole = std::fs::read_to_string(&whole).unwrap();
    assert_eq!(whole.lines().count(), 24);

    // A batch killed while writing its eleventh line: ten lines and part of one.
    let cut = dir.join("cut.jsonl");
    let ten: usize = whole.split_inclusive('\n').take(10).map(str::len).sum();
    std::fs::write(&cut, &whole[..ten + 40]).unwrap();
    let out = batch(&["--fields", "entities,quotes", "--resume", "-o", cut.to_str().unwrap()], &input);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("14 records"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10 skipped"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&cut).unwrap(), whole);

    // Resuming a finished output writes nothing more.
    let out = batch(&["--fields", "entities,quotes", "--resume", "-o", cut.to_str().unwrap()], &input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&cut).unwrap(), whole);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_batch_that_cannot_run_says_why_with_status_2() {
    let out = batch(&["--fields", "entities,names"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `names`"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = batch(&["--resume"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o OUT"));
    let out = batch(&["/no/such/archive.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = batch(&[], "");
    assert_eq!(out.status.code(), Some(0), "no records is a batch that did not fail");
    assert!(out.stdout.is_empty());
}
