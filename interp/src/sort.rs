//! Python's stable sort through a comparison that may raise and is only asked `a < b`
//! (`list.sort` and `sorted` call `__lt__` alone, as CPython does): a merge sort of
//! positions, insertion-sorted runs merged bottom up, each merge skipped when its halves
//! are already in order — so a sorted or nearly sorted input costs about n comparisons.

/// Runs shorter than this are insertion-sorted before merging.
const RUN: usize = 16;

/// The positions `0..n` in the order a stable sort by `lt` gives (`lt(i, j)`: item `i`
/// sorts before item `j`). The first error `lt` returns ends the sort and is returned.
pub(crate) fn sorted_positions<E>(
    n: usize,
    mut lt: impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<Vec<usize>, E> {
    let mut order: Vec<usize> = (0..n).collect();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = order[i];
            let mut j = i;
            // Strictly less moves left: equal items keep their order.
            while j > start && lt(x, order[j - 1])? {
                order[j] = order[j - 1];
                j -= 1;
            }
            order[j] = x;
        }
    }
    let mut merged = vec![0; n];
    let mut width = RUN;
    while width < n {
        for lo in (0..n).step_by(2 * width) {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            if mid == hi || !lt(order[mid], order[mid - 1])? {
                merged[lo..hi].copy_from_slice(&order[lo..hi]);
                continue;
            }
            let (mut i, mut j) = (lo, mid);
            for slot in &mut merged[lo..hi] {
                // The right item goes first only when strictly less: stability.
                let take_right = i == mid || (j < hi && lt(order[j], order[i])?);
                if take_right {
                    *slot = order[j];
                    j += 1;
                } else {
                    *slot = order[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::sorted_positions;
    use quickcheck::quickcheck;

    quickcheck! {
        /// The same permutation as std's stable sort, on keys with many ties.
        fn agrees_with_std_stable_sort(keys: Vec<u8>) -> bool {
            let keys: Vec<u8> = keys.into_iter().map(|k| k % 8).collect();
            let got = sorted_positions(keys.len(), |i, j| Ok::<_, ()>(keys[i] < keys[j]));
            let mut want: Vec<usize> = (0..keys.len()).collect();
            want.sort_by_key(|&i| keys[i]);
            got == Ok(want)
        }

        /// A sorted input is checked, not re-sorted: under two comparisons an item.
        fn sorted_input_costs_about_n_comparisons(n: u16) -> bool {
            let n = usize::from(n);
            let mut asked = 0;
            let got = sorted_positions(n, |i, j| {
                asked += 1;
                Ok::<_, ()>(i < j)
            });
            got == Ok((0..n).collect()) && asked <= 2 * n
        }
    }

    #[test]
    fn the_first_error_ends_the_sort() {
        let mut asked = 0;
        let got = sorted_positions(100, |i, _| {
            asked += 1;
            if i == 40 {
                Err("boom")
            } else {
                Ok(false)
            }
        });
        assert_eq!(got, Err("boom"));
        assert!(asked < 100);
    }
}
