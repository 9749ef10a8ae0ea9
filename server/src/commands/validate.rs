//! `storewise validate FILE...`: every problem in every file, with snippets and suggestions (or
//! as JSON, or as SARIF results).

use anyhow::Result;
use workload::Parsed;

use crate::{
    FINDINGS, OK, USAGE,
    cli::{Global, ValidateArgs, ValidateFormat},
    document, files, input,
    sarif::{self, Outcome},
};

pub(crate) fn run(global: &Global, args: &ValidateArgs) -> Result<u8> {
    let catalog = input::catalog(global)?;
    let color = input::color(global, args.out.output.is_some());
    let stdin_name = args.stdin_filename.as_deref();
    let files = files::workload_files(global, &args.files)?;
    let mut log = (args.format == ValidateFormat::Sarif).then(|| sarif::Log::new(&files, stdin_name));
    let mut code = OK;
    let mut json_out = Vec::new();
    let mut text = String::new();
    for path in &files {
        let file = match input::read_as(path, stdin_name) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("storewise: error: {e:#}");
                code = USAGE;
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Unreadable(format!("{e:#}")));
                } else if args.format == ValidateFormat::Json {
                    let name = path.display().to_string();
                    json_out.push(document::file(&name, &document::Outcome::Unreadable(format!("{e:#}"))));
                }
                continue;
            }
        };
        let parsed = workload::parse_bytes(&file.bytes, &catalog);
        if !parsed.is_valid() {
            code = code.max(FINDINGS);
        }
        match args.format {
            ValidateFormat::Json => json_out.push(as_json(&file.name, &parsed)),
            ValidateFormat::Text => {
                text.push_str(&as_text(&file.name, &String::from_utf8_lossy(&file.bytes), &parsed, color));
            }
            ValidateFormat::Sarif => {
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Validated(parsed.diagnostics));
                }
            }
        }
    }
    let out = match (args.format, log) {
        (_, Some(log)) => log.render()?,
        (ValidateFormat::Json, None) => serde_json::to_string_pretty(&document::files(&json_out))?,
        // SARIF always has its log (the first arm)
        (ValidateFormat::Text | ValidateFormat::Sarif, None) => text.trim_end().to_string(),
    };
    input::emit(global, &args.out, &out)?;
    Ok(code)
}

/// One file's outcome as `--format json` writes it (see [`document::file`]).
pub(crate) fn as_json(name: &str, parsed: &Parsed) -> serde_json::Value {
    document::file(name, &document::Outcome::Parsed { diagnostics: &parsed.diagnostics, report: None })
}

/// One file's outcome as text: each diagnostic with its source line and caret, then `ok: …` or
/// `invalid: … (N errors)`.
pub(crate) fn as_text(name: &str, source: &str, parsed: &Parsed, color: bool) -> String {
    let mut text = String::new();
    for d in &parsed.diagnostics {
        text.push_str(&d.render(name, source, color));
        text.push('\n');
    }
    match &parsed.workload {
        Some(w) => text.push_str(&format!(
            "ok: {name} ({} stores, {} workloads, {} proposals)\n",
            w.stores.len(),
            w.workloads.len(),
            w.proposals.len()
        )),
        None => {
            let errors = parsed.errors().count();
            text.push_str(&format!("invalid: {name} ({errors} error{})\n", if errors == 1 { "" } else { "s" }));
        }
    }
    text
}
