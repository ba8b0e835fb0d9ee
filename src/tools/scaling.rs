//! `lede scaling`: how the analysis' time and memory grow with the input, on the shapes of
//! text that were once superlinear or memory-hungry (and natural news), each at two sizes.
//!
//! Every run is its own process (`lede scaling-run SHAPE BYTES`), so its peak memory is its
//! own: the child builds the input, reads its resident set (Linux's `/proc/self/status`
//! `VmRSS`), runs the analysis, and reports the CPU seconds the analysis took
//! (`/proc/self/stat`) and how far its resident set peaked above where it was before
//! (`VmHWM`), the analysis' own memory, beside the process' whole peak.

use crate::analysis::parse::InputFormat;
use crate::analysis::{analyze, Options};
use std::process::Command;

/// A shape of input: its name, what it is, and how to make `bytes` of it.
pub struct Shape {
    pub name: &'static str,
    pub about: &'static str,
    pub format: Option<InputFormat>,
    pub make: fn(usize) -> String,
}

/// `unit(i)` for i = 0, 1, ... until `bytes` is reached (cut on a char boundary).
fn repeated(bytes: usize, unit: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&unit(i));
        i += 1;
    }
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// A made-up surname for `i`, from eight syllables ("Karomiten").
fn surname(i: usize) -> String {
    const SYLLABLES: [&str; 8] = ["Ka", "ro", "mi", "ten", "su", "bor", "li", "van"];
    let mut s = SYLLABLES[i % 8].to_string();
    for k in [i / 8, i / 64, i / 512] {
        s.push_str(&SYLLABLES[1 + k % 7].to_lowercase());
    }
    s
}

/// Natural news: the bundled seed and the test inputs written as articles, over and over.
fn news(bytes: usize) -> String {
    const PARTS: [&str; 5] = [
        include_str!("../../tests/inputs/plain.txt"),
        include_str!("../../tests/inputs/web-copy-ap.txt"),
        include_str!("../../tests/inputs/web-copy-cnn.txt"),
        include_str!("../../tests/inputs/forwarded-email.txt"),
        include_str!("../../tests/inputs/pdf-copy.txt"),
    ];
    let seed = crate::seeds::SEEDS.first().map_or("", |s| s.text);
    repeated(bytes, |i| format!("{}\n\n", if i % 6 == 5 { seed } else { PARTS[i % 6 % 5] }))
}

/// The shapes, in the order they are reported.
pub static SHAPES: &[Shape] = &[
    Shape { name: "news", about: "natural news text (the seed and test articles, repeated)", format: None, make: news },
    Shape {
        name: "zero-width",
        about: "a zero-width space after every word, a blank line every 40 words",
        format: None,
        make: |n| repeated(n, |i| format!("word\u{200b} {}", if i % 40 == 39 { "\n\n" } else { "" })),
    },
    Shape {
        name: "mojibake+script",
        about: "mojibake that becomes a mixed-script word, in 195 KB paragraphs",
        format: None,
        make: |n| repeated(n, |i| format!("Ð¡osmodrome {}", if i % 15_000 == 14_999 { "\n\n" } else { "" })),
    },
    Shape {
        name: "mojibake+space",
        about: "mojibake before a no-break space, in 175 KB paragraphs",
        format: None,
        make: |n| repeated(n, |i| format!("cafÃ©\u{a0}{}", if i % 25_000 == 24_999 { "\n\n" } else { "" })),
    },
    Shape {
        name: "brackets",
        about: "lines of 64,000 \"[\" in Markdown",
        format: Some(InputFormat::Markdown),
        make: |n| repeated(n, |_| format!("{}\n", "[".repeat(64_000))),
    },
    Shape { name: "one-char lines", about: "one letter per line", format: None, make: |n| repeated(n, |_| "a\n".to_string()) },
    Shape {
        name: "stars",
        about: "\"*\" and \"_\" floods in Markdown",
        format: Some(InputFormat::Markdown),
        make: |n| repeated(n, |i| if i % 2 == 0 { "*".repeat(1000) } else { "_ ".repeat(500) + "\n" }),
    },
    Shape {
        name: "punctuation",
        about: "punctuation only, in lines of 200 KB",
        format: None,
        make: |n| repeated(n, |i| format!("{}{}", &".,;:!?-()\"'"[i % 11..i % 11 + 1], if i % 200_000 == 199_999 { "\n" } else { "" })),
    },
    Shape {
        name: "script",
        about: "an HTML page whose script is full of \"<\"",
        format: Some(InputFormat::Html),
        make: |n| format!("<p>Text</p><script>{}</script>", repeated(n.saturating_sub(40), |_| "<".to_string())),
    },
    Shape {
        name: "csv",
        about: "comma-separated records with quotes",
        format: None,
        make: |n| repeated(n, |i| format!("\"{i}\",\"Smith, John {i}\",\"said \"\"hi\"\"\",\"Paris\"\n")),
    },
    Shape {
        name: "json",
        about: "JSON objects, one to a line of about 100 KB",
        format: None,
        make: |n| {
            repeated(n, |i| {
                format!("{}\"key{i}\": \"Value {i}\"{}", if i % 5000 == 0 { "{" } else { ", " }, if i % 5000 == 4999 { "}\n" } else { "" })
            })
        },
    },
    Shape {
        name: "roster",
        about: "a roster of names",
        format: None,
        make: |n| repeated(n, |i| format!("John {} joined the club in Paris.\n", surname(i))),
    },
    Shape {
        name: "names in paragraphs",
        about: "names, forty to a paragraph",
        format: None,
        make: |n| repeated(n, |i| format!("{} {} {}", surname(i), surname(i + 7), if i % 40 == 39 { "\n\n" } else { "" })),
    },
    Shape {
        name: "banks",
        about: "\"The Bank of X said.\" over and over",
        format: None,
        make: |n| repeated(n, |i| format!("The Bank of {} said.{}", surname(i), if i % 40 == 39 { "\n\n" } else { " " })),
    },
    Shape {
        name: "parties",
        about: "party and company names",
        format: None,
        make: |n| {
            repeated(n, |i| {
                format!("{} of the Labour Party met Microsoft and Sinn Fein. {}", surname(i), if i % 40 == 39 { "\n\n" } else { "" })
            })
        },
    },
    Shape {
        name: "quotes",
        about: "short quotes with speakers",
        format: None,
        make: |n| repeated(n, |i| format!("\"We will go on,\" {} said. {}", surname(i), if i % 20 == 19 { "\n\n" } else { "" })),
    },
    Shape {
        name: "links",
        about: "Markdown links",
        format: Some(InputFormat::Markdown),
        make: |n| repeated(n, |i| format!("[story {i}](https://example.com/{i}) {}", if i % 30 == 29 { "\n\n" } else { "" })),
    },
    Shape {
        name: "entities",
        about: "HTML entities in plain text",
        format: None,
        make: |n| repeated(n, |i| format!("A &amp; B&nbsp;{}", if i % 50 == 49 { "\n\n" } else { "" })),
    },
    Shape {
        name: "lone CR",
        about: "old Mac line ends (a carriage return alone)",
        format: None,
        make: |n| repeated(n, |i| format!("Line {i} of the text.\r")),
    },
];

/// What one run measured.
struct Run {
    cpu: f64,
    peak_mb: f64,
    growth_mb: f64,
}

/// The CPU seconds (user and system) this process has used, from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |k: usize| fields.get(k).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// A `/proc/self/status` field in kB ("VmRSS", "VmHWM").
fn status_kb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// `lede scaling-run SHAPE BYTES`: one analysis, measured; prints "cpu peak_mb growth_mb".
pub fn run_one(shape: &str, bytes: usize) -> Result<(), String> {
    let shape = SHAPES.iter().find(|s| s.name == shape).ok_or_else(|| format!("no shape {shape:?}"))?;
    let input = (shape.make)(bytes);
    // The model is loaded before the measure starts: it is the app's, not the input's.
    let _ = analyze("Warm up.", &Options::default());
    let before = status_kb("VmRSS");
    let start = cpu_seconds();
    let a = analyze(&input, &Options { format: shape.format, ..Options::default() });
    let cpu = cpu_seconds() - start;
    let peak = status_kb("VmHWM");
    std::hint::black_box(&a);
    println!("{cpu:.2} {:.1} {:.1}", peak / 1024.0, (peak - before).max(0.0) / 1024.0);
    Ok(())
}

fn measure(shape: &Shape, bytes: usize) -> Result<Run, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find lede itself: {e}"))?;
    let out = Command::new(exe).args(["scaling-run", shape.name, &bytes.to_string()]).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{} at {bytes} B failed: {}", shape.name, String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<f64> = text.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    match v.as_slice() {
        [cpu, peak, growth] => Ok(Run { cpu: *cpu, peak_mb: *peak, growth_mb: *growth }),
        _ => Err(format!("{} at {bytes} B printed {text:?}", shape.name)),
    }
}

/// The limits a run is held to: with `--check`, 4× the input in under 6× the CPU time (where
/// the larger run takes long enough to time), a ratio of two runs on one machine; with
/// `--check-speed`, a MiB in under 5 s of CPU, which depends on the machine (so `make test`
/// does not ask it); with `--check-memory`, the analysis' memory under 50× the input.
const MAX_GROWTH: f64 = 6.0;
const MAX_SECONDS_PER_MIB: f64 = 5.0;
const MAX_MEMORY_RATIO: f64 = 50.0;
const STABLE_SECONDS: f64 = 0.3;

/// `lede scaling [--small BYTES] [--check] [--check-speed] [--check-memory] [--shape NAME]`: every shape (or
/// one) at `small` and 4× `small` bytes (default 1 MiB and 4 MiB), a markdown table on
/// standard output; with `--check`, an error when a shape breaks a limit.
pub fn report(args: &[String]) -> Result<(), String> {
    let mut small = 1usize << 20;
    let (mut check, mut check_memory, mut check_speed) = (false, false, false);
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--check-memory" => (check, check_memory) = (true, true),
            "--check-speed" => (check, check_speed) = (true, true),
            "--small" => small = it.next().and_then(|v| parse_size(v)).ok_or("--small takes a size: 256K, 1M...")?,
            "--shape" => only = Some(it.next().ok_or("--shape takes a name")?.clone()),
            _ => return Err(format!("unknown option {a}")),
        }
    }
    let large = 4 * small;
    println!(
        "| shape | {} KiB CPU | {} KiB CPU | growth (4× input) | peak RSS at {} KiB | analysis memory / input |",
        small >> 10,
        large >> 10,
        large >> 10
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut broken = Vec::new();
    for shape in SHAPES.iter().filter(|s| only.as_deref().is_none_or(|o| o == s.name)) {
        let (mut a, mut b) = (measure(shape, small)?, measure(shape, large)?);
        let growth_of = |a: &Run, b: &Run| if a.cpu > 0.0 { b.cpu / a.cpu } else { 0.0 };
        if b.cpu >= STABLE_SECONDS && growth_of(&a, &b) > MAX_GROWTH {
            // A busy machine can slow one run: a shape breaks the limit only if a second pair
            // of runs, each size at its fastest, breaks it too.
            let (a2, b2) = (measure(shape, small)?, measure(shape, large)?);
            a.cpu = a.cpu.min(a2.cpu);
            b.cpu = b.cpu.min(b2.cpu);
        }
        let growth = growth_of(&a, &b);
        let ratio = b.growth_mb * 1_048_576.0 / large as f64;
        println!(
            "| {} | {:.2} s | {:.2} s | {} | {:.0} MB | {:.0}× |",
            shape.name,
            a.cpu,
            b.cpu,
            if b.cpu >= STABLE_SECONDS { format!("{growth:.1}×") } else { "(too fast to time)".into() },
            b.peak_mb,
            ratio
        );
        if b.cpu >= STABLE_SECONDS && growth > MAX_GROWTH {
            broken.push(format!("{}: 4× the input took {growth:.1}× the time", shape.name));
        }
        if check_memory && ratio > MAX_MEMORY_RATIO {
            broken.push(format!("{}: the analysis took {ratio:.0}× the input in memory", shape.name));
        }
        let per_mib = b.cpu * 1_048_576.0 / large as f64;
        if check_speed && per_mib > MAX_SECONDS_PER_MIB {
            broken.push(format!("{}: {per_mib:.1} s of CPU per MiB", shape.name));
        }
    }
    if check && !broken.is_empty() {
        return Err(format!("scaling limits broken:\n{}", broken.join("\n")));
    }
    Ok(())
}

/// "256K", "1M", "4096".
fn parse_size(s: &str) -> Option<usize> {
    let (n, unit) = match s.strip_suffix(['K', 'k']) {
        Some(n) => (n, 1 << 10),
        None => match s.strip_suffix(['M', 'm']) {
            Some(n) => (n, 1 << 20),
            None => (s, 1),
        },
    };
    n.parse::<usize>().ok().map(|n| n * unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_makes_the_size_asked() {
        for shape in SHAPES {
            let text = (shape.make)(10_000);
            assert!((9_000..=10_100).contains(&text.len()), "{} made {} bytes", shape.name, text.len());
        }
        assert_eq!(parse_size("256K"), Some(262_144));
        assert_eq!(parse_size("1M"), Some(1_048_576));
    }
}
