//! A workload's scale (data, items, rate) and whether a catalog grade or remedy holds at it.

use catalog::{
    model::Scale,
    units::{Bytes, Count, Rate},
};

/// How big a workload is, as far as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Load {
    /// Data it touches (its `data_size`, else its store's `size`).
    pub(crate) data: Option<Bytes>,
    /// Items it searches or scans.
    pub(crate) items: Option<Count>,
    /// Its rate (or its throughput target, when higher).
    pub(crate) rate: Option<Rate>,
}

/// One dimension in which a workload is beyond a grade's or remedy's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exceeded {
    /// The workload's figure (`600GB`).
    pub(crate) load: String,
    /// The limit (`500GB`).
    pub(crate) limit: String,
}

impl Exceeded {
    /// `600GB exceeds its 500GB scale`.
    pub(crate) fn text(&self) -> String {
        format!("{} exceeds its {} scale", self.load, self.limit)
    }
}

/// The dimensions in which `load` is beyond `up_to` (empty when it holds, or when unknown).
pub(crate) fn exceeded(up_to: &Scale, load: &Load) -> Vec<Exceeded> {
    let mut out = Vec::new();
    if let (Some(limit), Some(value)) = (up_to.data, load.data)
        && value.0 > limit.0
    {
        out.push(Exceeded { load: value.to_string(), limit: limit.to_string() });
    }
    if let (Some(limit), Some(value)) = (up_to.items, load.items)
        && value.0 > limit.0
    {
        out.push(Exceeded { load: format!("{value} items"), limit: format!("{limit} items") });
    }
    if let (Some(limit), Some(value)) = (up_to.rate, load.rate)
        && value.per_sec() > limit.per_sec()
    {
        out.push(Exceeded { load: value.to_string(), limit: limit.to_string() });
    }
    out
}

/// `500GB, 50/s` (or `any scale`).
pub(crate) fn limit(up_to: &Scale) -> String {
    let d = describe(up_to);
    d.strip_prefix("up to ").map_or_else(|| "any scale".to_string(), str::to_string)
}

/// `up to 500GB, 50/s` (or `at any scale`).
pub(crate) fn describe(up_to: &Scale) -> String {
    let mut parts = Vec::new();
    if let Some(d) = up_to.data {
        parts.push(d.to_string());
    }
    if let Some(i) = up_to.items {
        parts.push(format!("{i} items"));
    }
    if let Some(r) = up_to.rate {
        parts.push(r.to_string());
    }
    if parts.is_empty() { "at any scale".to_string() } else { format!("up to {}", parts.join(", ")) }
}

/// The workload's figures for evidence: `600GB, 20/hour`.
pub(crate) fn describe_load(load: &Load) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = load.data {
        parts.push(d.to_string());
    }
    if let Some(i) = load.items {
        parts.push(format!("{i} items"));
    }
    if let Some(r) = load.rate {
        parts.push(r.to_string());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_exceeded_dimension() {
        let up_to = Scale { data: Some(Bytes(500e9)), items: None, rate: Some(Rate::per_second(50.0)) };
        let load = Load { data: Some(Bytes(600e9)), items: Some(Count(1e6)), rate: Some(Rate::per_second(5.0)) };
        let ex = exceeded(&up_to, &load);
        assert_eq!(ex.len(), 1);
        assert_eq!(ex.first().map(Exceeded::text).as_deref(), Some("600GB exceeds its 500GB scale"));
        assert_eq!(describe(&up_to), "up to 500GB, 50/s");
        assert!(exceeded(&up_to, &Load::default()).is_empty());
    }
}
