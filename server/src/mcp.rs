//! `storewise mcp`: a Model Context Protocol server (rmcp) with the tools `validate`, `analyze`,
//! `diff`, `catalog` and `explain`.
//!
//! Each tool is a plain function of the catalog and its arguments (unit-tested here), wrapped
//! for rmcp's router. Results carry the same JSON the CLI's `--format json` writes as structured
//! content, with a short summary and that JSON as text. A workload that does not parse, an
//! unknown store, pattern or rule is a tool error (`isError: true`) saying what is wrong and
//! where, never a protocol error: the assistant sees it and can mend its input.

use std::sync::Arc;

use catalog::Catalog;
use rmcp::{
    ErrorData, ServerHandler,
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, ContentBlock},
    tool, tool_handler, tool_router,
};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{
    commands::{catalog as catalog_cmd, validate},
    input,
};

/// The name a workload is shown under when the call gives none.
const DEFAULT_FILENAME: &str = "workload.yaml";

/// `validate` and `analyze`: one workload file's text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub(crate) struct WorkloadArgs {
    /// The workload file's text: YAML, format version 1 or 2 (`storewise schema` prints its schema).
    pub(crate) workload: String,
    /// The file's name, shown in diagnostics (default `workload.yaml`).
    #[serde(default)]
    pub(crate) filename: Option<String>,
}

impl WorkloadArgs {
    fn name(&self) -> &str {
        self.filename.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(DEFAULT_FILENAME)
    }
}

/// `diff`: two versions of one workload file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub(crate) struct DiffArgs {
    /// The old version's text (YAML).
    pub(crate) old: String,
    /// The new version's text (YAML).
    pub(crate) new: String,
}

/// `catalog`: one store type or one access pattern, or neither for the list of ids.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub(crate) struct CatalogArgs {
    /// A store type id or alias (`postgresql`, `es`): that store in full, with its sources.
    #[serde(default)]
    pub(crate) store: Option<String>,
    /// An access pattern id (`oltp_transaction`): the pattern and every store's fit for it.
    #[serde(default)]
    pub(crate) pattern: Option<String>,
}

/// `explain`: one rule.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub(crate) struct ExplainArgs {
    /// A rule's code (`SW001`) or name (`dual-write`), as findings carry them.
    pub(crate) code: String,
}

/// A result whose structured content is `value`; its text is `summary`, then `value` as JSON (for
/// clients that read only text).
fn result(value: Value, summary: String, is_error: bool) -> CallToolResult {
    let mut out = if is_error { CallToolResult::structured_error(value) } else { CallToolResult::structured(value) };
    out.content.insert(0, ContentBlock::text(summary));
    out
}

/// A tool error: `message`, and the nearest valid name when there is one.
fn not_found(message: &str, suggestion: Option<&str>) -> CallToolResult {
    let text = match suggestion {
        Some(s) => format!("{message} (did you mean `{s}`?)"),
        None => message.to_string(),
    };
    result(json!({ "error": message, "suggestion": suggestion }), text, true)
}

fn internal(e: &impl std::fmt::Display) -> ErrorData {
    ErrorData::internal_error(format!("storewise: {e}"), None)
}

/// `value` as JSON (a failure is a bug, so a protocol error).
fn encode<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, ErrorData> {
    serde_json::to_value(value).map_err(|e| internal(&e))
}

/// `validate`: every located diagnostic (`storewise validate --format json`'s object); an invalid
/// file is a tool error.
pub(crate) fn validate(catalog: &Catalog, args: &WorkloadArgs) -> CallToolResult {
    let parsed = workload::parse_bytes(args.workload.as_bytes(), catalog);
    let text = validate::as_text(args.name(), &args.workload, &parsed, false);
    result(validate::as_json(args.name(), &parsed), text.trim_end().to_string(), !parsed.is_valid())
}

/// `analyze`: the report (`storewise analyze --format json`'s JSON: the findings with their
/// figures and sources, the overhead, the seed table) and a short summary; an invalid file is a
/// tool error carrying its located diagnostics.
pub(crate) fn analyze(catalog: &Catalog, args: &WorkloadArgs) -> Result<CallToolResult, ErrorData> {
    match input::analyse(args.workload.as_bytes(), catalog) {
        Ok(report) => {
            let value = encode(&report)?;
            Ok(result(value, summary(&report), false))
        }
        Err(parsed) => {
            let text = validate::as_text(args.name(), &args.workload, &parsed, false);
            Ok(result(validate::as_json(args.name(), &parsed), text.trim_end().to_string(), true))
        }
    }
}

/// The findings, most severe first, and the overhead now and with the recommendations.
fn summary(report: &engine::Report) -> String {
    use std::fmt::Write as _;
    let s = &report.summary;
    let mut out = format!(
        "{}: {} finding{} ({} critical, {} high, {} medium, {} low, {} info)\n",
        workload::printable(&report.name),
        s.findings,
        if s.findings == 1 { "" } else { "s" },
        s.critical,
        s.high,
        s.medium,
        s.low,
        s.info
    );
    for f in &report.findings {
        let _ = writeln!(out, "- {} {}: {}", f.code, f.severity, workload::printable(&f.title));
    }
    let (now, then) = (&report.overhead.current, &report.overhead.recommended);
    let _ = write!(
        out,
        "Overhead: {:.1} h/month and ${:.0}/month now; {:.1} h/month and ${:.0}/month with the recommendations. \
         The structured content is the full report (figures, sources, options, changes).",
        now.hours_per_month, now.usd_per_month, then.hours_per_month, then.usd_per_month
    );
    out
}

/// `diff`: what the change from `old` to `new` changes (`storewise diff --format json`'s JSON);
/// either file invalid is a tool error carrying both files' diagnostics.
pub(crate) fn diff(catalog: &Catalog, args: &DiffArgs) -> Result<CallToolResult, ErrorData> {
    match (input::analyse(args.old.as_bytes(), catalog), input::analyse(args.new.as_bytes(), catalog)) {
        (Ok(old), Ok(new)) => {
            let diff = engine::diff(&old, &new);
            let value = encode(&diff)?;
            Ok(result(value, engine::render::diff_text(&diff, false).trim_end().to_string(), false))
        }
        (old, new) => {
            let mut files = Vec::new();
            let mut text = String::new();
            for (name, source, outcome) in [("old.yaml", &args.old, old), ("new.yaml", &args.new, new)] {
                let parsed = match outcome {
                    Ok(_) => workload::parse_bytes(source.as_bytes(), catalog),
                    Err(parsed) => *parsed,
                };
                files.push(validate::as_json(name, &parsed));
                if !parsed.is_valid() {
                    text.push_str(&validate::as_text(name, source, &parsed, false));
                }
            }
            Ok(result(json!({ "files": files }), text.trim_end().to_string(), true))
        }
    }
}

/// `catalog`: one store type in full (`storewise catalog ID --format json`), one access pattern
/// with every store's fit for it, or the ids of both when neither is named.
pub(crate) fn catalog(catalog: &Catalog, args: &CatalogArgs) -> Result<CallToolResult, ErrorData> {
    match (args.store.as_deref(), args.pattern.as_deref()) {
        (Some(_), Some(_)) => Ok(result(
            json!({ "error": "give `store` or `pattern`, not both" }),
            "give `store` or `pattern`, not both".into(),
            true,
        )),
        (Some(id), None) => match catalog.store(id) {
            Some(store) => Ok(result(encode(store)?, catalog_cmd::show(catalog, store), false)),
            None => Ok(not_found(
                &format!("unknown store type `{id}`; call `catalog` with no arguments for the list"),
                catalog.suggest_store(id),
            )),
        },
        (None, Some(id)) => {
            let Some(pattern) = catalog.pattern(id.trim()) else {
                return Ok(not_found(
                    &format!("unknown access pattern `{id}`; call `catalog` with no arguments for the list"),
                    catalog.suggest_pattern(id),
                ));
            };
            let mut stores = Vec::new();
            let mut text = format!("{} ({}): {}\nfit per store:\n", pattern.name, pattern.id, pattern.description);
            for s in &catalog.stores {
                if let Some(fit) = s.fit(&pattern.id) {
                    stores.push(json!({ "store": s.id, "name": s.name, "fit": encode(fit)? }));
                    text.push_str(&format!("  {:<16} {}\n", s.id, fit.grade.as_str()));
                }
            }
            let value = json!({ "pattern": encode(pattern)?, "stores": stores });
            Ok(result(value, text.trim_end().to_string(), false))
        }
        (None, None) => {
            let stores: Vec<Value> =
                catalog.stores.iter().map(|s| json!({ "id": s.id, "name": s.name, "aliases": s.aliases })).collect();
            let patterns: Vec<Value> = catalog.patterns.iter().map(|p| json!({ "id": p.id, "name": p.name })).collect();
            let value = json!({ "version": catalog.version, "stores": stores, "patterns": patterns });
            Ok(result(value, catalog_cmd::list(catalog), false))
        }
    }
}

/// `explain`: a rule's documentation (what it checks, why, an example, what to do instead).
pub(crate) fn explain(args: &ExplainArgs) -> CallToolResult {
    let wanted = args.code.trim();
    // every described rule: SW000 (an invalid workload's diagnostics) too, as SARIF describes it
    let found = engine::rules::described()
        .find(|r| r.code().eq_ignore_ascii_case(wanted) || r.name().eq_ignore_ascii_case(wanted));
    let Some(rule) = found else {
        let names = engine::rules::described().flat_map(|r| [r.code(), r.name()]);
        let suggestion = catalog::suggest::nearest(wanted, names)
            .map(|hit| engine::rules::described().find(|r| r.name() == hit).map_or(hit, |r| r.code()));
        let codes: Vec<&str> = engine::rules::described().map(engine::Rule::code).collect();
        return not_found(&format!("unknown rule `{wanted}`; the rules are {}", codes.join(", ")), suggestion);
    };
    let text = format!("{} {} (at most {})\n\n{}", rule.code(), rule.name(), rule.severity(), rule.docs().trim_end());
    let value = json!({
        "code": rule.code(),
        "name": rule.name(),
        "summary": rule.summary(),
        "severity": rule.severity(),
        "docs": rule.docs(),
    });
    result(value, text, false)
}

/// The MCP server: the catalog every tool reads (with `--catalog` overrides) and the tool router.
#[derive(Clone)]
pub(crate) struct Storewise {
    catalog: Arc<Catalog>,
    tool_router: ToolRouter<Self>,
}

/// Runs `work` on a blocking thread (a large workload takes a few hundred ms to analyse).
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ErrorData> {
    tokio::task::spawn_blocking(work).await.map_err(|e| internal(&e))
}

#[tool_router]
impl Storewise {
    pub(crate) fn new(catalog: Catalog) -> Self {
        Self { catalog: Arc::new(catalog), tool_router: Self::tool_router() }
    }

    #[tool(
        description = "Check a storewise workload file (YAML): every problem with its line, column, field path and \
                       a suggestion. An invalid file is a tool error listing them.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn validate(&self, params: Parameters<WorkloadArgs>) -> Result<CallToolResult, ErrorData> {
        let catalog = self.catalog.clone();
        blocking(move || validate(&catalog, &params.0)).await
    }

    #[tool(
        description = "Analyse a storewise workload file (YAML): the findings (most severe first, each with its \
                       figures, sources, recommendation and expected effect), the operational overhead now and with \
                       the recommendations, and the seed table; the JSON `storewise analyze --format json` writes. \
                       An invalid file is a tool error with its located diagnostics.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn analyze(&self, params: Parameters<WorkloadArgs>) -> Result<CallToolResult, ErrorData> {
        let catalog = self.catalog.clone();
        blocking(move || analyze(&catalog, &params.0)).await?
    }

    #[tool(
        description = "Compare two versions of a workload file: findings new, resolved and changed in severity, \
                       stores and flows added and removed, overhead per store and category, the seed table.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn diff(&self, params: Parameters<DiffArgs>) -> Result<CallToolResult, ErrorData> {
        let catalog = self.catalog.clone();
        blocking(move || diff(&catalog, &params.0)).await?
    }

    #[tool(
        description = "The storewise catalog: one store type in full (fit per access pattern, remedies, operational \
                       hours, price, each figure with its sources), or one access pattern with every store's fit for \
                       it, or with no arguments the ids of every store type and access pattern.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn catalog(&self, params: Parameters<CatalogArgs>) -> Result<CallToolResult, ErrorData> {
        catalog(&self.catalog, &params.0)
    }

    #[tool(
        description = "Explain a storewise rule by its code (SW001) or name: what it checks, why, an example, and \
                       what to do instead.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn explain(&self, params: Parameters<ExplainArgs>) -> Result<CallToolResult, ErrorData> {
        Ok(explain(&params.0))
    }
}

#[tool_handler(
    router = self.tool_router,
    name = "storewise",
    instructions = "storewise decides which data stores a system should run, with numbers and reasons. Write the \
                    system as a workload file (YAML: stores, flows, workloads with measured and target figures), \
                    `validate` it, `analyze` it, `diff` two versions, look stores and patterns up in `catalog`, and \
                    `explain` a finding's rule."
)]
impl ServerHandler for Storewise {}

/// Serves MCP on standard input and output until the client closes them. Logs go to standard
/// error: standard output carries only protocol messages.
pub(crate) async fn serve_stdio(catalog: Catalog) -> anyhow::Result<()> {
    use anyhow::Context as _;
    use rmcp::ServiceExt as _;
    let service = Storewise::new(catalog)
        .serve(rmcp::transport::stdio())
        .await
        .context("the MCP client did not initialize the session")?;
    match service.waiting().await.context("the MCP session failed")? {
        rmcp::service::QuitReason::JoinError(e) => Err(anyhow::anyhow!("the MCP session failed: {e}")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;

    fn cat() -> Catalog {
        Catalog::embedded().unwrap().clone()
    }

    fn s2() -> WorkloadArgs {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/s2-dual-write.yaml"));
        WorkloadArgs { workload: text.unwrap(), filename: Some("s2.yaml".into()) }
    }

    const INVALID: &str = "version: 1\nname: x\nstores:\n  - id: db\n    type: postgress\n    role: source_of_truth\n";

    fn text(r: &CallToolResult, i: usize) -> &str {
        &r.content[i].as_text().unwrap().text
    }

    #[test]
    fn issue_15_analyze_gives_the_report_json_with_sw001_first() {
        let r = analyze(&cat(), &s2()).unwrap();
        assert_eq!(r.is_error, Some(false));
        let v = r.structured_content.as_ref().unwrap();
        assert_eq!(v["findings"][0]["code"], "SW001");
        assert!(v["findings"][0]["sources"].as_array().is_some_and(|s| !s.is_empty()));
        assert!(v["overhead"]["current"]["hours_per_month"].is_number());
        // The same JSON `storewise analyze --format json` writes.
        let report = input::analyse(s2().workload.as_bytes(), &cat()).unwrap();
        assert_eq!(*v, serde_json::to_value(&report).unwrap());
        assert!(text(&r, 0).contains("- SW001 critical"), "{}", text(&r, 0));
        assert_eq!(serde_json::from_str::<Value>(text(&r, 1)).unwrap(), *v);
    }

    #[test]
    fn issue_15_an_invalid_workload_is_a_tool_error_with_located_diagnostics() {
        let args = WorkloadArgs { workload: INVALID.into(), filename: Some("bad.yaml".into()) };
        for r in [validate(&cat(), &args), analyze(&cat(), &args).unwrap()] {
            assert_eq!(r.is_error, Some(true));
            let v = r.structured_content.as_ref().unwrap();
            assert_eq!(v["path"], "bad.yaml");
            assert_eq!(v["valid"], false);
            let d = &v["diagnostics"][0];
            assert_eq!(d["path"], "stores[0].type");
            assert_eq!(d["span"]["line"], 5);
            assert_eq!(d["suggestion"], "did you mean `postgresql`?");
            assert!(text(&r, 0).contains("bad.yaml:5:"), "{}", text(&r, 0));
        }
        let ok = validate(&cat(), &s2());
        assert_eq!(ok.is_error, Some(false));
        assert!(text(&ok, 0).starts_with("ok: s2.yaml"), "{}", text(&ok, 0));
    }

    #[test]
    fn issue_15_diff_of_a_file_with_itself_is_empty_and_an_invalid_side_is_named() {
        let s2 = s2().workload;
        let r = diff(&cat(), &DiffArgs { old: s2.clone(), new: s2.clone() }).unwrap();
        assert_eq!(r.is_error, Some(false));
        let v = r.structured_content.as_ref().unwrap();
        assert!(v.is_object());
        let r = diff(&cat(), &DiffArgs { old: s2, new: INVALID.into() }).unwrap();
        assert_eq!(r.is_error, Some(true));
        let v = r.structured_content.as_ref().unwrap();
        assert_eq!(v["files"][0]["valid"], true);
        assert_eq!(v["files"][1]["path"], "new.yaml");
        assert_eq!(v["files"][1]["valid"], false);
        assert!(text(&r, 0).contains("new.yaml:5:11"), "{}", text(&r, 0));
        assert!(!text(&r, 0).contains("old.yaml"), "{}", text(&r, 0));
    }

    #[test]
    fn issue_15_catalog_shows_a_store_a_pattern_or_the_ids_and_suggests_names() {
        let c = cat();
        let r = catalog(&c, &CatalogArgs { store: Some("pg".into()), pattern: None }).unwrap();
        let v = r.structured_content.as_ref().unwrap();
        assert_eq!(r.is_error, Some(false), "{}", text(&r, 0));
        assert_eq!(v["id"], "postgresql");
        assert!(v["sources"].as_array().is_some_and(|s| !s.is_empty()));
        let r = catalog(&c, &CatalogArgs { store: None, pattern: Some("oltp_transaction".into()) }).unwrap();
        let v = r.structured_content.as_ref().unwrap();
        assert_eq!(v["pattern"]["id"], "oltp_transaction");
        assert!(v["stores"].as_array().is_some_and(|s| s.iter().any(|s| s["store"] == "postgresql")));
        let r = catalog(&c, &CatalogArgs::default()).unwrap();
        let v = r.structured_content.as_ref().unwrap();
        assert_eq!(v["stores"].as_array().unwrap().len(), c.stores.len());
        let r = catalog(&c, &CatalogArgs { store: Some("postgress".into()), pattern: None }).unwrap();
        assert_eq!(r.is_error, Some(true));
        assert_eq!(r.structured_content.as_ref().unwrap()["suggestion"], "postgresql");
        let both = CatalogArgs { store: Some("redis".into()), pattern: Some("cache_ttl".into()) };
        assert_eq!(catalog(&c, &both).unwrap().is_error, Some(true));
    }

    #[test]
    fn issue_15_explain_gives_a_rules_docs_by_code_or_name_and_suggests_one() {
        for code in ["SW001", "sw001", "dual-write"] {
            let r = explain(&ExplainArgs { code: code.into() });
            assert_eq!(r.is_error, Some(false));
            let v = r.structured_content.as_ref().unwrap();
            assert_eq!(v["code"], "SW001");
            assert!(v["docs"].as_str().unwrap().contains("# Instead"));
        }
        let r = explain(&ExplainArgs { code: "dual-writes".into() });
        assert_eq!(r.is_error, Some(true));
        assert_eq!(r.structured_content.as_ref().unwrap()["suggestion"], "SW001");
        // issue 13: SW000, the code of an invalid workload's diagnostics in SARIF, is explained too
        let r = explain(&ExplainArgs { code: "SW000".into() });
        assert_eq!(r.is_error, Some(false));
        assert_eq!(r.structured_content.as_ref().unwrap()["name"], "invalid-workload");
    }

    #[test]
    fn issue_15_every_tool_is_listed_with_an_input_schema() {
        let tools = Storewise::new(cat()).tool_router.list_all();
        let mut names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
        names.sort_unstable();
        assert_eq!(names, ["analyze", "catalog", "diff", "explain", "validate"]);
        for t in &tools {
            assert_eq!(t.input_schema.get("type").and_then(Value::as_str), Some("object"), "{}", t.name);
            assert!(t.input_schema.contains_key("properties"), "{}", t.name);
        }
        let analyze = tools.iter().find(|t| t.name == "analyze").unwrap();
        let required = analyze.input_schema.get("required").unwrap();
        assert_eq!(*required, json!(["workload"]));
    }
}
