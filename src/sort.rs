//! One small sort for the whole crate.
//!
//! Why not `slice::sort_unstable_by`: the standard sort is fast on large
//! inputs, but each instantiation is 4 to 7 KB of wasm and jejak sorts five
//! different element types, all of them short lists (the hits in one memo,
//! the flags of one verdict, a pack's currencies or countries). Heapsort is
//! a few hundred bytes per type and still O(n log n) in the worst case, so a
//! hostile memo with a hundred thousand hits cannot make a screen quadratic.

/// Sorts `v` so that no element is `less` than the one before it. Not
/// stable; every caller orders by a key that breaks all ties.
pub(crate) fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    // Moves v[root] down until both children are not greater.
    let sift_down = |v: &mut [T], mut root: usize| loop {
        let mut child = 2 * root + 1;
        if child >= v.len() {
            return;
        }
        if child + 1 < v.len() && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
        root = child;
    };
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_like_the_standard_library() {
        // A small deterministic generator: every length up to 70 and a few
        // large ones, with many duplicates.
        let mut seed = 0x9e37_79b9_u32;
        for len in (0..70).chain([255, 256, 1000, 4097]) {
            let mut v: Vec<(u8, u32)> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 7) as u8, seed % 1000)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_by(&mut v, |a, b| a < b);
            assert_eq!(v, expected, "length {len}");
        }
    }

    #[test]
    fn sorts_in_reverse_order_by_a_key() {
        let mut v = vec![3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        sort_by(&mut v, |a, b| a > b);
        assert_eq!(v, [9, 6, 5, 5, 5, 4, 3, 3, 2, 1, 1]);
    }
}
