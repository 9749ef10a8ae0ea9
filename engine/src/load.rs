//! A workload's scale (data, items, rate) per node or shard, and whether a catalog grade or
//! remedy holds at it.

use catalog::{
    model::Scale,
    units::{Bytes, Count, Rate},
};

/// How big a workload is on one node or shard, as far as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Load {
    /// Data it touches (its `data_size`, else its store's `size`).
    pub(crate) data: Option<Bytes>,
    /// Items it searches or scans.
    pub(crate) items: Option<Count>,
    /// Its rate (or its throughput target, when higher).
    pub(crate) rate: Option<Rate>,
}

impl Load {
    /// The load spread evenly over `n` nodes or shards.
    pub(crate) fn spread(self, n: f64) -> Self {
        if n <= 1.0 {
            return self;
        }
        Load {
            data: self.data.map(|b| Bytes(b.0 / n)),
            items: self.items.map(|c| Count(c.0 / n)),
            rate: self.rate.map(|r| Rate::per_second(r.per_sec() / n)),
        }
    }

    /// The rate only spread over `n` (read replicas share reads, not data).
    pub(crate) fn spread_rate(self, n: f64) -> Self {
        if n <= 1.0 {
            return self;
        }
        Load { rate: self.rate.map(|r| Rate::per_second(r.per_sec() / n)), ..self }
    }
}

/// One dimension in which a workload is beyond a grade's or remedy's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exceeded {
    /// The workload's figure (`600GB`).
    pub(crate) load: String,
    /// The limit (`500GB`).
    pub(crate) limit: String,
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

/// The fewest bytes one item (a row, a document, a measurement) takes: a timestamp and a value.
/// Dividing a stated data size by it bounds the number of items from above.
pub(crate) const MIN_ITEM_BYTES: f64 = 16.0;

/// The dimensions `up_to` limits that `load` does not state: the check cannot be made on them.
/// An unstated item count is known to be within a limit when the data size bounds it
/// ([`MIN_ITEM_BYTES`] per item).
pub(crate) fn unknown(up_to: &Scale, load: &Load) -> Vec<&'static str> {
    let mut out = Vec::new();
    if up_to.data.is_some() && load.data.is_none() {
        out.push("data_size");
    }
    let bounded = match (up_to.items, load.data) {
        (Some(limit), Some(data)) => data.0 / MIN_ITEM_BYTES <= limit.0,
        _ => false,
    };
    if up_to.items.is_some() && load.items.is_none() && !bounded {
        out.push("items");
    }
    if up_to.rate.is_some() && load.rate.is_none() {
        out.push("rate");
    }
    out
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
    fn reports_each_exceeded_and_unknown_dimension() {
        let up_to = Scale { data: Some(Bytes(500e9)), items: None, rate: Some(Rate::per_second(50.0)) };
        let load = Load { data: Some(Bytes(600e9)), items: Some(Count(1e6)), rate: Some(Rate::per_second(5.0)) };
        let ex = exceeded(&up_to, &load);
        assert_eq!(ex.len(), 1);
        assert_eq!(ex.first().map(|e| e.load.as_str()), Some("600GB"));
        assert_eq!(describe(&up_to), "up to 500GB, 50/s");
        assert!(exceeded(&up_to, &Load::default()).is_empty());
        assert_eq!(unknown(&up_to, &Load::default()), ["data_size", "rate"]);
        assert_eq!(load.spread(2.0).data, Some(Bytes(300e9)));
    }
}
