//! Fuzz target: arbitrary bytes through the whole pipeline — workload parsing, diagnostics,
//! analysis, the options' words, the three renderers and share links (decoding, and an encode/decode round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = catalog::Catalog::embedded().expect("the embedded catalog loads");
    let parsed = workload::parse_bytes(data, catalog);
    let lossy = String::from_utf8_lossy(data);

    for d in &parsed.diagnostics {
        let _ = d.render("f.yaml", &lossy, false);
    }

    // The bytes as a share-link payload: any outcome but a panic is fine.
    let _ = link::decode(&lossy);

    if let Some(w) = &parsed.workload {
        let mut report = engine::analyze(w, parsed.catalog_or(catalog));
        // the options' words, as every edge that shows a report puts them in
        report.speak(parsed.catalog_or(catalog));
        let _ = engine::render::text(&report, false);
        let _ = engine::render::markdown(&report);
        let _ = engine::render::sarif_report("0.0.0", "f.yaml", &report, &parsed.diagnostics);

        if let Ok(text) = std::str::from_utf8(data) {
            let s = link::Shared::new(text, &report);
            assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
        }
    }
});
