//! The views, one file each. Every view takes the shared [`crate::state::AppState`] by value
//! (it is `Copy`) or the data it shows.

pub mod app;
pub mod catalog_matrix;
pub mod charts;
pub mod diagnostics;
pub mod disclosure;
pub mod downloads;
pub mod editor;
pub mod findings;
pub mod grade;
pub mod home;
pub mod input;
pub mod link_note;
pub mod overhead_table;
pub mod seed_table;
pub mod share_link;
pub mod source_link;
pub mod store_page;
pub mod verdict;
