//! Frozen components and the `Send + Sync` handle to frozen objects (RFC-0001 §3).

use std::fmt;
use std::sync::atomic::Ordering::Relaxed;

use crate::header::State;
use crate::{reclaim, region, CoreError, ObjRef, Value};

/// Freezes `members` as one **frozen component**: they share one atomic reference count,
/// held by the first member (the root), which counts the references from outside the
/// component; every member's header points at the root.
///
/// This is the primitive the deep-freeze algorithm (`floe-freeze`) applies to each
/// strongly connected component, in reverse topological order. It checks what makes the
/// result safe to share, so it is safe to call with any objects:
///
/// - every member is mutable (local, or a region member: RFC-0003 §7 — freezing a bridge
///   freezes its whole region);
/// - every reference out of a member points at another member or at a frozen object, so
///   frozen stays deep.
///
/// # Errors
/// [`CoreError::EmptyComponent`], [`CoreError::DuplicateMember`],
/// [`CoreError::InvalidTransition`] (a member is not local), [`CoreError::ComponentNotClosed`]
/// (names the member and the mutable object it references). On error nothing changed.
///
/// # Examples
/// ```
/// use floe_core::{freeze_component, List, Value};
/// let a = List::new([]);
/// let b = List::new([Value::from(a.clone())]);
/// a.push(b.clone().into()).unwrap(); // a <-> b: a cycle
/// assert!(freeze_component(&[a.as_obj().clone()]).is_err()); // b would stay mutable
/// freeze_component(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap();
/// assert!(a.is_frozen() && b.is_frozen());
/// assert!(a.push(Value::None).is_err());
/// ```
pub fn freeze_component(members: &[ObjRef]) -> Result<(), CoreError> {
    freeze_components(&[members])
}

/// Freezes several components at once: the bulk form of [`freeze_component`], as
/// `floe-freeze` uses it for a whole graph (RFC-0003 §3). The union of the components
/// must be closed under references (every reference out of a member goes to a member of
/// any of them, or to a frozen object); each component gets one count, of the references
/// into it from outside it.
///
/// Any partition of a closed set is safe. A partition whose components reference each
/// other in a cycle (not strongly connected components) only leaks: those components
/// keep each other's counts above zero.
///
/// # Errors
/// As [`freeze_component`]; nothing changed then.
pub fn freeze_components(components: &[&[ObjRef]]) -> Result<(), CoreError> {
    let mut marked: Vec<&ObjRef> = Vec::new();
    let unmark = |marked: &[&ObjRef]| {
        for m in marked {
            m.obj().header.mark.store(false, Relaxed);
        }
    };
    for component in components {
        if component.is_empty() {
            unmark(&marked);
            return Err(CoreError::EmptyComponent);
        }
        for m in component.iter() {
            if m.is_frozen() {
                unmark(&marked);
                return Err(CoreError::InvalidTransition {
                    obj: m.describe(),
                    to: State::Frozen,
                    allowed: "local or region",
                });
            }
            if m.obj().header.mark.swap(true, Relaxed) {
                unmark(&marked);
                return Err(CoreError::DuplicateMember { obj: m.describe() });
            }
            marked.push(m);
        }
    }
    for m in &marked {
        let mut outside = None;
        m.obj().read(|b| {
            b.for_each_ref(|r| {
                if outside.is_none() && !r.is_frozen() && !r.obj().header.mark.load(Relaxed) {
                    outside = Some(r.clone());
                }
            })
        });
        if let Some(target) = outside {
            unmark(&marked);
            return Err(CoreError::ComponentNotClosed {
                holder: m.describe(),
                target: target.describe(),
            });
        }
    }
    let regions = match region::plan_freeze(&marked) {
        Ok(plan) => plan,
        Err(e) => {
            unmark(&marked);
            return Err(e);
        }
    };
    region::leave_for_freeze(&regions);
    reclaim::seal_components(components);
    region::end_frozen(regions);
    Ok(())
}

/// A counted reference to a frozen object: `Send + Sync`, so any number of threads may
/// hold and read it with no lock.
///
/// The only way to make one is from an object that is already frozen, and frozen objects
/// only reference frozen objects, so everything reachable through a `Frozen` is immutable.
/// Cloning and dropping update the component's one atomic count (RFC-0001 §3).
///
/// # Examples
/// ```
/// use floe_core::{Frozen, Tuple, Value};
/// let t = Tuple::new([Value::from(1), Value::from("two")]); // frozen at birth
/// let shared = Frozen::try_from(t.as_obj().clone()).unwrap();
/// let seen = std::thread::spawn(move || shared.get().references().len()).join().unwrap();
/// assert_eq!(seen, 0);
/// ```
#[derive(Clone)]
pub struct Frozen(ObjRef);

// SAFETY: a `Frozen` only ever wraps a frozen object (checked in `try_from`). Frozen objects
// never change again and only reference frozen objects (RFC-0001 §5 invariant 3), and their
// counts are updated with atomic read-modify-writes at the component root, so using the
// handle, or anything reached through it, from another thread cannot race. The freeze
// happened-before the other thread received the handle (spawn/channel synchronise).
unsafe impl Send for Frozen {}
// SAFETY: as for `Send`: `&Frozen` only allows reads and count updates, which are race-free
// for frozen objects.
unsafe impl Sync for Frozen {}

impl Frozen {
    /// The object, as a handle usable on this thread.
    pub fn get(&self) -> &ObjRef {
        &self.0
    }

    /// A new reference to the object as a [`Value`] on this thread.
    pub fn to_value(&self) -> Value {
        Value::Obj(self.0.clone())
    }
}

impl TryFrom<ObjRef> for Frozen {
    type Error = CoreError;

    /// # Errors
    /// [`CoreError::NotFrozen`] if the object is not frozen.
    fn try_from(obj: ObjRef) -> Result<Frozen, CoreError> {
        if obj.is_frozen() {
            Ok(Frozen(obj))
        } else {
            Err(CoreError::NotFrozen {
                obj: obj.describe(),
            })
        }
    }
}

impl fmt::Debug for Frozen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}
