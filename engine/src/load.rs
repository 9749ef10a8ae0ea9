//! A workload's scale (data, items, rate) per node or shard, and whether a catalog grade or
//! remedy holds at it.

use std::fmt;

use catalog::{
    model::Scale,
    units::{Bytes, Count, Rate},
};

use crate::options::Amount;

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
            rate: self.rate.map(|r| r.times(1.0 / n)),
        }
    }

    /// The rate only spread over `n` (read replicas share reads, not data).
    pub(crate) fn spread_rate(self, n: f64) -> Self {
        if n <= 1.0 {
            return self;
        }
        Load { rate: self.rate.map(|r| r.times(1.0 / n)), ..self }
    }
}

/// One dimension in which a workload is beyond a grade's or remedy's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Exceeded {
    /// The workload's figure (`600GB`).
    pub(crate) load: Amount,
    /// The limit (`500GB`).
    pub(crate) limit: Amount,
}

/// The dimensions in which `load` is beyond `up_to` (empty when it holds, or when unknown).
pub(crate) fn exceeded(up_to: &Scale, load: &Load) -> Vec<Exceeded> {
    let mut out = Vec::new();
    if let (Some(limit), Some(value)) = (up_to.data, load.data)
        && value.0 > limit.0
    {
        out.push(Exceeded { load: Amount::Data(value), limit: Amount::Data(limit) });
    }
    if let (Some(limit), Some(value)) = (up_to.items, load.items)
        && value.0 > limit.0
    {
        out.push(Exceeded { load: Amount::Items(value), limit: Amount::Items(limit) });
    }
    if let (Some(limit), Some(value)) = (up_to.rate, load.rate)
        && value.per_sec() > limit.per_sec()
    {
        out.push(Exceeded { load: Amount::Rate(value), limit: Amount::Rate(limit) });
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
    UpTo(up_to).to_string()
}

/// [`describe`] as a `Display`.
pub(crate) struct UpTo<'s>(pub(crate) &'s Scale);

impl fmt::Display for UpTo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let load = Load { data: self.0.data, items: self.0.items, rate: self.0.rate };
        if load == Load::default() {
            return f.write_str("at any scale");
        }
        f.write_str("up to ")?;
        Figures(&load).fmt(f)
    }
}

/// A load's stated figures, comma-separated.
struct Figures<'l>(&'l Load);

impl fmt::Display for Figures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let load = self.0;
        let figures = [load.data.map(Amount::Data), load.items.map(Amount::Items), load.rate.map(Amount::Rate)];
        for (i, figure) in figures.iter().flatten().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            figure.fmt(f)?;
        }
        Ok(())
    }
}

/// The workload's figures for evidence: `600GB, 20/hour`.
pub(crate) fn describe_load(load: &Load) -> Option<String> {
    (*load != Load::default()).then(|| Figures(load).to_string())
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
        assert_eq!(ex.first().map(|e| e.load.to_string()).as_deref(), Some("600GB"));
        assert_eq!(describe(&up_to), "up to 500GB, 50/s");
        assert!(exceeded(&up_to, &Load::default()).is_empty());
        assert_eq!(unknown(&up_to, &Load::default()), ["data_size", "rate"]);
        assert_eq!(load.spread(2.0).data, Some(Bytes(300e9)));
    }
}
