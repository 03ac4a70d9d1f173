//! Exact median and 90th percentile of working minutes. The values are kept as a small vector
//! of `u32` (4 bytes per complaint, not whole records), sorted once at the end.

/// The nearest-rank `p`-th percentile (0 < p ≤ 100) of `sorted`; `None` when empty.
pub fn percentile(sorted: &[u32], p: u32) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    // Nearest rank: the smallest value with at least p % of the values at or below it.
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        let v: Vec<u32> = (1..=10).collect();
        assert_eq!((percentile(&v, 50), percentile(&v, 90)), (Some(5), Some(9)));
        let v: Vec<u32> = (1..=11).collect();
        assert_eq!((percentile(&v, 50), percentile(&v, 90)), (Some(6), Some(10)));
    }
}
