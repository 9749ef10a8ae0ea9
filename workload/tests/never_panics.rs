//! Parsing never panics and always explains a rejection: arbitrary text, and the shipped
//! examples cut, spliced and corrupted at random.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use catalog::Catalog;
use proptest::prelude::*;

const EXAMPLES: [&str; 7] = [
    include_str!("../../examples/s1-logistics.yaml"),
    include_str!("../../examples/s2-dual-write.yaml"),
    include_str!("../../examples/s3-analytics-bottleneck.yaml"),
    include_str!("../../examples/s4-unjustified-proposal.yaml"),
    include_str!("../../examples/s5-underused-clickhouse.yaml"),
    include_str!("../../examples/s6-ecommerce.yaml"),
    include_str!("../../examples/s7-outbox.yaml"),
];

fn assert_explained(bytes: &[u8]) {
    let parsed = workload::parse_bytes(bytes, Catalog::embedded().unwrap());
    if parsed.workload.is_none() {
        assert!(parsed.errors().next().is_some(), "rejected without an error");
    }
    for d in &parsed.diagnostics {
        assert!(d.span.line >= 1, "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        assert_explained(&bytes);
    }

    #[test]
    fn yaml_looking_text(text in "[a-z_:{}\\[\\],&*!|>#'\" \n-]{0,300}") {
        assert_explained(text.as_bytes());
    }

    #[test]
    fn corrupted_examples(which in 0usize..7, cut in 0usize..4000, at in 0usize..4000, junk in "[^\u{0}]{0,12}") {
        let text = EXAMPLES[which];
        let mut bytes = text.as_bytes().to_vec();
        let at = at.min(bytes.len());
        bytes.splice(at..at, junk.bytes());
        bytes.truncate(cut.max(at));
        assert_explained(&bytes);
    }
}
