//! `storewise analyze FILE...`: findings, overhead and the seed table, in four formats.

use anyhow::{Context, Result, bail};

use crate::{
    FINDINGS, OK, USAGE,
    baseline::Baseline,
    cli::{AnalyzeArgs, AnalyzeFormat, FailOn, Global},
    document, files, input,
    sarif::{self, Outcome},
};

pub(crate) fn run(global: &Global, args: &AnalyzeArgs) -> Result<u8> {
    let base = input::catalog(global)?;
    let color = input::color(global, args.out.output.is_some());
    let settings = global.settings.as_ref();
    // Flags win over the configuration.
    let fail_on = args.fail_on.or_else(|| settings.and_then(|c| c.fail_on)).and_then(FailOn::threshold);
    let format = args.format.or_else(|| settings.and_then(|c| c.format)).unwrap_or(AnalyzeFormat::Text);
    let files = files::workload_files(global, &args.files)?;
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let stdin_name = args.stdin_filename.as_deref();
    // SARIF and JSON hold every file, the invalid and unreadable ones too; text and Markdown the reports.
    let mut log = (format == AnalyzeFormat::Sarif).then(|| sarif::Log::new(&files, stdin_name));
    let mut entries = Vec::new();
    let mut code = OK;
    let mut reports = Vec::new();
    for path in &files {
        let file = match input::read_as(path, stdin_name) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("storewise: error: {e:#}");
                code = USAGE;
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Unreadable(format!("{e:#}")));
                } else if format == AnalyzeFormat::Json {
                    let name = path.display().to_string();
                    entries.push(document::file(&name, &document::Outcome::Unreadable(format!("{e:#}"))));
                }
                continue;
            }
        };
        let (mut report, warnings) = match input::report(&file, &base, global) {
            Ok(analysed) => analysed,
            Err(invalid) => {
                code = code.max(FINDINGS);
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Invalid(invalid.diagnostics));
                } else if format == AnalyzeFormat::Json {
                    let parsed = document::Outcome::Parsed { diagnostics: &invalid.diagnostics, report: None };
                    entries.push(document::file(&file.name, &parsed));
                }
                continue;
            }
        };
        if let Some(baseline) = &baseline {
            let known = baseline.hide_known(&mut report);
            if known > 0 {
                let s = if known == 1 { "" } else { "s" };
                input::note(global, &format!("{}: {known} finding{s} in the baseline not shown", file.name));
            }
        }
        if let (Some(threshold), Some(worst)) = (fail_on, report.worst())
            && worst >= threshold
        {
            code = code.max(FINDINGS);
        }
        match &mut log {
            Some(log) => log.push(path, Outcome::Analysed(Box::new(report), warnings)),
            None if format == AnalyzeFormat::Json => {
                let parsed = document::Outcome::Parsed { diagnostics: &warnings, report: Some(&report) };
                entries.push(document::file(&file.name, &parsed));
            }
            None => reports.push((file.name, report)),
        }
    }
    let show = args.show_suppressed;
    let out = match (format, log) {
        (_, Some(log)) => log.render()?,
        (AnalyzeFormat::Json, None) => {
            serde_json::to_string_pretty(&document::files(&entries)).context("cannot encode the report")?
        }
        _ if reports.is_empty() && code == OK => bail!("no workload to analyse"),
        // SARIF always has its log (the first arm)
        (AnalyzeFormat::Text | AnalyzeFormat::Sarif, None) => reports
            .iter()
            .map(|(_, r)| {
                let text = engine::render::text(r, color);
                if show { text + &engine::render::suppressed_text(r, color) } else { text }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (AnalyzeFormat::Markdown, None) => reports
            .iter()
            .map(|(_, r)| {
                let md = engine::render::markdown(r);
                if show { md + &engine::render::suppressed_markdown(r) } else { md }
            })
            .collect::<Vec<_>>()
            .join("\n\n---\n\n"),
    };
    input::emit(global, &args.out, &out)?;
    Ok(code)
}
