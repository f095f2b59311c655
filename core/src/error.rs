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
    /// A reference from a region member into another region (semantics §2; Python's
    /// `RegionError`). `holder` holds the reference: the object written to, or, when a
    /// capture failed deep inside a local graph, the local object that reaches `target`.
    #[error("{holder} cannot reference {target}: it belongs to another region (a region member may only reference its own region, frozen objects, and the bridge of a region with no parent)")]
    CrossRegion {
        /// The object holding the refused reference.
        holder: ObjDesc,
        /// The object in another region.
        target: ObjDesc,
    },
    /// A second owning reference to a region's bridge (semantics §2; `RegionError`).
    #[error("{holder} cannot reference {target}: that region already has an owner (a bridge has at most one owning reference)")]
    SecondOwner {
        /// The object holding the refused reference.
        holder: ObjDesc,
        /// The bridge already owned.
        target: ObjDesc,
    },
    /// Making a region a subregion of itself or of one of its descendants
    /// (semantics §2; `RegionError`).
    #[error("{holder} cannot reference {target}: its region would become its own ancestor (regions form a forest)")]
    RegionCycle {
        /// The object holding the refused reference.
        holder: ObjDesc,
        /// The bridge of an ancestor region.
        target: ObjDesc,
    },
    /// A mutable class, function or generator (code) would enter a region (semantics §2;
    /// `RegionError`).
    #[error("{holder} cannot reference {target}: classes, functions and generators are code and never enter a region while mutable; freeze it first (freeze(C) or @frozen; a generator cannot be frozen)")]
    UnfrozenCode {
        /// The object holding the reference.
        holder: ObjDesc,
        /// The mutable class.
        target: ObjDesc,
    },
    /// A region operation on an object that is not a region's bridge.
    #[error("{obj} is not the bridge of a region")]
    NotABridge {
        /// The object.
        obj: ObjDesc,
    },
    /// The `implicit_freezing` policy asked to freeze `target`, but no freezer is
    /// installed in this process (`floe-freeze` installs one), or the freezer left it
    /// mutable.
    #[error("cannot freeze {target} implicitly: the implicit_freezing policy is on but no freezer is installed (or it left the target mutable)")]
    NoFreezer {
        /// The object the store would have frozen.
        target: ObjDesc,
    },
    /// The `implicit_freezing` policy's freezer refused to freeze `target`.
    #[error("cannot freeze {target} implicitly: {reason}")]
    ImplicitFreeze {
        /// The object the store would have frozen.
        target: ObjDesc,
        /// The freezer's error.
        reason: String,
    },
    /// An operation that needs a region member got an object in no region.
    #[error("{obj} is not a member of any region")]
    NotInRegion {
        /// The object.
        obj: ObjDesc,
    },
    /// `merge` of a region with no parent (semantics §3; `RegionError`).
    #[error("cannot merge the region of {bridge}: it has no parent region to merge into")]
    NoParent {
        /// The bridge.
        bridge: ObjDesc,
    },
    /// `dissolve` of a subregion (semantics §3; `RegionError`).
    #[error("cannot dissolve the region of {bridge}: it is a subregion of the region of {parent}")]
    HasParent {
        /// The bridge.
        bridge: ObjDesc,
        /// The parent's bridge.
        parent: ObjDesc,
    },
    /// A region handed to another thread must be parentless and closed, its bridge
    /// referenced only by the handle being handed over (semantics §6).
    #[error("cannot hand off the region of {bridge}: {reason}")]
    NotIsolated {
        /// The bridge.
        bridge: ObjDesc,
        /// What still ties the region to this thread.
        reason: String,
    },
    /// `close` could not clear every local reference: some are held outside the heap
    /// (by Rust code), which only their holder can drop.
    #[error("cannot close the region of {bridge}: {handles} local reference(s) into it are held outside the object heap")]
    StillOpen {
        /// The bridge.
        bridge: ObjDesc,
        /// How many references remain.
        handles: usize,
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
    /// Freezing a bridge freezes its whole region: every member must be frozen with it.
    #[error("freezing {bridge} freezes its whole region, but {member} is not among the objects being frozen")]
    RegionPartlyFrozen {
        /// The bridge being frozen.
        bridge: ObjDesc,
        /// A member of its region left out.
        member: ObjDesc,
    },
    /// The same object was named twice as a component member.
    #[error("{obj} is named twice in one frozen component")]
    DuplicateMember {
        /// The repeated object.
        obj: ObjDesc,
    },
    /// A key nested deeper than [`crate::MAX_KEY_DEPTH`] (Python's `RecursionError`).
    #[error("maximum recursion depth exceeded in {what} of a deeply nested key")]
    TooDeep {
        /// What recursed: `"hash"`.
        what: &'static str,
    },
    /// A frozen component needs at least one member.
    #[error("a frozen component needs at least one member")]
    EmptyComponent,
}
