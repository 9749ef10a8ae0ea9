//! `storewise validate FILE...`: every problem in every file, with snippets and suggestions.

use anyhow::Result;
use serde_json::json;

use crate::{
    FINDINGS, OK, USAGE,
    cli::{Global, ValidateArgs, ValidateFormat},
    input,
};

pub(crate) fn run(global: &Global, args: &ValidateArgs) -> Result<u8> {
    let catalog = input::catalog(global)?;
    let color = input::color(global);
    let mut code = OK;
    let mut json_out = Vec::new();
    let mut text = String::new();
    for path in &args.files {
        let file = match input::read(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("storewise: error: {e:#}");
                code = USAGE;
                continue;
            }
        };
        let parsed = workload::parse_bytes(&file.bytes, &catalog);
        if !parsed.is_valid() {
            code = code.max(FINDINGS);
        }
        match args.format {
            ValidateFormat::Json => json_out.push(json!({
                "file": file.name,
                "valid": parsed.is_valid(),
                "diagnostics": parsed.diagnostics,
            })),
            ValidateFormat::Text => {
                let source = String::from_utf8_lossy(&file.bytes);
                for d in &parsed.diagnostics {
                    text.push_str(&d.render(&file.name, &source, color));
                    text.push('\n');
                }
                match &parsed.workload {
                    Some(w) => text.push_str(&format!(
                        "ok: {} ({} stores, {} workloads, {} proposals)\n",
                        file.name,
                        w.stores.len(),
                        w.workloads.len(),
                        w.proposals.len()
                    )),
                    None => {
                        let errors = parsed.errors().count();
                        text.push_str(&format!(
                            "invalid: {} ({errors} error{})\n",
                            file.name,
                            if errors == 1 { "" } else { "s" }
                        ));
                    }
                }
            }
        }
    }
    if args.format == ValidateFormat::Json {
        input::print(&serde_json::to_string_pretty(&json_out)?)?;
    } else {
        input::print(text.trim_end())?;
    }
    Ok(code)
}
