//! Dict keys and set elements with Python's hashing: the core's rule for built-in values;
//! for an instance whose class defines `__hash__`, the user's hash and `__eq__` (and for a
//! tuple holding such an instance, its elements' hashes). The core never calls back: the
//! interpreter computes the hash, asks the dict or set for the stored keys with that hash
//! ([`Dict::find_key`]), compares them with `==` itself, and hands the core a ready key.
//! Values other than instances and tuples take the core's path unchanged.

use std::cell::Cell;
use std::hash::Hasher;

use floe_core::{
    class_epoch, Class, CoreError, Dict, Key, Kind, ObjRef, Set, Tuple, Value, MAX_KEY_DEPTH,
};

use crate::interp::{Args, Interp};
use crate::runtime::types;
use crate::Res;

/// How instances of a class hash.
enum HashRule {
    /// By identity (no `__hash__` or `__eq__` of the class's own): the core's rule.
    Identity,
    /// Not at all: `__hash__ = None`, or `__eq__` defined without `__hash__`.
    Unhashable,
    /// By the class's `__hash__`.
    User(Value),
    /// By its built-in base value (a subclass of `int`, `str`, `tuple`, … that defines
    /// neither `__hash__` nor `__eq__`).
    Base,
}

/// A dict or a set: where a key is looked up.
#[derive(Clone, Copy)]
pub(crate) enum Table<'a> {
    Dict(&'a Dict),
    Set(&'a Set),
}

impl Table<'_> {
    fn find_key(self, hash: u64, eq: impl FnMut(&Value) -> Res<bool>) -> Res<Option<Value>> {
        match self {
            Table::Dict(d) => d.find_key(hash, eq),
            Table::Set(s) => s.find_key(hash, eq),
        }
    }
}

/// The rule of a user class: the first class on the lookup path that defines `__hash__`
/// or `__eq__` decides (a class defining `__eq__` alone gets `__hash__ = None`, as in
/// Python 3).
fn class_rule(class: &Class, depth: usize) -> Option<HashRule> {
    if depth > 64 {
        return None;
    }
    let o = class.as_obj();
    if let Some(h) = o.own_attr("__hash__") {
        return Some(match h {
            Value::None => HashRule::Unhashable,
            f => HashRule::User(f),
        });
    }
    if o.own_attr("__eq__").is_some() {
        return Some(HashRule::Unhashable);
    }
    class.bases().iter().find_map(|b| class_rule(b, depth + 1))
}

/// Slots of the identity cache (direct-mapped by class address).
const CACHE_SLOTS: usize = 16;

thread_local! {
    /// Classes whose instances hash by identity, each with the class epoch it was seen
    /// at: valid while the epoch has not moved (any change to a class, and any new class,
    /// moves it). An instance used as a key costs one probe here, not a walk of its
    /// class chain.
    static BY_IDENTITY: [Cell<(u64, usize)>; CACHE_SLOTS] =
        const { [const { Cell::new((u64::MAX, 0)) }; CACHE_SLOTS] };
}

fn rule_of(o: &ObjRef) -> HashRule {
    if o.kind() != Kind::Instance {
        return HashRule::Identity;
    }
    let Some(class) = o.class_of() else {
        return HashRule::Identity;
    };
    let epoch = class_epoch();
    let id = class.as_obj().id();
    let slot = (id >> 4) % CACHE_SLOTS;
    if BY_IDENTITY.with(|c| c[slot].get()) == (epoch, id) {
        return HashRule::Identity;
    }
    let rule = class_rule_of(&class);
    if matches!(rule, HashRule::Identity) {
        BY_IDENTITY.with(|c| c[slot].set((epoch, id)));
    }
    rule
}

fn class_rule_of(class: &Class) -> HashRule {
    match types().builtin_name(class.as_obj()) {
        Some("bytearray") => return HashRule::Unhashable,
        Some(_) => return HashRule::Identity,
        None => {}
    }
    class_rule(class, 0).unwrap_or_else(|| match crate::subclass::builtin_base(class) {
        Some("list" | "dict" | "set" | "bytearray") => HashRule::Unhashable,
        Some(_) => HashRule::Base,
        None => HashRule::Identity,
    })
}

/// `true` if `v` hashes outside the core's rule: an instance of a class with `__hash__` or
/// `__eq__`, or a tuple holding one.
pub(crate) fn hashed_by_user(v: &Value, depth: usize) -> bool {
    let Value::Obj(o) = v else {
        return false;
    };
    match o.kind() {
        Kind::Instance => !matches!(rule_of(o), HashRule::Identity),
        // Read in place: a tuple of ints or strings (a common key) costs no copy here.
        Kind::Tuple if depth < MAX_KEY_DEPTH => Tuple::try_from(o.clone())
            .expect("a tuple")
            .with_items(|xs| xs.iter().any(|x| hashed_by_user(x, depth + 1))),
        _ => false,
    }
}

/// `false` for a value the core always keys by its own rule (no instance, no tuple): the
/// dict and set helpers hand it straight to the core.
#[inline]
fn maybe_user_hashed(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(o.kind(), Kind::Instance | Kind::Tuple))
}

/// The core hash of an `int` hash value: a user hash of `1` lands where the key `1` does.
fn hash_of_int(i: i64) -> u64 {
    Key::new(Value::Int(i))
        .expect("ints are hashable")
        .hash_code()
}

impl Interp {
    /// What an instance's `__hash__` returns, as `hash()` reports it (`None`: the
    /// instance hashes by identity, or `v` is no instance).
    ///
    /// # Errors
    /// `TypeError` for an unhashable instance or a `__hash__` that returns no int, and
    /// whatever `__hash__` raises.
    pub(crate) fn instance_hash(&mut self, v: &Value) -> Res<Option<i64>> {
        let Some(o) = v.as_obj() else {
            return Ok(None);
        };
        match rule_of(o) {
            HashRule::Identity => Ok(None),
            HashRule::Unhashable => Err(self.core_exc(
                CoreError::Unhashable {
                    ty: v.type_name().to_string(),
                },
                &[v],
            )),
            HashRule::Base => match crate::subclass::base_value(v) {
                Some(base) => self.hash(&base).map(Some),
                None => Ok(None),
            },
            HashRule::User(f) => {
                let r = self.call(&f, Args::of(vec![v.clone()]))?;
                match &r {
                    Value::Int(i) => Ok(Some(*i)),
                    Value::Bool(b) => Ok(Some(i64::from(*b))),
                    _ if crate::ops::as_big(&r).is_some() => self.hash(&r).map(Some),
                    _ => Err(self.exc("TypeError", "__hash__ method should return an integer")),
                }
            }
        }
    }

    /// The core hash of `v` when it is hashed by a user `__hash__` (`None`: the core's
    /// rule applies).
    fn user_hash(&mut self, v: &Value, depth: usize) -> Res<Option<u64>> {
        let Value::Obj(o) = v else {
            return Ok(None);
        };
        match o.kind() {
            Kind::Instance => Ok(self.instance_hash(v)?.map(hash_of_int)),
            Kind::Tuple if hashed_by_user(v, depth) => {
                let seed = foldhash::fast::FixedState::with_seed(0x7475_706c);
                let mut h = std::hash::BuildHasher::build_hasher(&seed);
                for x in Tuple::try_from(o.clone()).expect("a tuple").to_vec() {
                    let hx = match self.user_hash(&x, depth + 1)? {
                        Some(hx) => hx,
                        None => Key::new(x.clone())
                            .map_err(|e| self.core_exc(e, &[&x]))?
                            .hash_code(),
                    };
                    h.write_u64(hx);
                }
                Ok(Some(h.finish()))
            }
            _ => Ok(None),
        }
    }

    /// `hash(v)` of a tuple holding an instance hashed by a user `__hash__` (`None`:
    /// the core's rule applies).
    pub(crate) fn user_hash_value(&mut self, v: &Value) -> Res<Option<i64>> {
        Ok(self.user_hash(v, 0)?.map(|h| h as i64))
    }

    /// The key for `v` in `table`: the core's own, or — for a value hashed by the user —
    /// a key with the user's hash whose value is the equal key already stored (found with
    /// `==`), or `v` itself.
    #[inline]
    pub(crate) fn key_in(&mut self, table: Table, v: &Value) -> Res<Key> {
        match v {
            Value::Obj(o) if o.kind() == Kind::Instance => self.key_in_slow(table, v),
            Value::Obj(o) if o.kind() == Kind::Tuple => {
                // One walk hashes the tuple and finds whether it holds an instance.
                match Key::new_noting_instances(v.clone()) {
                    Ok((key, false)) => Ok(key),
                    Ok((_, true)) => self.key_in_slow(table, v),
                    Err(e) => Err(self.core_exc(e, &[v])),
                }
            }
            _ => Key::new(v.clone()).map_err(|e| self.core_exc(e, &[v])),
        }
    }

    /// [`Interp::key_in`] for an instance or a tuple.
    fn key_in_slow(&mut self, table: Table, v: &Value) -> Res<Key> {
        match self.user_hash(v, 0)? {
            None => Key::new(v.clone()).map_err(|e| self.core_exc(e, &[v])),
            Some(h) => {
                let found = table.find_key(h, |k| Ok(k.is(v) || self.eq(v, k)?))?;
                Ok(Key::with_hash(found.unwrap_or_else(|| v.clone()), h))
            }
        }
    }

    /// `d[k]` or `None`.
    #[inline]
    pub(crate) fn dict_get(&mut self, d: &Dict, k: &Value) -> Res<Option<Value>> {
        if !maybe_user_hashed(k) {
            return d.get(k).map_err(|e| self.core_exc(e, &[k]));
        }
        let key = self.key_in(Table::Dict(d), k)?;
        Ok(d.get_key(&key))
    }

    /// `d[k] = v`.
    #[inline]
    pub(crate) fn dict_set(&mut self, d: &Dict, k: Value, v: Value) -> Res<()> {
        if !maybe_user_hashed(&k) {
            return d.set(k.clone(), v.clone()).map_err(|e| {
                let dict: Value = d.clone().into();
                self.core_exc(e, &[&dict, &v, &k])
            });
        }
        let key = self.key_in(Table::Dict(d), &k)?;
        d.set_key(key, v.clone()).map_err(|e| {
            let dict: Value = d.clone().into();
            self.core_exc(e, &[&dict, &v, &k])
        })
    }

    /// Removes `k` from `d`: its value, or `None` if absent.
    pub(crate) fn dict_remove(&mut self, d: &Dict, k: &Value) -> Res<Option<Value>> {
        let key = self.key_in(Table::Dict(d), k)?;
        d.remove_key(&key).map_err(|e| {
            let dict: Value = d.clone().into();
            self.core_exc(e, &[&dict])
        })
    }

    /// A new dict of `pairs` (a later duplicate key wins).
    pub(crate) fn new_dict(&mut self, pairs: Vec<(Value, Value)>) -> Res<Dict> {
        let d = Dict::new();
        for (k, v) in pairs {
            self.dict_set(&d, k, v)?;
        }
        Ok(d)
    }

    /// `x in s`.
    #[inline]
    pub(crate) fn set_contains(&mut self, s: &Set, x: &Value) -> Res<bool> {
        if !maybe_user_hashed(x) {
            return s.contains(x).map_err(|e| self.core_exc(e, &[x]));
        }
        let key = self.key_in(Table::Set(s), x)?;
        Ok(s.contains_key(&key))
    }

    /// `s.add(x)`; `true` if it was new.
    pub(crate) fn set_add(&mut self, s: &Set, x: Value) -> Res<bool> {
        let key = self.key_in(Table::Set(s), &x)?;
        s.add_key(key).map_err(|e| {
            let set: Value = s.clone().into();
            self.core_exc(e, &[&set, &x])
        })
    }

    /// `s.discard(x)`; `true` if it was there.
    pub(crate) fn set_discard(&mut self, s: &Set, x: &Value) -> Res<bool> {
        let key = self.key_in(Table::Set(s), x)?;
        s.discard_key(&key).map_err(|e| {
            let set: Value = s.clone().into();
            self.core_exc(e, &[&set, x])
        })
    }

    /// A new set of `items` (duplicates collapse, the first kept).
    pub(crate) fn new_set(&mut self, items: Vec<Value>) -> Res<Set> {
        if !items.iter().any(|x| hashed_by_user(x, 0)) {
            return Set::new(items).map_err(|e| self.core_exc(e, &[]));
        }
        let s = Set::new([]).expect("an empty set");
        for x in items {
            self.set_add(&s, x)?;
        }
        Ok(s)
    }
}
