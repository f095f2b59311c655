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
    /// Special methods' names, interned, by the address of the text a caller gave (a
    /// literal such as `"__lt__"` always has the same one): a hit compares an address
    /// and a few bytes instead of hashing the text.
    special_names: RefCell<Box<[Option<SpecialName>]>>,
}

/// A special method's name: the address of the text it was asked by, and the name
/// interned.
type SpecialName = (usize, Str);

/// How many special-method names [`MethodCache::lookup_special`] keeps (direct-mapped).
const SPECIAL_SLOTS: usize = 64;

impl Default for MethodCache {
    fn default() -> MethodCache {
        MethodCache {
            slots: RefCell::new((0..SLOTS).map(|_| None).collect()),
            special_names: RefCell::new((0..SPECIAL_SLOTS).map(|_| None).collect()),
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
        if let Some(place) = cached {
            return match place {
                Place::At { depth, index } => class.attr_at(depth, index, name),
                Place::Absent => None,
                Place::Elsewhere => class.lookup(name),
            };
        }
        let (place, found) = match class.lookup_slot(name) {
            Some((depth, index)) => (
                Place::At { depth, index },
                class.attr_at(depth, index, name),
            ),
            None => match class.lookup(name) {
                None => (Place::Absent, None),
                found => (Place::Elsewhere, found),
            },
        };
        self.slots.borrow_mut()[slot] = Some(Entry {
            class: class.id(),
            name: name.clone(),
            epoch,
            place,
        });
        found
    }

    /// [`MethodCache::lookup`] for a name given as text: through the cache if the name is
    /// interned (every name in a script's text is), else straight through the class — a
    /// name nobody interned is never interned here, so names made at run time
    /// (`getattr(o, key)`) do not live for ever.
    pub(crate) fn lookup_text(&self, class: &Class, name: &str) -> Option<Value> {
        NAMES.with(|s| {
            if let Some(n) = s.borrow().get(name) {
                return self.lookup(class, n);
            }
            let Some(n) = Str::find_interned(name) else {
                return class.lookup(name);
            };
            let found = self.lookup(class, &n);
            let mut names = s.borrow_mut();
            if names.len() < MAX_NAMES {
                names.insert(n);
            }
            found
        })
    }

    /// [`MethodCache::lookup`] for a special method's name (`__lt__`, `__enter__`: a
    /// fixed set of names, so they are interned).
    pub(crate) fn lookup_special(&self, class: &Class, name: &str) -> Option<Value> {
        let addr = name.as_ptr() as usize;
        let slot = (addr >> 3 ^ addr >> 10) & (SPECIAL_SLOTS - 1);
        {
            let names = self.special_names.borrow();
            // The text is compared too: a name built at run time may reuse an address.
            if let Some((at, interned)) = &names[slot] {
                if *at == addr && interned.as_str() == name {
                    return self.lookup(class, interned);
                }
            }
        }
        let interned = Str::intern(name);
        let found = self.lookup(class, &interned);
        self.special_names.borrow_mut()[slot] = Some((addr, interned));
        found
    }
}

thread_local! {
    /// Interned names looked up by text on this thread, kept so that the next lookup
    /// finds the interned string without the process-wide table's lock.
    static NAMES: RefCell<HashSet<Str, foldhash::fast::FixedState>> = RefCell::default();
}

/// How many names [`NAMES`] keeps.
const MAX_NAMES: usize = 4096;

/// The slot of a (class, name) pair.
fn slot_of(class: &Class, name: &Str) -> usize {
    let h = (class.id() >> 4) ^ (name.hash_code() as usize);
    h.wrapping_mul(0x9E37_79B9) >> 8 & (SLOTS - 1)
}
