//! Floe's frozen collections, as ordinary Rust collections (RFC-0004): built once, then
//! shared by every thread with no lock. Read-optimised: the layout is chosen when the
//! collection is built, since it never changes afterwards.
//!
//! Both iterate by reference (`for x in &list`, `for (k, v) in &dict`) with named,
//! cloneable, exact-size, double-ended iterators, and in parallel through rayon's traits
//! (`par_iter`, `into_par_iter`). The `serde` feature adds `Serialize`/`Deserialize`.
//!
//! ```
//! use floe_immutable::rayon::prelude::*;
//! use floe_immutable::{FrozenDict, FrozenList};
//! use std::sync::Arc;
//!
//! let prices: FrozenDict<String, u32> =
//!     [("apple".to_string(), 3), ("pear".to_string(), 4)].into_iter().collect();
//! let shared = Arc::new(prices);
//! let readers: Vec<_> = (0..2)
//!     .map(|_| {
//!         let d = Arc::clone(&shared);
//!         std::thread::spawn(move || d.get("pear").copied())
//!     })
//!     .collect();
//! for r in readers {
//!     assert_eq!(r.join().unwrap(), Some(4));
//! }
//! let l: FrozenList<u32> = shared.values().copied().collect();
//! assert_eq!(l.par_iter().sum::<u32>(), 7);
//! assert_eq!(l.into_par_iter().map(|x| x * 2).sum::<u32>(), 14);
//! ```
#![forbid(unsafe_code)]

pub mod dict;
mod list;
mod object;
mod owned;
#[cfg(feature = "serde")]
mod serde_impls;

pub use dict::{DefaultHashBuilder, FrozenDict};
pub use list::FrozenList;
pub use object::{slice_indices, FrozenDictRef, FrozenListRef};
pub use owned::{OwnedIter, OwnedParIter, SharedSlice};
/// The rayon these collections' parallel iterators belong to (import its prelude).
pub use rayon;

#[doc = include_str!("../../RFCs/0004-frozen-collections.md")]
pub mod rfc_0004 {}

#[cfg(test)]
mod object_tests;
#[cfg(test)]
mod tests;
