//! The `Region` handle: a typed handle to a region's bridge.

use floe_core::region::{self as raw, Isolated, RegionInfo};
use floe_core::{CoreError, ObjRef, RegionId, State, Str, Value};

use crate::RegionError;

/// A handle to a region's **bridge**, the region's one entry object (semantics §3).
///
/// The bridge's attributes are region members: storing a local object into one captures
/// it and everything local it reaches; storing another region's member raises. Cloning
/// the handle clones the reference to the bridge (a local reference, like a Python
/// variable). A `Region` stays on its thread; [`Region::isolate`] makes a closed one
/// `Send`.
///
/// # Panics
/// A region ends when it is merged ([`Region::merge_into`]), dissolved
/// ([`Region::dissolve`]) or frozen; its handles then name an ordinary object, and the
/// accessors that read the region's record ([`Region::id`], [`Region::len`],
/// [`Region::owns`], [`Region::is_closed`] and the like) panic. `Region::try_from` on
/// [`Region::bridge`] tells whether the region still stands.
///
/// # Examples
/// ```
/// use floe_regions::Region;
/// use floe_core::{Dict, State, Value};
///
/// let r = Region::named("accounts");
/// let alice = Dict::new();
/// alice.set(Value::str("balance"), Value::Int(100)).unwrap();
/// r.set("alice", alice.clone()).unwrap(); // capture: alice moves into r
/// assert_eq!(alice.state(), State::InRegion(r.id()));
/// assert!(!r.is_closed()); // `alice` is a local reference into r
/// drop(alice);
/// assert!(r.is_closed());
/// ```
#[derive(Clone)]
pub struct Region(ObjRef);

impl Region {
    /// Creates a region and returns its bridge.
    pub fn new() -> Region {
        Region(raw::create(None))
    }

    /// Creates a named region (the name shows in messages and introspection).
    pub fn named(name: &str) -> Region {
        Region(raw::create(Some(name)))
    }

    /// The bridge object, as an untyped handle.
    pub fn bridge(&self) -> &ObjRef {
        &self.0
    }

    fn info(&self) -> Result<RegionInfo, RegionError> {
        Ok(raw::info(&self.0)?)
    }

    /// The region's record; panics once the region has ended (see the type's `# Panics`).
    fn live(&self) -> RegionInfo {
        self.info().unwrap_or_else(|e| ended(&e))
    }

    /// The region's id.
    pub fn id(&self) -> RegionId {
        self.live().id
    }

    /// The name given at creation.
    pub fn name(&self) -> Option<Str> {
        self.live().name
    }

    /// Local references point into the region (this handle included), or a subregion is
    /// open.
    pub fn is_open(&self) -> bool {
        self.live().is_open
    }

    /// Semantics §3's `is_closed(r)`: nothing local points at a member other than the
    /// bridge, and no subregion is open (references to the bridge, like this handle, do
    /// not count).
    pub fn is_closed(&self) -> bool {
        self.live().is_closed
    }

    /// Local references into the region, the bridge included (its LRC).
    pub fn local_refs(&self) -> usize {
        self.live().local_refs
    }

    /// The parent region, if this is a subregion.
    pub fn parent(&self) -> Option<Region> {
        self.live().parent.map(Region)
    }

    /// The direct subregions.
    pub fn subregions(&self) -> Vec<Region> {
        self.live().subregions.into_iter().map(Region).collect()
    }

    /// The number of members, the bridge included.
    pub fn len(&self) -> usize {
        self.live().members
    }

    /// Never true: a region always holds its bridge.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// `true` if `obj` is a member of this region.
    pub fn owns(&self, obj: &ObjRef) -> bool {
        raw::owns(&self.0, obj).unwrap_or_else(|e| ended(&e.into()))
    }

    /// Reads the bridge attribute `name` (a local reference: it opens the region while
    /// it lives).
    ///
    /// # Errors
    /// `AttributeNotFound`.
    pub fn get(&self, name: &str) -> Result<Value, RegionError> {
        Ok(self.0.get_attr(name)?)
    }

    /// Sets the bridge attribute `name`, through the write barrier (capture, subregion
    /// adoption).
    ///
    /// # Errors
    /// The barrier's errors (`CrossRegion`, `SecondOwner`, `RegionCycle`,
    /// `UnfrozenCode`). On error nothing changed.
    pub fn set(&self, name: &str, value: impl Into<Value>) -> Result<(), RegionError> {
        Ok(self.0.set_attr(name, value.into())?)
    }

    /// Merges this region into `sink`, which must be its parent: every member (the bridge
    /// included) joins `sink`, and this region's subregions become `sink`'s. Afterwards
    /// this handle refers to an ordinary member of `sink`.
    ///
    /// # Errors
    /// [`RegionError::NotParent`]. Nothing changed then.
    pub fn merge_into(&self, sink: &Region) -> Result<(), RegionError> {
        let parent = self.info()?.parent;
        if !parent.is_some_and(|p| p.ptr_eq(&sink.0)) {
            return Err(RegionError::NotParent {
                src: self.0.describe(),
                sink: sink.0.describe(),
            });
        }
        raw::merge_into_parent(&self.0)?;
        Ok(())
    }

    /// Dissolves the region: every member becomes local and every direct subregion
    /// parentless. Afterwards this handle refers to an ordinary local object.
    ///
    /// # Errors
    /// `HasParent` for a subregion. Nothing changed then.
    pub fn dissolve(&self) -> Result<(), RegionError> {
        Ok(raw::dissolve(&self.0)?)
    }

    /// Makes the region closed by setting to `None` every reference from a local object
    /// into it or its subregions (references to this bridge excepted).
    ///
    /// # Errors
    /// `StillOpen` when references held by Rust code remain (drop them first); nothing
    /// changed then.
    pub fn close(&self) -> Result<(), RegionError> {
        Ok(raw::close(&self.0)?)
    }

    /// Prepares the region to move to another thread: it must have no parent, be closed,
    /// and this must be the only reference to its bridge. On failure the handle comes
    /// back with the reason.
    ///
    /// # Errors
    /// `NotIsolated` (or `NotABridge` for a merged or dissolved region).
    pub fn isolate(self) -> Result<Isolated, (RegionError, Region)> {
        raw::isolate(self.0).map_err(|(e, bridge)| (e.into(), Region(bridge)))
    }
}

impl Default for Region {
    fn default() -> Region {
        Region::new()
    }
}

impl From<Isolated> for Region {
    /// Takes ownership of a region handed over from another thread.
    fn from(isolated: Isolated) -> Region {
        Region(isolated.into_bridge())
    }
}

impl TryFrom<ObjRef> for Region {
    type Error = RegionError;

    /// # Errors
    /// `NotABridge` unless `obj` is the bridge of a live region.
    fn try_from(obj: ObjRef) -> Result<Region, RegionError> {
        if raw::is_bridge(&obj) {
            Ok(Region(obj))
        } else {
            Err(CoreError::NotABridge {
                obj: obj.describe(),
            }
            .into())
        }
    }
}

impl From<Region> for Value {
    fn from(r: Region) -> Value {
        Value::Obj(r.0)
    }
}

impl std::fmt::Debug for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

/// The panic of an accessor called on a handle whose region has ended.
fn ended(e: &RegionError) -> ! {
    panic!("this Region handle's region has ended (merged, dissolved or frozen): {e}")
}

/// `true` if `obj` is local: owned by this thread, in no region and not frozen.
pub fn is_local(obj: &ObjRef) -> bool {
    obj.state() == State::Local
}
