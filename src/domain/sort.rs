//! Stable sorting with one copy of the sort algorithm for the whole app.
//!
//! `slice::sort_by` is compiled afresh for every element type and every comparison closure:
//! about 3 KB of wasm each, 45 copies in the release build (150 KB before gzip). These
//! functions sort a list of positions instead, always of the same type through a `dyn`
//! comparison, then move the elements into place, so the algorithm is compiled once. The
//! order is exactly `sort_by`'s: stable, equal elements keep their order.
//!
//! `collect()` into a `BTreeSet` or `BTreeMap` (and `BTreeMap::from` an array) sorts the items
//! first, with another copy of the sort per item type; [`set_of`] and [`map_of`] insert them
//! one by one instead, which gives the same set or map (for a repeated key, the last value).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` as [`slice::sort_by`] does (stable).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_positions(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    }
    permute(v, order);
}

/// Sorts `v` as [`slice::sort_by_key`] does (stable).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// Sorts `v` as [`slice::sort`] does (stable).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp)
}

/// The items as a set, as `collect()` gives it.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The pairs as a map, as `collect()` gives it (a repeated key keeps its last value).
pub fn map_of<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(items);
    map
}

/// The one compiled sort: positions, compared through `cmp`.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Puts `v[order[i]]` at `i` for every `i`, following each cycle of the permutation with
/// swaps (no copies or clones of the elements).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Marks the position as placed.
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        // Ties are likely (keys 0..4), so stability is checked by the payload's position.
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..4, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            super::sort_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(&ours, &std);
            let mut ours = v.clone();
            let mut std = v;
            super::sort(&mut ours);
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sets_and_maps_are_what_collect_gives() {
        let pairs = [(3, "c"), (1, "a"), (3, "z"), (2, "b")];
        assert_eq!(super::map_of(pairs), pairs.into_iter().collect());
        assert_eq!(super::set_of([3, 1, 3, 2]), [3, 1, 3, 2].into_iter().collect());
    }

    #[test]
    fn moves_elements_without_cloning_them() {
        let mut v = vec![String::from("c"), String::from("a"), String::from("b"), String::from("a")];
        super::sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
