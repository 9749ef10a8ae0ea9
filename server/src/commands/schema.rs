//! `storewise schema [workload|analyze|validate] [--catalog OVERRIDES.toml]`: the workload
//! format's JSON Schema, with the catalog's store types (and aliases), access patterns and
//! remedies as enums, the user's override file applied when given; or the schema of what
//! `analyze` and `validate` print as JSON.

use anyhow::Result;

use crate::{
    OK,
    cli::{Global, SchemaArgs, SchemaKind},
    document, input,
};

pub(crate) fn run(global: &Global, args: &SchemaArgs) -> Result<u8> {
    let text = match args.of {
        SchemaKind::Workload => schema(global)?,
        kind => serde_json::to_string_pretty(&document::schema(kind, &input::catalog(global)?)?)?,
    };
    input::emit(global, &args.out, &text)?;
    Ok(OK)
}

/// The workload schema as pretty JSON, for the catalog `global` names.
fn schema(global: &Global) -> Result<String> {
    let catalog = input::catalog(global)?;
    Ok(serde_json::to_string_pretty(&workload::schema::json_schema_for(&catalog))?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::schema;
    use crate::cli::{Color, Global};

    fn store_types(json: &str) -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["$defs"]["StoreType"]["enum"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn the_override_files_names_are_in_the_schema() {
        let dir = std::env::temp_dir().join(format!("storewise-schema-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("team.toml");
        let aliases = catalog::Catalog::embedded().unwrap().store("postgresql").unwrap().aliases.clone();
        let list: Vec<String> = aliases.iter().chain(["our-pg".to_string()].iter()).map(|a| format!("{a:?}")).collect();
        std::fs::write(&file, format!("[postgresql]\nname = \"Our PostgreSQL\"\naliases = [{}]\n", list.join(", ")))
            .unwrap();
        let with = schema(&Global {
            catalog: Some(file.clone()),
            color: Color::Never,
            config: None,
            verbose: false,
            quiet: false,
            settings: None,
        })
        .unwrap();
        let without = schema(&Global {
            catalog: None,
            color: Color::Never,
            config: None,
            verbose: false,
            quiet: false,
            settings: None,
        })
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(store_types(&with).contains(&"our-pg".to_string()), "the user's alias is offered");
        assert!(with.contains("Our PostgreSQL"), "the user's name describes it");
        assert!(!store_types(&without).contains(&"our-pg".to_string()));
        assert!(store_types(&without).contains(&"postgresql".to_string()));
    }

    #[test]
    fn a_broken_override_file_is_an_error() {
        let missing = std::env::temp_dir().join("storewise-schema-no-such-file.toml");
        let err = schema(&Global {
            catalog: Some(missing),
            color: Color::Never,
            config: None,
            verbose: false,
            quiet: false,
            settings: None,
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("cannot read"), "{err:#}");
    }
}
