//! Floe's deep freeze (RFC-0003, semantics §4): `freeze(roots)` makes everything mutable
//! the roots reach deeply immutable, in place, all or nothing — grouping the graph into
//! strongly connected components, each reclaimed by one atomic count, and refusing
//! (instead of racing) when a mutable alias into the graph would survive.
//!
//! ```
//! use floe_core::{List, Value};
//! use floe_freeze::{freeze, FreezeError};
//!
//! let inner = List::new([]);
//! let a = List::new([inner.clone().into()]);
//! let b = List::new([inner.clone().into()]); // a second mutable holder of `inner`
//! let err = freeze(&[a.as_obj().clone()]).unwrap_err();
//! assert!(matches!(err, FreezeError::Isolation { .. }));
//! assert!(!a.is_frozen() && !inner.is_frozen()); // nothing changed
//! freeze(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap(); // freeze both holders
//! assert!(inner.is_frozen());
//! ```
#![forbid(unsafe_code)]

mod error;
mod freeze;
mod hooks;
mod policy;

pub use error::{Aliases, FreezeError, Path};
pub use freeze::{
    freeze, freeze_with, freeze_with_hooks, install_implicit_freezer, is_frozen,
    objects_visited_by_last_freeze,
};
pub use policy::{policy, set_policy, AliasPolicy, ClassPolicy, FreezePolicy};

#[doc = include_str!("../../RFCs/0003-freeze.md")]
pub mod rfc_0003 {}

#[cfg(test)]
mod tests;
