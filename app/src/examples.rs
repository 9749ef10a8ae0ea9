//! The seven seed scenarios S1–S7 (`examples/*.yaml`), embedded for the "load example" buttons.

/// One shipped example workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// `s1` … `s7`: the button's test id suffix and the `#/example/s1` route.
    pub id: &'static str,
    /// The button's short label (`S1`).
    pub label: &'static str,
    /// One or two words next to the label.
    pub short: &'static str,
    /// What the scenario shows.
    pub title: &'static str,
    /// The file name offered for reference.
    pub file: &'static str,
    /// The YAML text.
    pub yaml: &'static str,
}

/// S1–S7, in order.
pub const EXAMPLES: [Example; 7] = [
    Example {
        id: "s1",
        label: "S1",
        short: "Logistics",
        title: "Logistics: CDC into Kafka, Redis and ClickHouse",
        file: "s1-logistics.yaml",
        yaml: include_str!("../../examples/s1-logistics.yaml"),
    },
    Example {
        id: "s2",
        label: "S2",
        short: "Dual write",
        title: "Dual writes to PostgreSQL, Redis and Kafka",
        file: "s2-dual-write.yaml",
        yaml: include_str!("../../examples/s2-dual-write.yaml"),
    },
    Example {
        id: "s3",
        label: "S3",
        short: "Justified add",
        title: "A measured analytics bottleneck",
        file: "s3-analytics-bottleneck.yaml",
        yaml: include_str!("../../examples/s3-analytics-bottleneck.yaml"),
    },
    Example {
        id: "s4",
        label: "S4",
        short: "Unjustified add",
        title: "A proposal with no measured bottleneck",
        file: "s4-unjustified-proposal.yaml",
        yaml: include_str!("../../examples/s4-unjustified-proposal.yaml"),
    },
    Example {
        id: "s5",
        label: "S5",
        short: "Consolidate",
        title: "An underused ClickHouse",
        file: "s5-underused-clickhouse.yaml",
        yaml: include_str!("../../examples/s5-underused-clickhouse.yaml"),
    },
    Example {
        id: "s6",
        label: "S6",
        short: "E-commerce",
        title: "E-commerce with six stores",
        file: "s6-ecommerce.yaml",
        yaml: include_str!("../../examples/s6-ecommerce.yaml"),
    },
    Example {
        id: "s7",
        label: "S7",
        short: "Outbox",
        title: "Search fed by a transactional outbox",
        file: "s7-outbox.yaml",
        yaml: include_str!("../../examples/s7-outbox.yaml"),
    },
];

/// An example by id (`s1`, case-insensitive).
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_s1_to_s7_and_texts_are_versioned() {
        for (i, e) in EXAMPLES.iter().enumerate() {
            assert_eq!(e.id, format!("s{}", i + 1));
            assert!(e.yaml.contains("version: 1"), "{}", e.id);
        }
        assert_eq!(find("S2").map(|e| e.file), Some("s2-dual-write.yaml"));
        assert!(find("s8").is_none());
    }
}
