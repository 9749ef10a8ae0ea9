//! The seed scenarios S1–S7 (the files in `examples/`): specific outcomes, plus a JSON snapshot
//! of each report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use engine::{
    Change, Choice, Decision, Estimate, Finding, Fix, ProposalVerdict, Reason, Report, Severity, Trigger, Verdict,
};
use workload::Via;

const S1: &str = include_str!("../../examples/s1-logistics.yaml");
const S2: &str = include_str!("../../examples/s2-dual-write.yaml");
const S3: &str = include_str!("../../examples/s3-analytics-bottleneck.yaml");
const S4: &str = include_str!("../../examples/s4-unjustified-proposal.yaml");
const S5: &str = include_str!("../../examples/s5-underused-clickhouse.yaml");
const S6: &str = include_str!("../../examples/s6-ecommerce.yaml");
const S7: &str = include_str!("../../examples/s7-outbox.yaml");

fn analyze(text: &str) -> Report {
    let catalog = catalog::Catalog::embedded().expect("the embedded catalog parses");
    let parsed = workload::parse(text, catalog);
    let workload = parsed.workload.as_ref().unwrap_or_else(|| panic!("invalid example: {:#?}", parsed.diagnostics));
    let mut report = engine::analyze(workload, parsed.catalog_or(catalog));
    report.speak(parsed.catalog_or(catalog));
    report
}

/// Analyses an example and snapshots its JSON report (the catalog version is masked: it changes
/// with every catalog edit, and the figures themselves already show in the snapshot).
fn check(name: &str, text: &str) -> Report {
    let report = analyze(text);
    let mut shown = report.clone();
    shown.versions.catalog = "[catalog]".to_string();
    insta::assert_json_snapshot!(name, shown);
    report
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

fn with_code<'r>(report: &'r Report, code: &str) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.code == code).collect()
}

fn has_label(f: &Finding, needle: &str) -> bool {
    f.evidence.iter().any(|e| e.label.contains(needle))
}

#[test]
fn s1_logistics_overhead_is_about_eight_times_one_postgresql() {
    let r = check("s1_logistics", S1);
    let x = r.overhead.current.x_single;
    assert!((6.0..=10.0).contains(&x), "x_single = {x}");
    let t = &r.table.current;
    assert_eq!((t.deployment_configs, t.monitoring_dashboards, t.backup_procedures), (4, 4, 4));
    assert_eq!(t.consistency_issues_per_month, Estimate { lo: 2.0, hi: 5.0 });
    assert_eq!(t.diagnosis_hours, Some(Estimate { lo: 2.0, hi: 8.0 }));
    assert_eq!(t.onboarding_weeks, 3.0);
    let s = &r.table.single;
    assert_eq!((s.deployment_configs, s.monitoring_dashboards, s.backup_procedures), (1, 1, 1));
    assert_eq!(s.consistency_issues_per_month, Estimate { lo: 0.0, hi: 0.0 });
    assert_eq!(s.diagnosis_hours, None);
    assert_eq!(s.onboarding_weeks, 1.0);
    assert_eq!(r.table.single_label, "PostgreSQL");
    // The seed's architecture is the correct one: nothing worse than info, nothing to change.
    assert!(r.worst() <= Some(Severity::Info), "{:?}", codes(&r));
    assert_eq!(r.overhead.recommended.hours_per_month, r.overhead.current.hours_per_month);
    // Superlinear: interactions are a large share, and the baseline is PostgreSQL alone.
    assert!(r.overhead.current.interaction_hours_per_month > 30.0);
    assert!((10.0..=13.0).contains(&r.overhead.current.single_hours_per_month));
}

#[test]
fn s2_dual_write_is_the_first_and_critical_finding() {
    let r = check("s2_dual_write", S2);
    let dual = with_code(&r, "SW001");
    assert_eq!(dual.len(), 2, "{:?}", codes(&r));
    assert_eq!((r.findings[0].code, r.findings[0].severity), ("SW001", Severity::Critical));
    for f in &dual {
        assert_eq!(f.severity, Severity::Critical);
        assert!(matches!(f.decision, Decision::DualWrite { fix: Fix::Cdc, .. }), "{:?}", f.decision);
        assert!(f.location.is_some());
        // Every fix weighed: folding the store, CDC, an outbox.
        let kinds: Vec<&Choice> = f.options.iter().map(|o| &o.choice).collect();
        assert!(kinds.iter().any(|c| matches!(c, Choice::Fold { .. })), "{kinds:?}");
        assert!(kinds.iter().any(|c| matches!(c, Choice::Flow { via: Via::Outbox })), "{kinds:?}");
    }
    // Kafka is fed by CDC from main-db; the cache from Kafka, not by a second connector.
    let flows: Vec<(&str, &str, Via)> = dual
        .iter()
        .flat_map(|f| &f.changes)
        .filter_map(|c| match c {
            Change::ChangeFlow { store, from, via, was: Via::DualWrite, .. } => {
                Some((store.as_str(), from.as_str(), *via))
            }
            _ => None,
        })
        .collect();
    assert!(flows.contains(&("package-events", "main-db", Via::Cdc)), "{flows:?}");
    assert!(flows.contains(&("status-cache", "package-events", Via::Stream)), "{flows:?}");
    // Replacing the dual writes lowers the overhead and the inconsistencies.
    assert!(r.overhead.recommended.hours_per_month < r.overhead.current.hours_per_month);
    assert!(r.table.recommended.consistency_issues_per_month.hi < r.table.current.consistency_issues_per_month.hi);
    assert!(
        r.architecture.recommended.flows.iter().all(|f| f.status == engine::Status::Removed || f.via != Via::DualWrite)
    );
}

#[test]
fn s3_justifies_a_column_store_fed_by_cdc_with_remedies_weighed() {
    let r = check("s3_analytics_bottleneck", S3);
    let catalog = catalog::Catalog::embedded().unwrap();
    let adds: Vec<&Finding> = with_code(&r, "SW002");
    assert_eq!(adds.len(), 1, "{:?}", codes(&r));
    let f = adds[0];
    assert_eq!(r.findings[0].code, "SW002");
    assert_eq!(f.severity, Severity::High);
    let Some(Change::AddStore { store_type, from, via, for_workloads, .. }) = f.changes.first() else {
        panic!("no AddStore: {:?}", f.changes)
    };
    assert_eq!(store_type, "clickhouse");
    assert_eq!(catalog.store(store_type).map(|k| k.family), Some(catalog::model::Family::ColumnStore));
    assert_eq!((from.as_str(), *via), ("main-db", Via::Cdc));
    assert_eq!(for_workloads, &["fleet-report".to_string()]);
    // Estimated seconds, within the 5 s target.
    let latency = f.expected_effect.latency.expect("a latency estimate").0;
    assert!(latency.hi <= 5.0 && latency.lo > 0.0, "{latency:?}");
    // The ops cost it adds, priced.
    assert!(f.expected_effect.ops_hours_per_month.is_some_and(|h| h.lo > 10.0));
    assert!(f.expected_effect.usd_per_month.is_some_and(|u| u.lo > 0.0));
    // In-store remedies weighed, each with why it falls short, as data.
    let option = |remedy: &str| {
        f.options
            .iter()
            .find(|o| matches!(&o.choice, Choice::Remedy { remedy: r, .. } if r == remedy))
            .unwrap_or_else(|| panic!("{remedy} not weighed"))
    };
    let mv = option("materialized_view");
    assert_eq!(mv.verdict, Verdict::Rejected);
    assert!(
        mv.reasons
            .iter()
            .any(|r| matches!(r, Reason::BeyondScale { load, limit } if load.to_string() == "600GB" && limit.to_string() == "500GB"))
    );
    assert!(mv.reasons.iter().any(|r| matches!(r, Reason::TooStale { .. })));
    assert!(option("partitioning").verdict != Verdict::Chosen);
    // The freshness it assumed is stated.
    assert!(f.assumptions.iter().any(|a| a.what == "freshness of fleet-report"));
    // The OLTP spikes are attributed to the scan, not given a fix of their own.
    assert!(f.recommendation.contains("status-update"));
    assert!(with_code(&r, "SW003").is_empty());
    // The proposal is the justified one: accepted.
    let verdicts = with_code(&r, "SW004");
    assert_eq!(verdicts.len(), 1);
    assert!(matches!(&verdicts[0].decision, Decision::Proposal { verdict: ProposalVerdict::Accepted, .. }));
    assert!(r.overhead.recommended.hours_per_month > r.overhead.current.hours_per_month);
    assert_eq!(r.table.recommended.stores, 2);
}

#[test]
fn s4_unmeasured_proposal_is_rejected_with_what_to_measure() {
    let r = check("s4_unjustified_proposal", S4);
    let rejected = with_code(&r, "SW004");
    assert_eq!(rejected.len(), 1, "{:?}", codes(&r));
    let f = rejected[0];
    assert_eq!(f.severity, Severity::High);
    assert!(matches!(&f.decision, Decision::Proposal { verdict: ProposalVerdict::NoMeasuredNeed, .. }));
    assert!(f.subjects.iter().any(|s| s == "product-search"));
    assert!(f.recommendation.contains("Measure it first"), "{}", f.recommendation);
    assert!(r.findings.iter().all(|f| f.changes.iter().all(|c| !matches!(c, Change::AddStore { .. }))));
    assert_eq!(r.table.recommended.stores, 1);
}

#[test]
fn s5_underused_clickhouse_folds_into_a_postgresql_materialized_view() {
    let r = check("s5_underused_clickhouse", S5);
    let found = with_code(&r, "SW005");
    assert_eq!(found.len(), 1, "{:?}", codes(&r));
    let f = found[0];
    assert_eq!(f.severity, Severity::Medium);
    assert!(
        matches!(&f.decision, Decision::Consolidate { trigger: Trigger::Underused { .. }, .. }),
        "{:?}",
        f.decision
    );
    let Some(Change::RemoveStore { store, into, remedies, .. }) = f.changes.first() else { panic!("{:?}", f.changes) };
    assert_eq!((store.as_str(), into.as_str()), ("analytics", "main-db"));
    assert!(remedies.iter().any(|(id, _)| id == "materialized_view"), "{remedies:?}");
    assert_eq!(f.expected_effect.usd_per_month, Some(Estimate { lo: -500.0, hi: -500.0 }));
    assert!(f.expected_effect.ops_hours_per_month.is_some_and(|h| h.hi < -10.0));
    assert!(has_label(f, "queries"));
    assert_eq!(r.table.recommended.stores, 1);
    assert!(
        r.overhead.recommended.infrastructure_usd_per_month + 499.0 < r.overhead.current.infrastructure_usd_per_month
    );
}

#[test]
fn s6_ecommerce_dual_write_and_consolidation_advice() {
    let r = check("s6_ecommerce", S6);
    let first = &r.findings[0];
    assert_eq!((first.code, first.severity), ("SW001", Severity::Critical));
    assert!(first.subjects.iter().any(|s| s == "product-search"));
    let removes = |store: &str, remedy: &str| {
        r.findings.iter().any(|f| {
            f.changes.iter().any(|c| {
                matches!(c, Change::RemoveStore { store: s, into, remedies, .. }
                    if s == store && into == "orders-db" && remedies.iter().any(|(id, _)| id == remedy))
            })
        })
    };
    assert!(removes("catalogue", "json_documents"), "{:?}", r.findings.iter().map(|f| &f.title).collect::<Vec<_>>());
    assert!(removes("social-graph", "recursive_query"));
    assert!(removes("metrics", "timeseries_extension"));
    // Small and unmeasured: advice, each with its savings.
    for f in with_code(&r, "SW005") {
        assert_eq!(f.severity, Severity::Low);
        assert!(f.expected_effect.ops_hours_per_month.is_some_and(|h| h.hi < 0.0));
    }
    // A store is never both fed and removed.
    let removed: Vec<&str> = r
        .findings
        .iter()
        .flat_map(|f| &f.changes)
        .filter_map(|c| match c {
            Change::RemoveStore { store, .. } => Some(store.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        r.findings
            .iter()
            .flat_map(|f| &f.changes)
            .all(|c| !matches!(c, Change::ChangeFlow { store, .. } if removed.contains(&store.as_str())))
    );
    // Metrics as a second source of truth is separate data: info only.
    assert!(with_code(&r, "SW009").iter().all(|f| f.severity == Severity::Info));
    assert!(r.overhead.recommended.x_single < r.overhead.current.x_single);
}

#[test]
fn s7_outbox_is_recognised_as_correct() {
    let r = check("s7_outbox", S7);
    assert!(r.worst() <= Some(Severity::Info), "{:?}", codes(&r));
    let info = with_code(&r, "SW011");
    assert_eq!(info.len(), 1);
    assert!(matches!(info[0].decision, Decision::AtLeastOnce { via: Via::Outbox, .. }));
}

#[test]
fn every_example_is_sorted_most_severe_first() {
    for text in [S1, S2, S3, S4, S5, S6, S7] {
        let r = analyze(text);
        assert!(r.findings.windows(2).all(|w| w[0].severity >= w[1].severity), "{}", r.name);
        assert_eq!(r.summary.findings, r.findings.len());
        assert_eq!(r.worst(), r.findings.first().map(|f| f.severity));
        assert_eq!(r.versions.rules, engine::RULES_VERSION);
    }
}
