//! `RegionError`: every way a region rule can refuse, each naming the objects involved.

use floe_core::{CoreError, ObjDesc};

/// A region rule refused an operation. Nothing was changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RegionError {
    /// A rule of the object model: the write barrier (`CrossRegion`, `SecondOwner`,
    /// `RegionCycle`, `UnfrozenCode`), a write to a frozen object, `NotABridge`,
    /// `HasParent`, `StillOpen`, `NotIsolated`, …
    #[error(transparent)]
    Object(#[from] CoreError),
    /// `merge(src, sink)` where `sink` is not `src`'s parent (semantics §3).
    #[error("cannot merge the region of {src} into the region of {sink}: the sink is not the source's parent region")]
    NotParent {
        /// The source region's bridge.
        src: ObjDesc,
        /// The would-be sink's bridge.
        sink: ObjDesc,
    },
}

impl RegionError {
    /// The rule's name as Python's exception hierarchy sees it (semantics §2–§3):
    /// `"TypeError"` for writes to frozen objects and attribute misuse, `"IsolationError"`
    /// for hand-off of an open region, `"RegionError"` for the rest.
    pub fn python_name(&self) -> &'static str {
        match self {
            RegionError::Object(CoreError::Immutable { .. } | CoreError::WrongKind { .. }) => {
                "TypeError"
            }
            RegionError::Object(CoreError::AttributeNotFound { .. }) => "AttributeError",
            RegionError::Object(CoreError::NotIsolated { .. }) => "IsolationError",
            _ => "RegionError",
        }
    }
}
