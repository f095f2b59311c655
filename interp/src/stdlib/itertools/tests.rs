//! The combinatoric iterators' index walks against a naive model: every index tuple
//! in lexicographic order, filtered by the walk's rule.

use quickcheck::quickcheck;

use super::{Odometer, Order};

fn walk(order: Order, sizes: Vec<usize>, r: usize) -> Vec<Vec<usize>> {
    let mut o = Odometer::new(order, sizes, r);
    let mut out = Vec::new();
    while let Some(ix) = o.advance() {
        out.push(ix.to_vec());
    }
    assert!(o.advance().is_none(), "an ended walk stays ended");
    out
}

/// Every tuple of length `r` with `t[i] < sizes[i]`, in lexicographic order.
fn all_tuples(sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for &n in sizes {
        out = out
            .into_iter()
            .flat_map(|t| {
                (0..n).map(move |i| {
                    let mut t = t.clone();
                    t.push(i);
                    t
                })
            })
            .collect();
    }
    out
}

fn model(order: Order, n: usize, r: usize) -> Vec<Vec<usize>> {
    all_tuples(&vec![n; r])
        .into_iter()
        .filter(|t| match order {
            Order::Product => true,
            Order::Permutations => (0..t.len()).all(|i| !t[..i].contains(&t[i])),
            Order::Combinations => t.windows(2).all(|w| w[0] < w[1]),
            Order::WithReplacement => t.windows(2).all(|w| w[0] <= w[1]),
        })
        .collect()
}

#[test]
fn python_documents_these_walks() {
    // itertools' documentation: permutations(range(3)), combinations('ABCD', 2).
    assert_eq!(walk(Order::Permutations, vec![3], 3).len(), 6);
    assert_eq!(
        walk(Order::Combinations, vec![4], 2),
        [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
    );
    assert_eq!(walk(Order::Product, vec![], 0), [Vec::<usize>::new()]);
    assert_eq!(
        walk(Order::Product, vec![2, 0], 2),
        Vec::<Vec<usize>>::new()
    );
    assert_eq!(
        walk(Order::WithReplacement, vec![0], 0),
        [Vec::<usize>::new()]
    );
    assert_eq!(
        walk(Order::Permutations, vec![2], 3),
        Vec::<Vec<usize>>::new()
    );
}

quickcheck! {
    fn walks_are_the_lexicographic_tuples_of_their_rule(n: u8, r: u8) -> bool {
        let (n, r) = (usize::from(n % 6), usize::from(r % 5));
        [Order::Permutations, Order::Combinations, Order::WithReplacement]
            .into_iter()
            .all(|o| walk(o, vec![n], r) == model(o, n, r))
    }

    fn a_product_is_every_tuple(sizes: Vec<u8>) -> bool {
        let sizes: Vec<usize> = sizes.iter().take(4).map(|s| usize::from(s % 4)).collect();
        let r = sizes.len();
        walk(Order::Product, sizes.clone(), r) == all_tuples(&sizes)
    }
}
