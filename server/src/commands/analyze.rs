//! `storewise analyze FILE...`: findings, overhead and the seed table, in four formats.

use anyhow::{Context, Result, bail};

use crate::{
    FINDINGS, OK, USAGE,
    baseline::Baseline,
    cli::{AnalyzeArgs, AnalyzeFormat, Global},
    input,
    sarif::{self, Outcome},
};

pub(crate) fn run(global: &Global, args: &AnalyzeArgs) -> Result<u8> {
    let base = input::catalog(global)?;
    let color = input::color(global);
    let settings = global.settings.as_ref();
    // Flags win over the configuration.
    let fail_on: Option<engine::Severity> = match args.fail_on.as_deref() {
        Some(name) => name.parse().ok(),
        None => settings.and_then(|c| c.fail_on),
    };
    let format = args.format.or_else(|| settings.and_then(|c| c.format)).unwrap_or(AnalyzeFormat::Text);
    let files = match (&args.files, settings) {
        (given, _) if !given.is_empty() => given.as_slice(),
        (_, Some(c)) if !c.files.is_empty() => c.files.as_slice(),
        (_, Some(c)) => bail!("no workload file given, and {} lists no `files`", c.path.display()),
        (_, None) => bail!("no workload file given: name one, or list them as `files` in storewise.toml"),
    };
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let stdin_name = args.stdin_filename.as_deref();
    // SARIF holds every file, the invalid and unreadable ones too; the other formats the reports.
    let mut log = (format == AnalyzeFormat::Sarif).then(|| sarif::Log::new(files, stdin_name));
    let mut code = OK;
    let mut reports = Vec::new();
    for path in files {
        let file = match input::read_as(path, stdin_name) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("storewise: error: {e:#}");
                code = USAGE;
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Unreadable(format!("{e:#}")));
                }
                continue;
            }
        };
        let mut report = match input::report(&file, &base, input::suppressions(global), color) {
            Ok(report) => report,
            Err(invalid) => {
                code = code.max(FINDINGS);
                if let Some(log) = &mut log {
                    log.push(path, Outcome::Invalid(invalid.diagnostics));
                }
                continue;
            }
        };
        if let Some(baseline) = &baseline {
            let known = baseline.hide_known(&mut report);
            if known > 0 {
                eprintln!(
                    "storewise: {}: {known} finding{} in the baseline not shown",
                    file.name,
                    if known == 1 { "" } else { "s" }
                );
            }
        }
        if let (Some(threshold), Some(worst)) = (fail_on, report.worst())
            && worst >= threshold
        {
            code = code.max(FINDINGS);
        }
        match &mut log {
            Some(log) => log.push(path, Outcome::Analysed(Box::new(report))),
            None => reports.push((file.name, report)),
        }
    }
    let show = args.show_suppressed;
    let out = match (format, log) {
        (_, Some(log)) => log.render()?,
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
        (AnalyzeFormat::Json, None) => {
            let values: Vec<&engine::Report> = reports.iter().map(|(_, r)| r).collect();
            if let [one] = values.as_slice() {
                serde_json::to_string_pretty(one)
            } else {
                serde_json::to_string_pretty(&values)
            }
            .context("cannot encode the report")?
        }
    };
    input::print(&out)?;
    Ok(code)
}
