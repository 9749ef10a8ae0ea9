//! `storewise chart FILE --kind KIND [--width PX] [--scheme light|dark] [-o OUT.svg]`: one chart of a
//! workload's report, as SVG.

use anyhow::Result;

use crate::{
    FINDINGS, OK,
    cli::{ChartArgs, Global},
    input, output,
};

pub(crate) fn run(global: &Global, args: &ChartArgs) -> Result<u8> {
    let base = input::catalog(global)?;
    let file = input::read(&args.file)?;
    let parsed = workload::parse_bytes(&file.bytes, &base);
    let Some(w) = &parsed.workload else {
        let source = String::from_utf8_lossy(&file.bytes);
        for d in &parsed.diagnostics {
            eprint!("{}", d.render(&file.name, &source, input::stderr_color(global)));
            eprintln!();
        }
        eprintln!("invalid: {} (run `storewise validate` for details)", file.name);
        return Ok(FINDINGS);
    };
    let report = engine::analyze(w, parsed.catalog_or(&base));
    let frame = charts::Frame { width: args.width.map(f64::from), scheme: args.scheme.into() };
    let svg = charts::render_in(args.kind.into(), &report, &charts::Budgets::from_workload(w), &frame);
    match &args.out.output {
        Some(path) => output::write(path, svg.as_bytes())?,
        None if global.quiet => {}
        None => output::stdout(svg.as_bytes())?,
    }
    Ok(OK)
}
