//! Frozen components and the `Send + Sync` handle to frozen objects (RFC-0001 §3).

use std::fmt;
use std::sync::atomic::Ordering::Relaxed;

use crate::header::State;
use crate::{reclaim, region, CoreError, Kind, ObjRef, Value};

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

/// Freezes several components at once: the bulk form of [`freeze_component`], for a
/// caller that has computed the components itself (deep freeze computes them in its walk:
/// [`crate::deep_freeze`], RFC-0003 §3). The union of the components
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
    let marked_objs: Vec<&crate::raw::ObjBox> = marked.iter().map(|m| m.obj()).collect();
    let regions = match region::plan_freeze(&marked_objs) {
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

/// The addresses of every immortal object: nothing is done with them, but they keep the
/// objects *reachable* for leak checkers (valgrind's memcheck) once the last handle is
/// gone, since being unreachable and never freed is what an immortal object is.
static IMMORTAL: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());

impl Frozen {
    /// Makes the object's whole frozen component **immortal** (RFC-0001 §4 rule 12a): it
    /// is never freed, and taking or dropping a reference to any of its members touches no
    /// count at all — no atomic, no shared cache line. For process-lifetime frozen data
    /// such as an interpreter's built-in types, which every thread references all the time.
    ///
    /// What the component references stays counted (and so alive forever). Threads that
    /// already hold references may go on using them: a count unit taken before is simply
    /// never returned.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Frozen, Tuple, Value};
    /// let t = Frozen::try_from(Tuple::new([Value::Int(1)]).into_obj()).unwrap();
    /// let forever = t.into_immortal();
    /// let copies: Vec<Frozen> = (0..3).map(|_| forever.clone()).collect();
    /// assert_eq!(forever.get().ref_count(), usize::MAX); // not counted
    /// drop(copies);
    /// assert!(forever.get().is_frozen());
    /// ```
    pub fn into_immortal(self) -> Frozen {
        use crate::header::{Component, Word};
        let members = match self.0.obj().header.word() {
            Word::Frozen(Component::Root(root)) => {
                // SAFETY: `self` is a referenced member of the component rooted there.
                unsafe { reclaim::component_members(crate::raw::root_at(root)) }
            }
            // SAFETY: `self` is a referenced member of the region frozen with that record.
            Word::Frozen(Component::Record(record)) => unsafe {
                region::frozen_record_members(record)
            },
            Word::Frozen(Component::Immortal(_)) => Vec::new(),
            Word::Local | Word::Region(_) => unreachable!("a Frozen holds a frozen object"),
        };
        let mut kept = IMMORTAL.lock().unwrap_or_else(|e| e.into_inner());
        for m in members {
            // SAFETY: members of a component we hold a reference to are live.
            unsafe { m.as_ref() }.header.set_immortal();
            kept.push(m.as_ptr() as usize);
        }
        self
    }

    /// A borrowed view of the object: reading through it, and viewing what it references,
    /// takes no reference and touches no count, however many threads do it at once
    /// (RFC-0003 §8).
    pub fn view(&self) -> View<'_> {
        View { obj: self.0.obj() }
    }
}

/// A read-only borrow of a frozen object, valid while the [`Frozen`] it came from lives.
///
/// A frozen object keeps everything it reaches alive (its references are counted, and
/// frozen bodies never change), so a view can hand out views of what it references for
/// the same lifetime, with no count traffic. Take a counted [`Frozen`] with
/// [`View::to_frozen`] only to keep something past the borrow.
///
/// # Examples
/// ```
/// use floe_core::{freeze_component, Frozen, List, Value, ViewValue};
/// let inner = List::new([Value::Int(7)]);
/// let outer = List::new([inner.clone().into()]);
/// freeze_component(&[inner.as_obj().clone()]).unwrap();
/// freeze_component(&[outer.as_obj().clone()]).unwrap();
/// let shared = Frozen::try_from(outer.into_obj()).unwrap();
/// let seven = std::thread::scope(|s| {
///     s.spawn(|| match shared.view().item(0) {
///         Some(ViewValue::Obj(inner)) => inner.item(0),
///         _ => None,
///     })
///     .join()
///     .unwrap()
/// });
/// assert!(matches!(seven, Some(ViewValue::Int(7))));
/// ```
#[derive(Clone, Copy)]
pub struct View<'a> {
    obj: &'a crate::raw::ObjBox,
}

/// A value seen through a [`View`].
#[derive(Clone, Copy, Debug)]
pub enum ViewValue<'a> {
    /// `None`.
    None,
    /// A bool.
    Bool(bool),
    /// An int.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'a str),
    /// A frozen object.
    Obj(View<'a>),
}

impl<'a> View<'a> {
    fn body(&self) -> &'a crate::body::Body {
        self.obj
            .frozen_body()
            .expect("views are only made of frozen objects")
    }

    fn see(v: &'a Value) -> ViewValue<'a> {
        match v {
            Value::None => ViewValue::None,
            Value::Bool(b) => ViewValue::Bool(*b),
            Value::Int(i) => ViewValue::Int(*i),
            Value::Float(x) => ViewValue::Float(*x),
            Value::Str(s) => ViewValue::Str(s),
            // The parent's body holds a counted reference to the child and never changes,
            // so the child lives as long as the parent: for 'a.
            Value::Obj(o) => ViewValue::Obj(View { obj: o.obj() }),
        }
    }

    /// The object's kind.
    pub fn kind(&self) -> Kind {
        self.obj.header.kind
    }

    /// The number of elements of a list or tuple, or entries of a dict or set.
    pub fn len(&self) -> Option<usize> {
        use crate::body::Body;
        match self.body() {
            Body::List(v) => Some(v.len()),
            Body::Tuple(v) => Some(v.len()),
            Body::Dict(m) => Some(m.len()),
            Body::Set(s) => Some(s.len()),
            _ => None,
        }
    }

    /// `true` if [`View::len`] is `Some(0)`.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Element `index` of a list or tuple.
    pub fn item(&self, index: usize) -> Option<ViewValue<'a>> {
        use crate::body::Body;
        match self.body() {
            Body::List(v) => v.get(index).map(View::see),
            Body::Tuple(v) => v.get(index).map(View::see),
            _ => None,
        }
    }

    /// The object's own attribute `name` (instances, classes, former bridges).
    pub fn attr(&self, name: &str) -> Option<ViewValue<'a>> {
        use crate::body::Body;
        match self.body() {
            Body::Instance { attrs, .. } | Body::Region(attrs) => attrs.get(name).map(View::see),
            Body::Class(c) => c.attrs.get(name).map(View::see),
            _ => None,
        }
    }

    /// The value for `key` in a dict.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`].
    pub fn lookup(&self, key: &Value) -> Result<Option<ViewValue<'a>>, CoreError> {
        let key = crate::Key::new(key.clone())?;
        Ok(match self.body() {
            crate::body::Body::Dict(m) => m.get(&key).map(View::see),
            _ => None,
        })
    }

    /// The object's identity (as [`ObjRef::id`]).
    pub fn id(&self) -> usize {
        self.obj as *const crate::raw::ObjBox as usize
    }

    /// A counted, shareable reference to the viewed object, to keep past the borrow.
    pub fn to_frozen(&self) -> Frozen {
        // SAFETY: the viewed object is frozen and kept alive by the `Frozen` the view
        // borrows from; frozen objects may be used by any thread.
        Frozen(unsafe { ObjRef::share(std::ptr::NonNull::from(self.obj)) })
    }
}

impl std::fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "View({} {:#x})", self.kind().name(), self.id())
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
