//! Cowns and behaviours (semantics §6, RFC-0005): regions move between threads in O(1),
//! and behaviours that hold several cowns run in scheduling order, in parallel where their
//! cowns are disjoint, without deadlock.
//!
//! ```
//! use floe_core::{List, Value};
//! use floe_cowns::{wait, when, Cown, Live};
//! use floe_regions::Region;
//!
//! let r = Region::named("log");
//! r.set("lines", List::new([])).unwrap();
//! let log = Cown::new(Live::Region(r)).unwrap();          // closed: moves in O(1)
//! for i in 0..3 {
//!     when(&[&log], move |held| {
//!         let lines = held[0].get().region().unwrap().get("lines").unwrap();
//!         List::try_from(lines.as_obj().unwrap().clone()).unwrap().push(Value::Int(i)).unwrap();
//!     });
//! }
//! let Live::Region(r) = wait(&log).unwrap() else { panic!() };   // back on this thread
//! let lines = List::try_from(r.get("lines").unwrap().as_obj().unwrap().clone()).unwrap();
//! assert_eq!(lines.len(), 3);
//! ```
//!
//! Unsafe code lives only in the private `raw` module (the lock-free protocol, each
//! block with its `SAFETY` argument); every other module forbids it.
#![deny(unsafe_code)]

mod behaviour;
mod cown;
mod error;
mod peek;
mod raw;
mod scheduler;
mod sync;

pub use behaviour::{in_behaviour, quiesce, try_when, wait, when, Handoff, Held};
pub use cown::{Cown, Live};
pub use error::CownError;
pub use scheduler::{set_workers, workers};

#[doc = include_str!("../../RFCs/0005-cowns-and-behaviours.md")]
pub mod rfc_0005 {}

#[cfg(all(test, not(loom)))]
mod tests;
