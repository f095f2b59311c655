//! The method cache (RFC-0008 §5): what a class lookup found, kept per interpreter keyed
//! by the class and the name, and valid while no class anywhere has changed
//! ([`floe_core::class_epoch`]). It holds no reference — only positions, read again on a
//! hit — so it keeps nothing alive (a function the script dropped, and what its defaults
//! hold, go when the class goes). A method call on an instance then costs one check that
//! the instance does not shadow the name, and one cache probe; a special method
//! (`__lt__`, `__eq__`, …) one probe, and one for a class that does not define it.

use std::cell::RefCell;
use std::collections::HashSet;

use floe_core::{Class, Kind, ObjRef, Str, Value};

/// How many (class, name) pairs the cache holds (direct-mapped).
const SLOTS: usize = 256;

/// Where a class lookup found a name.
#[derive(Clone, Copy)]
enum Place {
    /// In the table of the class `depth` first bases up, at `index`.
    At { depth: u32, index: u32 },
    /// Nowhere: the class and its bases do not define it.
    Absent,
    /// Off the chain of first bases: looked up again each time.
    Elsewhere,
}

struct Entry {
    class: usize,
    name: Str,
    epoch: u64,
    place: Place,
}

/// A direct-mapped cache of class lookups, usable through a shared borrow of the
/// interpreter (special methods are looked up from `&self`).
pub(crate) struct MethodCache {
    slots: RefCell<Box<[Option<Entry>]>>,
}

impl Default for MethodCache {
    fn default() -> MethodCache {
        MethodCache {
            slots: RefCell::new((0..SLOTS).map(|_| None).collect()),
        }
    }
}

impl MethodCache {
    /// The Python function `obj.name` binds as a method: found on an instance's class and
    /// not shadowed by the instance's own attribute (built-in classes hold none: their
    /// methods are native). `name` should be interned (the cache compares pointers).
    pub(crate) fn python_method(&self, obj: &Value, name: &Str) -> Option<ObjRef> {
        let Value::Obj(o) = obj else { return None };
        if o.kind() != Kind::Instance || o.has_own_attr(name) {
            return None;
        }
        match self.lookup(&o.class_of()?, name) {
            Some(Value::Obj(f)) if f.kind() == Kind::Function => Some(f),
            _ => None,
        }
    }

    /// `class.lookup(name)`, from the cache when it has the answer (a name found on the
    /// chain of first bases, or found nowhere).
    pub(crate) fn lookup(&self, class: &Class, name: &Str) -> Option<Value> {
        let epoch = floe_core::class_epoch();
        let slot = slot_of(class, name);
        let cached = match &self.slots.borrow()[slot] {
            Some(e) if e.class == class.id() && Str::ptr_eq(&e.name, name) && e.epoch == epoch => {
                Some(e.place)
            }
            _ => None,
        };
        let place = match cached {
            Some(place) => place,
            None => {
                let place = match class.lookup_slot(name) {
                    Some((depth, index)) => Place::At { depth, index },
                    None if class.lookup(name).is_none() => Place::Absent,
                    None => Place::Elsewhere,
                };
                self.slots.borrow_mut()[slot] = Some(Entry {
                    class: class.id(),
                    name: name.clone(),
                    epoch,
                    place,
                });
                place
            }
        };
        match place {
            Place::At { depth, index } => class.attr_at(depth, index, name),
            Place::Absent => None,
            Place::Elsewhere => class.lookup(name),
        }
    }
}

thread_local! {
    /// Names looked up through the cache on this thread, interned once: the cache
    /// compares names by pointer, and lookups by name (`getattr`, the operators' special
    /// methods) come with a `&str`.
    static NAMES: RefCell<HashSet<Str, foldhash::fast::FixedState>> = RefCell::default();
}

/// How many names [`NAMES`] keeps (a script making attribute names on the fly would
/// otherwise grow it without bound; past this, names are interned each time).
const MAX_NAMES: usize = 4096;

/// `f` of the interned string equal to `name` (no count taken for a name seen before).
pub(crate) fn with_name<R>(name: &str, f: impl FnOnce(&Str) -> R) -> R {
    NAMES.with(|s| {
        if let Some(n) = s.borrow().get(name) {
            return f(n);
        }
        let n = Str::intern(name);
        let r = f(&n);
        let mut names = s.borrow_mut();
        if names.len() < MAX_NAMES {
            names.insert(n);
        }
        r
    })
}

/// The slot of a (class, name) pair.
fn slot_of(class: &Class, name: &Str) -> usize {
    let h = (class.id() >> 4) ^ (name.hash_code() as usize);
    h.wrapping_mul(0x9E37_79B9) >> 8 & (SLOTS - 1)
}
