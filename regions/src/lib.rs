//! Floe's regions (RFC-0002): every mutable object lives in at most one region, a region
//! has one entry object (its bridge), and a closed region moves between threads whole,
//! in O(1).
//!
//! ```
//! use floe_core::{Dict, List, Value};
//! use floe_regions::{Region, RegionError};
//!
//! let r1 = Region::named("r1");
//! r1.set("data", Dict::new()).unwrap();
//! let r2 = Region::named("r2");
//!
//! // A region member may not point into another region.
//! let err = r2.set("data", r1.get("data").unwrap()).unwrap_err();
//! assert_eq!(err.python_name(), "RegionError");
//!
//! // But a region may own another region's bridge: r2 becomes r1's subregion.
//! r1.set("child", r2.clone()).unwrap();
//! assert!(r2.parent().is_some());
//!
//! // A closed region can leave the thread.
//! drop(r2);
//! r1.set("child", Value::None).unwrap(); // unparent (and free) r2
//! let sendable = r1.isolate().unwrap();
//! let n = std::thread::spawn(move || Region::from(sendable).len()).join().unwrap();
//! assert_eq!(n, 2); // the bridge and `data`
//! ```
//!
//! The write barrier and the counting that tells open from closed live in `floe-core`
//! (every store in the core runs them); this crate is the region API on top.
#![forbid(unsafe_code)]

mod error;
mod region;

pub use error::RegionError;
pub use floe_core::region::Isolated;
pub use region::{is_local, Region};

#[doc = include_str!("../../RFCs/0002-regions.md")]
pub mod rfc_0002 {}

/// The README's Rust examples, compiled and run as doc tests so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests;
