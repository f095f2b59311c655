//! The method cache (RFC-0008 §5): where a class lookup found a method, kept per
//! interpreter keyed by the class and the name, and valid while no class anywhere has
//! changed ([`floe_core::class_epoch`]). It holds no reference — only positions, read
//! again on a hit — so it keeps nothing alive (a function the script dropped, and what
//! its defaults hold, go when the class goes). A method call on an instance then costs
//! one check that the instance does not shadow the name, and one cache probe.

use floe_core::{Class, Kind, ObjRef, Str, Value};

/// How many (class, name) pairs the cache holds (direct-mapped).
const SLOTS: usize = 256;

struct Entry {
    class: usize,
    name: Str,
    epoch: u64,
    /// Where the lookup found the name on the chain of first bases (`None`: not there).
    slot: Option<(u32, u32)>,
}

/// A direct-mapped cache of class lookups for method calls.
pub(crate) struct MethodCache {
    slots: Box<[Option<Entry>]>,
}

impl Default for MethodCache {
    fn default() -> MethodCache {
        MethodCache {
            slots: (0..SLOTS).map(|_| None).collect(),
        }
    }
}

impl MethodCache {
    /// The Python function `obj.name` binds as a method: found on an instance's class and
    /// not shadowed by the instance's own attribute (built-in classes hold none: their
    /// methods are native). `name` should be interned (the cache compares pointers).
    pub(crate) fn python_method(&mut self, obj: &Value, name: &Str) -> Option<ObjRef> {
        let Value::Obj(o) = obj else { return None };
        if o.kind() != Kind::Instance || o.has_own_attr(name) {
            return None;
        }
        let class = o.class_of()?;
        let epoch = floe_core::class_epoch();
        let slot = slot_of(&class, name);
        let found = match &self.slots[slot] {
            Some(e) if e.class == class.id() && Str::ptr_eq(&e.name, name) && e.epoch == epoch => {
                let (depth, index) = e.slot?;
                class.attr_at(depth, index, name)
            }
            _ => {
                self.slots[slot] = Some(Entry {
                    class: class.id(),
                    name: name.clone(),
                    epoch,
                    slot: class.lookup_slot(name),
                });
                class.lookup(name)
            }
        };
        match found {
            Some(Value::Obj(f)) if f.kind() == Kind::Function => Some(f),
            _ => None,
        }
    }
}

/// The slot of a (class, name) pair.
fn slot_of(class: &Class, name: &Str) -> usize {
    let h = (class.id() >> 4) ^ (name.hash_code() as usize);
    h.wrapping_mul(0x9E37_79B9) >> 8 & (SLOTS - 1)
}
