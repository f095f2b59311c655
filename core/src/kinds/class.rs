//! User classes and their instances, and attribute access for every object that has
//! attributes (instances, classes, region bridges).

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

use smallvec::SmallVec;

use crate::body::{AttrMap, Body, ClassBody};
use crate::handle::typed_handle;
use crate::{CoreError, Kind, ObjRef, Str, Value};

/// Where a name was last found in an object's attribute table, or in a dict of names
/// (a module's globals, [`crate::Dict::get_str_hinted`]): the interpreter keeps one per
/// access site (an inline cache, RFC-0008 §5), so that objects built alike — whose
/// attributes were set in the same order — are read and written without hashing the
/// name. Any value is safe: a position that does not hold the name is a miss, looked up
/// by name (and the hint moved there).
///
/// # Examples
///
/// ```
/// use floe_core::{AttrHint, Class, Instance, Str, Value};
/// let c = Class::new("P", &[]);
/// let (a, b) = (Instance::new(&c), Instance::new(&c));
/// let (x, y) = (Str::intern("x"), Str::intern("y"));
/// let hint = AttrHint::default();
/// for p in [&a, &b] {
///     p.as_obj().set_attr_hinted(&x, Value::Int(1), &hint).unwrap();
///     p.as_obj().set_attr_hinted(&y, Value::Int(2), &hint).unwrap();
/// }
/// let at_y = AttrHint::new(1);
/// assert!(matches!(b.as_obj().own_attr_hinted(&y, &at_y), Some(Value::Int(2))));
/// // A miss at the hinted position, found by name.
/// assert!(matches!(b.as_obj().own_attr_hinted(&x, &at_y), Some(Value::Int(1))));
/// ```
#[derive(Debug, Default)]
pub struct AttrHint(AtomicU32);

impl AttrHint {
    /// A hint that looks at position `i` first.
    pub const fn new(i: u32) -> AttrHint {
        AttrHint(AtomicU32::new(i))
    }

    pub(crate) fn get(&self) -> usize {
        self.0.load(Relaxed) as usize
    }

    pub(crate) fn set(&self, i: usize) {
        self.0.store(u32::try_from(i).unwrap_or(u32::MAX), Relaxed);
    }
}

typed_handle!(
    /// A handle to a user class: a name, bases and an attribute table.
    ///
    /// Classes are ordinary objects with a state: a new class is local, and, as semantics
    /// §4 decides, it must be frozen explicitly before its instances can be. Classes are
    /// shared code: they never enter a region (semantics §2).
    Class,
    Class
);

typed_handle!(
    /// A handle to an instance of a user class, with its own attributes.
    Instance,
    Instance
);

/// `f` of the attribute table of an object with attributes; `None` for other objects
/// (the lookups' path: no error built, nothing large returned).
#[inline]
fn read_attrs<R>(obj: &ObjRef, f: impl FnOnce(&AttrMap) -> R) -> Option<R> {
    obj.obj().read(|b| attrs_of(b).map(f))
}

/// The attribute table in a body, if it has one.
fn attrs_of(b: &Body) -> Option<&AttrMap> {
    match b {
        Body::Class(c) => Some(&c.attrs),
        Body::Instance { attrs, .. } | Body::Region(attrs) => Some(attrs),
        _ => None,
    }
}

/// The attribute table of an object with attributes, or `WrongKind`.
fn with_attrs<R>(obj: &ObjRef, f: impl FnOnce(&AttrMap) -> R) -> Result<R, CoreError> {
    read_attrs(obj, f).ok_or_else(|| no_attrs(obj))
}

/// Counts every change to any class's attribute table, on any thread: a cache of what a
/// class lookup found is valid while this has not moved ([`class_epoch`]).
static CLASS_EPOCH: AtomicU64 = AtomicU64::new(0);

/// The number of class attribute changes (and class creations) so far: a lookup through
/// classes ([`Class::lookup`]) gives the same answer while this stays the same, so an
/// interpreter may cache it keyed by the class and this number.
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(Relaxed)
}

fn with_attrs_mut<R>(
    obj: &ObjRef,
    op: &'static str,
    f: impl FnOnce(&mut AttrMap) -> R,
) -> Result<R, CoreError> {
    obj.mutate(op, |b| match b {
        Body::Class(c) => {
            CLASS_EPOCH.fetch_add(1, Relaxed);
            Ok(f(&mut c.attrs))
        }
        Body::Instance { attrs, .. } | Body::Region(attrs) => Ok(f(attrs)),
        _ => Err(()),
    })?
    .map_err(|()| no_attrs(obj))
}

fn no_attrs(obj: &ObjRef) -> CoreError {
    CoreError::WrongKind {
        obj: obj.describe(),
        expected: "object with attributes",
    }
}

fn has_attrs(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Instance | Kind::Function | Kind::Class | Kind::Region
    )
}

impl ObjRef {
    /// The attribute `name`: an instance's own, else its class's (through the bases); a
    /// class's own or its bases'; a bridge's own.
    ///
    /// # Errors
    /// [`CoreError::AttributeNotFound`]; [`CoreError::WrongKind`] for objects without
    /// attributes.
    pub fn get_attr(&self, name: &str) -> Result<Value, CoreError> {
        let own = with_attrs(self, |a| a.get(name).cloned())?;
        let inherited = || match self.kind() {
            Kind::Instance | Kind::Function => Instance(self.clone()).class().lookup(name),
            Kind::Class => Class(self.clone()).lookup(name),
            _ => None,
        };
        own.or_else(inherited)
            .ok_or_else(|| CoreError::AttributeNotFound {
                obj: self.describe(),
                name: name.to_string(),
            })
    }

    /// Sets the attribute `name` (through the write barrier).
    ///
    /// # Errors
    /// [`CoreError::WrongKind`] for objects without attributes, then the barrier's errors
    /// (`Immutable` once frozen, `CrossRegion`, …). On error nothing changed.
    pub fn set_attr(&self, name: &str, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an attribute of";
        if !has_attrs(self.kind()) {
            return Err(no_attrs(self));
        }
        self.admit(OP, &[&value])?;
        // An existing name keeps its key. A new one interned already (every name in a
        // script's text is) is shared by the objects that use it; another is a string of
        // its own, not interned, so names made at run time do not live for ever.
        let old = with_attrs_mut(self, OP, |a| {
            a.set(name, value, || {
                Str::find_interned(name).unwrap_or_else(|| Str::from(name))
            })
        })?;
        old.into_iter().for_each(|v| self.discard(v));
        Ok(())
    }

    /// As [`ObjRef::set_attr`], looking at the hint's position first (and moving the
    /// hint to where the attribute is).
    ///
    /// # Errors
    /// As [`ObjRef::set_attr`]. On error nothing changed.
    pub fn set_attr_hinted(
        &self,
        name: &Str,
        value: Value,
        hint: &AttrHint,
    ) -> Result<(), CoreError> {
        const OP: &str = "set an attribute of";
        if !has_attrs(self.kind()) {
            return Err(no_attrs(self));
        }
        self.admit(OP, &[&value])?;
        let old = with_attrs_mut(self, OP, |a| {
            if let Some((k, slot)) = a.get_index_mut(hint.get()) {
                if k == name {
                    return Some(std::mem::replace(slot, value));
                }
            }
            let (i, old) = a.insert_full(name.clone(), value);
            hint.set(i);
            old
        })?;
        old.into_iter().for_each(|v| self.discard(v));
        Ok(())
    }

    /// `true` if the object has its own attribute `name` (a small table is scanned,
    /// comparing the strings' cached hashes, rather than hashing `name`).
    pub fn has_own_attr(&self, name: &Str) -> bool {
        read_attrs(self, |a| a.position(name).is_some()).unwrap_or(false)
    }

    /// As [`ObjRef::own_attr`], looking at the hint's position first (and moving the hint
    /// to where the attribute is).
    pub fn own_attr_hinted(&self, name: &Str, hint: &AttrHint) -> Option<Value> {
        self.with_own_attr_hinted(name, hint, |v| v.cloned())
    }

    /// Calls `f` with the object's own attribute `name` (`None` if it has none, or no
    /// attributes), borrowed: no count is taken or given back. The hint's position is
    /// looked at first (and the hint moved to where the attribute is). While `f` runs the
    /// object's attributes cannot be written (a store into them panics).
    ///
    /// # Examples
    ///
    /// ```
    /// use floe_core::{AttrHint, Class, Instance, Str, Value};
    /// let p = Instance::new(&Class::new("P", &[]));
    /// let x = Str::intern("x");
    /// p.as_obj().set_attr("x", Value::Int(7)).unwrap();
    /// let hint = AttrHint::default();
    /// let seven = p.as_obj().with_own_attr_hinted(&x, &hint, |v| matches!(v, Some(Value::Int(7))));
    /// assert!(seven);
    /// ```
    pub fn with_own_attr_hinted<R>(
        &self,
        name: &Str,
        hint: &AttrHint,
        f: impl FnOnce(Option<&Value>) -> R,
    ) -> R {
        self.with_own_attrs_hinted([(name, hint)], |[v]| f(v))
    }

    /// As [`ObjRef::with_own_attr_hinted`] for several attributes at once, read in one
    /// access to the body (a call reads a function's code and globals this way).
    ///
    /// # Examples
    ///
    /// ```
    /// use floe_core::{AttrHint, Class, Instance, Str, Value};
    /// let p = Instance::new(&Class::new("P", &[]));
    /// let (x, y) = (Str::intern("x"), Str::intern("y"));
    /// p.as_obj().set_attr("x", Value::Int(1)).unwrap();
    /// p.as_obj().set_attr("y", Value::Int(2)).unwrap();
    /// let hints = [AttrHint::new(0), AttrHint::new(1)];
    /// let sum = p.as_obj().with_own_attrs_hinted([(&x, &hints[0]), (&y, &hints[1])], |[a, b]| {
    ///     match (a, b) {
    ///         (Some(Value::Int(a)), Some(Value::Int(b))) => a + b,
    ///         _ => 0,
    ///     }
    /// });
    /// assert_eq!(sum, 3);
    /// ```
    pub fn with_own_attrs_hinted<const N: usize, R>(
        &self,
        names: [(&Str, &AttrHint); N],
        f: impl FnOnce([Option<&Value>; N]) -> R,
    ) -> R {
        self.obj().read(|b| {
            let attrs = attrs_of(b);
            f(names.map(|(name, hint)| {
                attrs.and_then(|a| match a.get_index(hint.get()) {
                    Some((k, v)) if k == name => Some(v),
                    _ => a.get_full(name).map(|(i, _, v)| {
                        hint.set(i);
                        v
                    }),
                })
            }))
        })
    }

    /// Deletes the object's own attribute `name`.
    ///
    /// # Errors
    /// [`CoreError::WrongKind`], [`CoreError::Immutable`], [`CoreError::AttributeNotFound`].
    pub fn del_attr(&self, name: &str) -> Result<(), CoreError> {
        let old = with_attrs_mut(self, "delete an attribute of", |a| a.shift_remove(name))?;
        match old {
            Some(v) => {
                self.discard(v);
                Ok(())
            }
            None => Err(CoreError::AttributeNotFound {
                obj: self.describe(),
                name: name.to_string(),
            }),
        }
    }

    /// The object's own attribute `name` (not its class's), if it has attributes and that
    /// one is set.
    pub fn own_attr(&self, name: &str) -> Option<Value> {
        read_attrs(self, |a| a.get(name).cloned()).flatten()
    }

    /// The class of an instance or function; `None` for other objects.
    pub fn class_of(&self) -> Option<Class> {
        self.obj().read(|b| match b {
            Body::Instance { class, .. } => Some(Class(class.clone())),
            _ => None,
        })
    }

    /// The object's own attribute names, in the order they were first set.
    ///
    /// # Errors
    /// [`CoreError::WrongKind`] for objects without attributes.
    pub fn attr_names(&self) -> Result<Vec<Str>, CoreError> {
        with_attrs(self, |a| a.keys().cloned().collect())
    }
}

impl Class {
    /// A new local class named `name` with `bases` (searched in order after the class).
    pub fn new(name: &str, bases: &[Class]) -> Class {
        let class = Class(ObjRef::alloc(
            Kind::Class,
            Body::Class(Box::new(ClassBody {
                name: Str::from(name),
                bases: bases.iter().map(|b| b.0.clone()).collect(),
                attrs: AttrMap::default(),
            })),
        ));
        // A class may be made where a freed one was: caches keyed by its address expire
        // (counted once it exists, so no cache can be filled for the old one after).
        CLASS_EPOCH.fetch_add(1, Relaxed);
        class
    }

    /// The class name.
    pub fn name(&self) -> Str {
        self.0.class_name()
    }

    /// The direct bases.
    pub fn bases(&self) -> Vec<Class> {
        self.0.obj().read(|b| match b {
            Body::Class(c) => c.bases.iter().map(|b| Class(b.clone())).collect(),
            _ => unreachable!("typed handle"),
        })
    }

    /// Looks `name` up in this class, then in its bases, depth first, left to right.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        // One read of the class: its own attribute, or its bases to search next.
        let (own, bases) = self.0.obj().read(|b| match b {
            Body::Class(c) => match c.attrs.get(name) {
                Some(v) => (Some(v.clone()), SmallVec::new()),
                None => (
                    None,
                    c.bases.iter().cloned().collect::<SmallVec<[ObjRef; 2]>>(),
                ),
            },
            _ => unreachable!("typed handle"),
        });
        own.or_else(|| bases.into_iter().find_map(|b| Class(b).lookup(name)))
    }

    /// Where [`Class::lookup`] finds `name` when it is on the chain of first bases: how
    /// many first bases up, and its position in that class's table (`None` when it is
    /// not found, or found off that chain). With [`Class::attr_at`], a cache that holds
    /// no reference to what it found (valid while [`class_epoch`] has not moved).
    pub fn lookup_slot(&self, name: &str) -> Option<(u32, u32)> {
        let mut class = self.0.clone();
        for depth in 0.. {
            let (found, next) = class.obj().read(|b| match b {
                Body::Class(c) => (c.attrs.get_index_of(name), c.bases.first().cloned()),
                _ => unreachable!("a class's bases are classes"),
            });
            if let Some(i) = found {
                return Some((depth, u32::try_from(i).ok()?));
            }
            class = next?;
        }
        None
    }

    /// The attribute at `index` of the class `depth` first bases up, if it is `name`
    /// (what [`Class::lookup_slot`] found, read again).
    pub fn attr_at(&self, depth: u32, index: u32, name: &Str) -> Option<Value> {
        let at = |class: &ObjRef| {
            read_attrs(class, |a| {
                a.get_index(index as usize)
                    .filter(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            })
            .flatten()
        };
        if depth == 0 {
            // The common case (a method of the instance's own class): no handle taken.
            return at(&self.0);
        }
        let mut class = self.0.clone();
        for _ in 0..depth {
            class = class.obj().read(|b| match b {
                Body::Class(c) => c.bases.first().cloned(),
                _ => unreachable!("a class's bases are classes"),
            })?;
        }
        at(&class)
    }

    /// `true` if `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        self.0.ptr_eq(&other.0) || self.bases().iter().any(|b| b.is_subclass(other))
    }
}

impl Instance {
    /// A new local instance of `class`, with no attributes.
    pub fn new(class: &Class) -> Instance {
        Instance(ObjRef::alloc(
            Kind::Instance,
            Body::Instance {
                class: class.0.clone(),
                attrs: AttrMap::default(),
            },
        ))
    }

    /// A new local **function** object of `class` (the interpreter's `function` type):
    /// attributes like an instance, but code like a class — it never enters a region
    /// while mutable (semantics §2).
    pub fn new_function(class: &Class) -> ObjRef {
        ObjRef::alloc(
            Kind::Function,
            Body::Instance {
                class: class.0.clone(),
                attrs: AttrMap::default(),
            },
        )
    }

    /// The instance's class.
    pub fn class(&self) -> Class {
        self.0.obj().read(|b| match b {
            Body::Instance { class, .. } => Class(class.clone()),
            _ => unreachable!("typed handle"),
        })
    }
}
