//! A rule's page, `docs/rules/<CODE>.md` (SARIF's `helpUri`) and `/rules/<code>` on the server:
//! its code, name, severity and precision, then its docs with their headings one level down.

use std::fmt::Write as _;

use crate::rules::Rule;

/// The Markdown page of a rule, generated from [`Rule::docs`] (the one text): a title, a line of
/// its levels, then the docs, each heading outside code blocks one level deeper.
pub fn rule_page(rule: &dyn Rule) -> String {
    let mut page = format!("# {} {}\n\n", rule.code(), rule.name());
    let _ = writeln!(
        page,
        "Severity: {} (code scanning: {}; precision: {}).\n",
        rule.severity(),
        rule.severity().problem_severity(),
        rule.precision().as_str()
    );
    page.push_str(
        "<!-- Generated from the rule's docs in engine/src/rules/ by \
         `STOREWISE_WRITE_DOCS=1 cargo test -p storewise-engine --test rules_docs`: edit them there. -->\n\n",
    );
    let mut in_code = false;
    for line in rule.docs().lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            page.push('#');
        }
        page.push_str(line);
        page.push('\n');
    }
    while page.ends_with("\n\n") {
        page.pop();
    }
    page
}
