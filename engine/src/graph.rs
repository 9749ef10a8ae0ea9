//! Union-find over store indexes, for grouping stores into lineages (connected by flows).

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
    }
}
