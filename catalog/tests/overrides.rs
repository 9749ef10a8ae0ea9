//! User overrides: figures replace ours, evidence becomes the user's, mistakes are named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use catalog::{Catalog, CatalogError, Overrides};

fn embedded() -> &'static Catalog {
    Catalog::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_override_replaces_the_figure_and_its_evidence() {
    let o = Overrides::from_toml(
        "team.toml",
        "[postgres.ops.deployment]\nhours = 7.5\n\n[postgresql.price]\nusd_per_month = 1200\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = embedded().with_overrides(&o).unwrap_or_else(|e| panic!("{e:?}"));
    let pg = c.store("postgresql").unwrap_or_else(|| panic!("no postgresql"));
    assert_eq!(pg.ops.deployment.hours, 7.5);
    assert_eq!(pg.ops.deployment.estimate.as_deref(), Some("Your figure, from team.toml."));
    assert!(pg.ops.deployment.cite.is_empty());
    assert_eq!(pg.price.usd_per_month.as_f64().lo, 1200.0);
    assert_eq!(pg.overridden, vec!["ops.deployment.hours".to_string(), "price.usd_per_month".to_string()]);
    assert!(c.version.ends_with("+overrides"));
    // Untouched figures keep their sources.
    assert!(!pg.ops.monitoring.cite.is_empty());
}

#[test]
fn override_mistakes_are_named_with_suggestions() {
    let o =
        Overrides::from_toml("team.toml", "[postgress.ops.deployment]\nhours = 1\n").unwrap_or_else(|e| panic!("{e}"));
    let errors = embedded().with_overrides(&o).err().unwrap_or_default();
    assert_eq!(
        errors,
        vec![CatalogError::UnknownStore {
            origin: "team.toml".into(),
            id: "postgress".into(),
            suggestion: Some("postgresql".into())
        }]
    );

    let o = Overrides::from_toml("team.toml", "[kafka.ops.deployment]\nhourz = 1\n").unwrap_or_else(|e| panic!("{e}"));
    let message =
        embedded().with_overrides(&o).err().unwrap_or_default().iter().map(ToString::to_string).collect::<String>();
    assert!(message.contains("hourz"), "{message}");

    let o = Overrides::from_toml("team.toml", "[kafka.ops.deployment]\nhours = -4\n").unwrap_or_else(|e| panic!("{e}"));
    let message =
        embedded().with_overrides(&o).err().unwrap_or_default().iter().map(ToString::to_string).collect::<String>();
    assert!(message.contains("ops.deployment.hours"), "{message}");

    let err = Overrides::from_toml("team.toml", "[kafka\nhours = 1").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("team.toml:"), "{err}");
}
