//! A monotone priority queue for Dijkstra's algorithm on non-negative
//! `f64` distances, shared by betweenness and point-to-point distances.

/// A monotone priority queue on `u64` keys (radix heap; Ahuja, Mehlhorn,
/// Orlin and Tarjan, 1990): Dijkstra only ever pushes keys at least as large
/// as the last one popped, and non-negative `f64` bit patterns sort as the
/// numbers do. Push O(1), pop amortised O(log C) for a key range C; ties
/// pop in a fixed order (the heap is deterministic). Buffers are kept
/// between sources.
#[derive(Default)]
pub(crate) struct RadixHeap {
    last: u64,
    len: usize,
    buckets: Vec<Vec<(u64, u32)>>,
}

impl RadixHeap {
    #[inline]
    fn bucket(&self, key: u64) -> usize {
        (64 - (key ^ self.last).leading_zeros()) as usize
    }
    pub fn clear(&mut self) {
        if self.buckets.is_empty() {
            self.buckets = vec![Vec::new(); 65];
        }
        for b in &mut self.buckets {
            b.clear();
        }
        self.last = 0;
        self.len = 0;
    }
    #[inline]
    pub fn push(&mut self, key: u64, v: u32) {
        debug_assert!(key >= self.last, "monotone");
        let b = self.bucket(key);
        self.buckets[b].push((key, v));
        self.len += 1;
    }
    pub fn pop(&mut self) -> Option<u32> {
        self.pop_entry().map(|(_, v)| v)
    }
    /// The smallest key and its value.
    pub fn pop_entry(&mut self) -> Option<(u64, u32)> {
        if self.len == 0 {
            return None;
        }
        if self.buckets[0].is_empty() {
            let i = (1..65)
                .find(|&i| !self.buckets[i].is_empty())
                .expect("len > 0");
            let mut items = std::mem::take(&mut self.buckets[i]);
            self.last = items.iter().map(|x| x.0).min().expect("not empty");
            for &(k, v) in &items {
                let b = self.bucket(k);
                self.buckets[b].push((k, v));
            }
            items.clear();
            self.buckets[i] = items;
        }
        self.len -= 1;
        self.buckets[0].pop()
    }
}

#[cfg(test)]
mod tests {
    use super::RadixHeap;

    #[test]
    fn pops_in_key_order_when_pushes_are_monotone() {
        let mut h = RadixHeap::default();
        h.clear();
        for (k, v) in [(5.0f64, 1u32), (0.5, 2), (7.25, 3), (0.5, 4)] {
            h.push(k.to_bits(), v);
        }
        let mut got = Vec::new();
        while let Some((k, v)) = h.pop_entry() {
            got.push((f64::from_bits(k), v));
            if v == 2 {
                h.push(3.0f64.to_bits(), 5);
            }
        }
        let keys: Vec<f64> = got.iter().map(|x| x.0).collect();
        assert_eq!(keys, vec![0.5, 0.5, 3.0, 5.0, 7.25]);
        let mut vals: Vec<u32> = got.iter().map(|x| x.1).collect();
        vals[..2].sort_unstable();
        assert_eq!(vals, vec![2, 4, 5, 1, 3]);
    }
}
