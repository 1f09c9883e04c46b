//! A stable sort by index, one copy for every caller.
//!
//! # Design
//! The standard library's sorts are fast but large, and each element type and comparison
//! instantiates them again: five call sites cost the page's wasm about 18 KB. The lists sorted here
//! are short (places, what-if steps, form fields), so one merge sort over indices, with the
//! comparison behind `dyn`, does the job in a few hundred bytes.

use std::cmp::Ordering;

/// The indices `0..len` in the stable order `cmp` gives (equal elements keep their order).
pub fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut scratch = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut scratch[start..end] {
                // The left run wins ties: stable.
                if j >= end || (i < mid && cmp(order[i], order[j]) != Ordering::Greater) {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    order
}

/// `items` in the stable order `cmp` gives.
pub fn sorted_by<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = stable_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Equal to the standard library's stable sort, ties included.
        #[test]
        fn as_the_standard_stable_sort(keys in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = keys.clone();
            expected.sort_by_key(|k| k.0);
            prop_assert_eq!(sorted_by(keys, |a, b| a.0.cmp(&b.0)), expected);
        }
    }
}
