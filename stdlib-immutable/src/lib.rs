//! Floe's frozen collections, as ordinary Rust collections (RFC-0004): built once, then
//! shared by every thread with no lock. Read-optimised: the layout is chosen when the
//! collection is built, since it never changes afterwards.
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
//! ```
#![forbid(unsafe_code)]

mod dict;
mod list;
mod object;

pub use dict::{FrozenDict, SMALL};
pub use list::FrozenList;
pub use object::{slice_indices, FrozenDictRef, FrozenListRef};
/// The rayon these collections' parallel iterators belong to (import its prelude).
pub use rayon;

#[doc = include_str!("../../RFCs/0004-frozen-collections.md")]
pub mod rfc_0004 {}

#[cfg(test)]
mod object_tests;
#[cfg(test)]
mod tests;
