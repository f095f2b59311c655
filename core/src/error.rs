//! The core's errors. Each names the objects involved and the rule that refused.

use crate::header::State;
use crate::ObjDesc;

/// An operation of the object model was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A write to a frozen object (semantics §2: Python's `TypeError`).
    #[error("object of type {} is immutable: cannot {op} {obj}", obj.ty)]
    Immutable {
        /// The frozen object written to.
        obj: ObjDesc,
        /// The refused operation (`"append to"`, `"set an item of"`, …).
        op: &'static str,
    },
    /// A list, dict or set used as a dict key or set element (Python's `TypeError`).
    #[error("unhashable type: '{ty}'")]
    Unhashable {
        /// The unhashable type's name.
        ty: String,
    },
    /// An index outside a sequence (Python's `IndexError`).
    #[error("{obj} index {index} out of range (length {len})")]
    IndexOutOfRange {
        /// The sequence.
        obj: ObjDesc,
        /// The index asked for.
        index: i64,
        /// The sequence's length.
        len: usize,
    },
    /// A missing dict key or set element (Python's `KeyError`).
    #[error("key {key} not found in {obj}")]
    KeyNotFound {
        /// The mapping or set.
        obj: ObjDesc,
        /// The key's repr.
        key: String,
    },
    /// A missing attribute (Python's `AttributeError`).
    #[error("{obj} has no attribute '{name}'")]
    AttributeNotFound {
        /// The instance or class.
        obj: ObjDesc,
        /// The attribute name.
        name: String,
    },
    /// `pop` from an empty list (Python's `IndexError`).
    #[error("pop from empty {obj}")]
    Empty {
        /// The empty list.
        obj: ObjDesc,
    },
    /// A typed handle was asked of an object of another kind (Python's `TypeError`).
    #[error("expected a {expected}, found {obj}")]
    WrongKind {
        /// The object.
        obj: ObjDesc,
        /// The kind's name that was expected.
        expected: &'static str,
    },
    /// A store into a region member of a mutable object outside that region. Only the
    /// region runtime's write barrier (capture, subregions, `RegionError`) may decide it.
    #[error("storing {target} into {holder} needs the region write barrier (floe-regions): the target is a mutable object outside the holder's region")]
    NeedsRegionBarrier {
        /// The region member written to.
        holder: ObjDesc,
        /// The object being stored.
        target: ObjDesc,
    },
    /// Only frozen objects can be shared between threads.
    #[error("cannot share {obj}: only frozen objects are Send + Sync")]
    NotFrozen {
        /// The mutable object.
        obj: ObjDesc,
    },
    /// A state change that the object model does not allow from the object's state.
    #[error("{obj} cannot become {to}: only {allowed} objects can")]
    InvalidTransition {
        /// The object.
        obj: ObjDesc,
        /// The state asked for.
        to: State,
        /// The state(s) the transition starts from.
        allowed: &'static str,
    },
    /// A frozen component must be closed under references: every reference out of a
    /// member goes to another member or to a frozen object (frozen is deep).
    #[error("cannot freeze {holder} without {target}: frozen objects may only reference frozen objects (freeze both together)")]
    ComponentNotClosed {
        /// The member holding the reference.
        holder: ObjDesc,
        /// The mutable object outside the component.
        target: ObjDesc,
    },
    /// The same object was named twice as a component member.
    #[error("{obj} is named twice in one frozen component")]
    DuplicateMember {
        /// The repeated object.
        obj: ObjDesc,
    },
    /// A frozen component needs at least one member.
    #[error("a frozen component needs at least one member")]
    EmptyComponent,
}
