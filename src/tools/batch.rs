//! `lede batch`: analyzes an archive, JSON Lines records (or a folder of files) in, one
//! JSON Lines result per record out, in input order, on every core.
//!
//! A reader thread reads records and feeds them to an ordered pool ([`crate::batch::Pool`]);
//! the calling thread writes the results as they come back in order, shows progress on
//! standard error and counts what failed. The pool's window is what keeps memory flat: the
//! reader waits once `WINDOW_PER_WORKER` records per worker are between it and the writer.
//! With `--resume` the ids already in the output are skipped and the output is appended to.

use crate::batch::{self, id_key, Job, Outcome, Pool, Settings, MAX_RECORD_BYTES};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const USAGE: &str = "lede batch [FILE|DIR|-] [-o OUT] [--fields NAMES] [--jobs N] [--resume] [--quiet]
                            analyze every record of a JSON Lines FILE (or standard input):
                            {\"id\": …, \"text\": …} or {\"id\": …, \"html\": …} (optional:
                            \"format\", \"reference_date\"), or every .txt, .md and .html file
                            under DIR (its id is the path); writes one line per record, in
                            input order, {\"id\": …, \"analysis\": {…}} or {\"id\": …, \"error\":
                            \"…\"}; --fields a,b writes only those top-level fields (and
                            computes only what they need); --jobs N workers (default: every
                            core); --resume skips the ids already in OUT and appends to it.
                            Exit status 1 when a record failed, 2 when the batch could not run";

/// Records in flight per worker: enough that a long article does not leave the other
/// workers idle, few enough that memory stays flat (a few MB for news articles).
const WINDOW_PER_WORKER: usize = 32;

/// Bytes of input in flight at most (one record larger than this still goes through alone).
const BUDGET_BYTES: usize = 64 << 20;

/// The extensions of the files a folder's records are read from.
const EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

struct Args {
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    fields: Option<Vec<String>>,
    jobs: usize,
    resume: bool,
    quiet: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args { input: None, output: None, fields: None, jobs: 0, resume: false, quiet: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "-o" | "--output" => a.output = Some(PathBuf::from(value()?)),
            "--fields" => a.fields = Some(value()?.split(',').map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect()),
            "--jobs" | "-j" => a.jobs = value()?.parse().ok().filter(|&n| n > 0).ok_or("--jobs takes a number of workers, 1 or more")?,
            "--resume" => a.resume = true,
            "--quiet" | "-q" => a.quiet = true,
            "-" if a.input.is_none() => a.input = Some(PathBuf::from("-")),
            s if !s.starts_with('-') && a.input.is_none() => a.input = Some(PathBuf::from(s)),
            _ => return Err(format!("unknown option {arg}\nusage:\n{USAGE}")),
        }
    }
    if a.resume && a.output.is_none() {
        return Err("--resume needs the output to resume: -o OUT".into());
    }
    if a.jobs == 0 {
        a.jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    Ok(a)
}

/// A record on its way through the pool: the job, where it came from (for messages) and how
/// far the progress bar moves when it is written.
struct Item {
    job: Job,
    place: String,
    progress: u64,
}

/// What a finished record carries to the writer.
struct Done {
    outcome: Outcome,
    place: String,
    progress: u64,
}

/// Runs `lede batch ARGS`: the number of records that failed, or why the batch could not run.
pub fn main(args: &[String]) -> Result<u64, String> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage:\n{USAGE}");
        return Ok(0);
    }
    let args = parse_args(args)?;
    let settings = Settings::new(args.fields.clone())?;
    let started = Instant::now();

    let done_ids = match (&args.output, args.resume) {
        (Some(out), true) => resume_ids(out)?,
        _ => HashSet::new(),
    };
    let (source, total) = open_source(args.input.as_deref())?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(args.resume)
                .truncate(!args.resume)
                .open(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Box::new(BufWriter::with_capacity(1 << 16, file))
        }
        None => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    };

    let bar = progress_bar(total, args.quiet);
    let worker_settings = settings.clone();
    let (mut feeder, results) = Pool::start(args.jobs, args.jobs * WINDOW_PER_WORKER, BUDGET_BYTES, move |item: Item| Done {
        outcome: batch::run_caught(item.job, &worker_settings),
        place: item.place,
        progress: item.progress,
    })?;

    // The reader: records in, skipped ids counted; it ends by closing the feeder.
    let reader_bar = bar.clone();
    let reader = std::thread::Builder::new()
        .name("lede-batch-reader".into())
        .spawn(move || -> Result<u64, String> {
            let mut skipped = 0;
            let mut feed = |item: Item| {
                if item.job.id() != &Value::Null && done_ids.contains(&id_key(item.job.id())) {
                    skipped += 1;
                    reader_bar.inc(item.progress);
                } else {
                    let weight = item.job.weight();
                    feeder.push(item, weight);
                }
            };
            let read = match source {
                Source::Lines(reader) => read_lines(reader, &settings, &mut feed, &reader_bar),
                Source::Folder { root, files } => {
                    read_folder(&root, files, &settings, &mut feed);
                    Ok(())
                }
            };
            feeder.close();
            read.map(|()| skipped)
        })
        .map_err(|e| format!("cannot start the reader: {e}"))?;

    let (mut written, mut failed, mut reported) = (0u64, 0u64, 0u64);
    for result in results {
        let done = result.unwrap_or_else(|panic| Done {
            outcome: batch::error_outcome(&Value::Null, &format!("internal error: {panic}")),
            place: "a record".into(),
            progress: 0,
        });
        out.write_all(done.outcome.line.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|e| format!("cannot write the output: {e}"))?;
        written += 1;
        if done.outcome.failed {
            failed += 1;
            // Every failure is in the output; the first few are also said here, with where they were.
            if reported < 10 && !args.quiet {
                reported += 1;
                let message = serde_json::from_str::<Value>(&done.outcome.line)
                    .ok()
                    .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_string))
                    .unwrap_or_default();
                bar.suspend(|| eprintln!("lede batch: {}: {message}", done.place));
            }
        }
        bar.inc(done.progress);
        let seconds = started.elapsed().as_secs_f64();
        bar.set_message(format!("{written} records, {:.1}/s", written as f64 / seconds.max(1e-9)));
    }
    out.flush().map_err(|e| format!("cannot write the output: {e}"))?;
    drop(out);
    let skipped = reader.join().map_err(|_| "the reader stopped with a panic".to_string())??;
    bar.finish_and_clear();

    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let mut summary = format!(
            "lede batch: {written} records in {seconds:.1} s ({:.1} records/s, {} worker{}): {} analyzed, {failed} failed",
            written as f64 / seconds.max(1e-9),
            args.jobs,
            if args.jobs == 1 { "" } else { "s" },
            written - failed
        );
        if args.resume {
            summary.push_str(&format!(", {skipped} skipped (already in the output)"));
        }
        if let Some(kb) = peak_memory_kb() {
            summary.push_str(&format!("; peak memory {:.1} MiB", kb as f64 / 1024.0));
        }
        eprintln!("{summary}");
        if failed > reported {
            let more = failed - reported;
            let records = if more == 1 { "record" } else { "records" };
            eprintln!("lede batch: {more} more failed {records}: their error records are in the output");
        }
    }
    Ok(failed)
}

/// Where the records come from.
enum Source {
    Lines(Box<dyn BufRead + Send>),
    Folder { root: PathBuf, files: Vec<PathBuf> },
}

/// The source at `path` (standard input for `None` or "-") and its length for the progress
/// bar: bytes of a file, files of a folder, unknown for a pipe.
fn open_source(path: Option<&Path>) -> Result<(Source, Option<u64>), String> {
    match path {
        None => Ok((Source::Lines(Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))), None)),
        Some(p) if p.as_os_str() == "-" => Ok((Source::Lines(Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))), None)),
        Some(p) if p.is_dir() => {
            let mut files = Vec::new();
            list_files(p, &mut files).map_err(|e| format!("cannot list {}: {e}", p.display()))?;
            files.sort();
            let total = files.len() as u64;
            Ok((Source::Folder { root: p.to_path_buf(), files }, Some(total)))
        }
        Some(p) => {
            let file = File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let total = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            Ok((Source::Lines(Box::new(BufReader::with_capacity(1 << 16, file))), total))
        }
    }
}

/// Every file under `dir` with one of [`EXTENSIONS`], hidden files and folders left out.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            list_files(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads JSON Lines records from `reader`, feeding each to `feed`; a read error stops the batch.
fn read_lines(
    mut reader: Box<dyn BufRead + Send>,
    settings: &Settings,
    feed: &mut dyn FnMut(Item),
    bar: &ProgressBar,
) -> Result<(), String> {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let (read, whole) =
            read_line_capped(&mut reader, &mut line, MAX_RECORD_BYTES).map_err(|e| format!("cannot read the input: {e}"))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let job = if whole { batch::read_record(trim_line_end(&line), settings) } else { Some(batch::too_long(read)) };
        match job {
            Some(job) => feed(Item { job, place: format!("line {number}"), progress: read as u64 }),
            None => bar.inc(read as u64),
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `cap` bytes of it: the bytes
/// the line had, and whether all of them were kept. A line too long is read to its end and
/// dropped, so memory stays bounded whatever the input.
fn read_line_capped(reader: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> std::io::Result<(usize, bool)> {
    let (mut read, mut whole) = (0, true);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((read, whole));
        }
        let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if whole && buf.len() + take <= cap + 2 {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            whole = false;
            buf.clear();
        }
        reader.consume(take);
        read += take;
        if end {
            return Ok((read, whole));
        }
    }
}

/// Feeds a record per file: its id is the path under `root`, with `/` between folders.
fn read_folder(root: &Path, files: Vec<PathBuf>, settings: &Settings, feed: &mut dyn FnMut(Item)) {
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let id = Value::String(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        let place = path.display().to_string();
        let job = read_file(&path, MAX_RECORD_BYTES as u64).map_or_else(
            |message| Job::Failed { id: id.clone(), message },
            |input| match settings.options(None, None) {
                Ok(options) => Job::Analyze { id: id.clone(), input, options },
                Err(message) => Job::Failed { id: id.clone(), message },
            },
        );
        feed(Item { job, place, progress: 1 });
    }
}

/// A file's text (invalid UTF-8 decoded lossily, as `lede analyze` reads it), refused past `cap` bytes.
fn read_file(path: &Path, cap: u64) -> Result<String, String> {
    let file = File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("the file is over {} MiB; files up to {} MiB are read", cap >> 20, cap >> 20));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The ids already in the output at `path` (none if it does not exist yet). A last line cut
/// short (the batch was killed while writing it) is removed, so the output stays JSON Lines.
fn resume_ids(path: &Path) -> Result<HashSet<String>, String> {
    let mut ids = HashSet::new();
    let mut file = match std::fs::OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ids),
        Err(e) => return Err(format!("cannot resume {}: {e}", path.display())),
    };
    let cannot = |e: std::io::Error| format!("cannot resume {}: {e}", path.display());
    let mut reader = BufReader::with_capacity(1 << 16, &mut file);
    let mut line = Vec::new();
    let mut complete = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(cannot)?;
        if n == 0 || !line.ends_with(b"\n") {
            break;
        }
        complete += n as u64;
        if let Some(id) = output_id(trim_line_end(&line)) {
            ids.insert(id_key(&id));
        }
    }
    drop(reader);
    if file.metadata().map_err(cannot)?.len() > complete {
        file.set_len(complete).map_err(cannot)?;
        file.seek(std::io::SeekFrom::End(0)).map_err(cannot)?;
    }
    Ok(ids)
}

/// The id of an output line: read from its start (`{"id":…`, as the batch writes it) without
/// parsing the analysis after it; a line of another shape is parsed whole.
fn output_id(line: &[u8]) -> Option<Value> {
    if let Some(rest) = line.strip_prefix(b"{\"id\":") {
        return serde_json::Deserializer::from_slice(rest).into_iter::<Value>().next()?.ok().filter(|v| !v.is_null());
    }
    serde_json::from_slice::<Value>(line).ok()?.get("id").cloned().filter(|v| !v.is_null())
}

fn progress_bar(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(len) => (ProgressBar::new(len), "{spinner} {elapsed_precise} {wide_bar} {percent:>3}% · {msg} · {eta} left"),
        None => (ProgressBar::no_length(), "{spinner} {elapsed_precise} {msg}"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

/// This process' peak resident memory in kB (Linux's `VmHWM`), where the system says.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capped_line_is_read_to_its_end_and_dropped() {
        let mut input: &[u8] = b"short\nfar too long a line\nnext";
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut input, &mut buf, 10).unwrap(), (6, true));
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(read_line_capped(&mut input, &mut buf, 10).unwrap(), (20, false));
        assert!(buf.is_empty());
        assert_eq!(read_line_capped(&mut input, &mut buf, 10).unwrap(), (4, true));
        assert_eq!(buf, b"next");
        buf.clear();
        assert_eq!(read_line_capped(&mut input, &mut buf, 10).unwrap(), (0, true));
    }

    #[test]
    fn an_output_id_is_read_without_the_analysis() {
        assert_eq!(output_id(br#"{"id":"a/b.txt","analysis":{"text":"x"}}"#), Some(Value::from("a/b.txt")));
        assert_eq!(output_id(br#"{"id":7,"error":"no text"}"#), Some(Value::from(7)));
        assert_eq!(output_id(br#"{"id":null,"error":"not JSON"}"#), None);
        assert_eq!(output_id(br#"{"error":"x","id":"late"}"#), Some(Value::from("late")));
        assert_eq!(output_id(b"{\"id\":\"cut sh"), None);
    }
}
