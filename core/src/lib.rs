//! Floe's object model: values, heap objects with a state header, counting, sharing.
//!
//! Every heap object is in one [`State`] (semantics §1): **local** to the thread that made
//! it, a member of a **region**, or **frozen**. Handles follow the ownership rules in the
//! type system: an [`ObjRef`] (and a [`Value`] holding one) cannot leave its thread, and a
//! [`Frozen`] handle, which only a frozen object yields, is `Send + Sync`.
//!
//! ```
//! use floe_core::{freeze_component, Frozen, List, State, Value};
//!
//! let list = List::new([Value::from(1), Value::from("two")]);
//! list.push(Value::from(3.0)).unwrap();
//! assert_eq!(list.state(), State::Local);
//!
//! freeze_component(&[list.as_obj().clone()]).unwrap(); // no references out: one component
//! assert_eq!(list.state(), State::Frozen);
//! let err = list.push(Value::None).unwrap_err();
//! assert!(err.to_string().starts_with("object of type list is immutable"));
//!
//! let shared = Frozen::try_from(list.into_obj()).unwrap();
//! let len = std::thread::spawn(move || {
//!     floe_core::List::try_from(shared.get().clone()).unwrap().len()
//! });
//! assert_eq!(len.join().unwrap(), 3);
//! ```
//!
//! The design — header layout, counting, reclamation, the safety argument — is
//! RFC-0001, included below as [`rfc_0001`] so that its examples run as doc tests.

mod arena;
mod attrs;
mod body;
pub mod deep_freeze;
mod error;
mod frozen;
mod handle;
mod header;
mod inspect;
mod kinds;
mod native;
mod object;
mod ordered;
pub mod policy;
mod raw;
mod reclaim;
pub mod region;
mod slab;
mod sync;
mod text;
mod value;

pub use error::CoreError;
pub use frozen::{freeze_component, freeze_components, Frozen, View, ViewValue};
pub use header::{RegionId, State};
pub use kinds::class::{class_epoch, AttrHint, Class, Instance};
pub use kinds::mapping::{Dict, Set};
pub use kinds::sequence::{List, Tuple};
pub use native::{FrozenKey, FrozenValue, NativeBody};
pub use object::{Freezable, Kind, ObjDesc};
pub use raw::ObjRef;
pub use text::Str;
pub use value::{Key, KeyHashState, KeyHasher, Value, MAX_KEY_DEPTH};

/// This thread's heap: live-object counts and the collector for local cycles.
pub mod heap {
    pub use crate::reclaim::{
        collect, freed_all, local_objects, owned_count, thread_stats, HeapStats,
    };
}

#[doc = include_str!("../../RFCs/0001-object-model.md")]
pub mod rfc_0001 {}

#[cfg(all(test, loom))]
mod loom_tests;
#[cfg(all(test, not(loom)))]
mod tests;
