//! The storewise web app: a Leptos client-side app that runs the engine in the browser.
//!
//! Nothing leaves the page: the workload YAML is parsed ([`workload::parse`]), analysed
//! ([`engine::analyze`]) and drawn ([`charts::render_in`], for the width each chart gets) in WebAssembly. The crate is built for
//! `wasm32-unknown-unknown` by `scripts/build-app.sh` (cargo, then wasm-bindgen) into `dist/`;
//! `index.html` loads `/boot-<hash>.js`, which imports `/app-<hash>.js` and calls its `init`,
//! which runs [`start`], then registers the service worker (`app/sw.js`).
//!
//! The crate also compiles natively (Leptos CSR builds on any target; the browser calls are only
//! made at run time), so `cargo clippy --workspace` lints it and `cargo test --workspace` runs
//! the unit tests of its pure modules ([`analysis`], [`format`](mod@format), [`route`], [`examples`]).
//!
//! Layout: [`state`] holds the signals the components share; [`components`] the views, one
//! file each; [`download`], [`file`](mod@file), [`share`], [`media`] and [`dom`] the few direct browser calls.

pub mod analysis;
pub mod anchor;
pub mod components;
pub mod dom;
pub mod download;
pub mod examples;
pub mod file;
pub mod format;
pub mod keep;
pub mod media;
pub mod prose;
pub mod route;
pub mod share;
pub mod state;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point, called by wasm-bindgen's `init` once the module is instantiated: removes the
/// static "loading" note of `index.html` and mounts the app on `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    dom::remove_by_id("boot");
    leptos::mount::mount_to_body(components::app::App);
}
