//! SW000 invalid workload: the parser's diagnostics, as code scanning sees them. Not in the
//! registry that analyses a workload: its results are the diagnostics of a file that could not be
//! read as a workload (`render::sarif`), never findings of `check`.

use super::{Precision, Rule};
use crate::{context::Context, plan::Plan, report::Finding, severity::Severity};

macro_rules! docs {
    () => {
        r#"Invalid workload: the file cannot be read as a workload, so nothing in it was analysed.

# What it checks

Everything `storewise validate` checks: the YAML syntax and encoding, the size and nesting
limits, the `version`, every field's name, type, value and unit, the catalog ids (store types,
access patterns, remedies), unique ids, references between stores and workloads, flow cycles,
the sources of truth and the catalog overrides. Each problem is one result at its line and
column, with the field path and, when one is near, the valid name to write instead; its `kind`
(`unknown_field`, `bad_unit`, `dangling_reference`, …) is in the result's properties. Errors
stop the analysis; warnings (a file that is read but probably not what was meant) do not.

Level: `error` for an error (it hides every finding the file would give), `warning` for a
warning.

# Why

A workload with an error gives no report: a pull request that breaks the file would otherwise
turn every alert into "fixed" and show nothing wrong. Reporting each problem where it is, like a
compiler, keeps the file reviewable and the alerts honest.

# Example

```yaml
version: 1
name: Shop
stores:
  - id: main-db
    typ: postgres          # unknown field `typ`: did you mean `type`?
    role: source_of_truth
```

# Instead

Fix what each result says (its message names the nearest valid field or id), and run
`storewise validate FILE` to see every problem with its source line before pushing.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct InvalidWorkload;

impl Rule for InvalidWorkload {
    fn code(&self) -> &'static str {
        "SW000"
    }
    fn name(&self) -> &'static str {
        "invalid-workload"
    }
    fn summary(&self) -> &'static str {
        "The file cannot be read as a workload: each diagnostic where it is, with the fix."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn precision(&self) -> Precision {
        Precision::VeryHigh
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    /// Nothing: the parser finds these, before there is a workload to check.
    fn check(&self, _cx: &Context<'_>, _plan: &Plan, _out: &mut Vec<Finding>) {}
}
