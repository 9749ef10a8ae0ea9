//! Lineages: stores connected by flows hold the same data. One function groups them, for the
//! analysis (`Context`) and for costing any architecture (`cost::Arch`) alike.

/// Disjoint sets of `0..n`, with path halving.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind(Vec<usize>);

impl UnionFind {
    /// `n` singletons.
    pub(crate) fn new(n: usize) -> Self {
        Self((0..n).collect())
    }

    /// The representative of `x`'s set.
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.0.get(x) {
            if p == x {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }

    /// Merges the sets of `a` and `b` (the smaller representative wins, so results are stable).
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb
            && let Some(slot) = self.0.get_mut(ra.max(rb))
        {
            *slot = ra.min(rb);
        }
    }
}

/// Groups `n` stores into lineages over the given flows (`(from, to)` pairs): each store's
/// lineage index (in order of first appearance) and the number of lineages.
pub(crate) fn lineages(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
    active: impl Fn(usize) -> bool,
) -> (Vec<usize>, usize) {
    let mut sets = UnionFind::new(n);
    for (a, b) in edges {
        sets.union(a, b);
    }
    // Roots are indexes below `n`: a vector maps them to lineage numbers without hashing.
    let mut index_of_root = vec![usize::MAX; n];
    let mut of = vec![usize::MAX; n];
    let mut count = 0;
    for (i, slot) in of.iter_mut().enumerate() {
        if !active(i) {
            continue;
        }
        let Some(index) = index_of_root.get_mut(sets.find(i)) else { continue };
        if *index == usize::MAX {
            *index = count;
            count += 1;
        }
        *slot = *index;
    }
    (of, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_connected_indexes() {
        let mut u = UnionFind::new(5);
        u.union(0, 3);
        u.union(3, 4);
        assert_eq!(u.find(4), 0);
        assert_ne!(u.find(1), u.find(2));
        assert_eq!(u.find(9), 9);
        let (of, count) = lineages(4, [(2, 0)], |i| i != 3);
        assert_eq!((of, count), (vec![0, 1, 0, usize::MAX], 2));
    }
}
