//! The payload of each object kind, and the references it holds.

pub(crate) use crate::attrs::AttrMap;
use crate::ordered::OrderedMap;

use crate::value::{Key, KeyHasher};
use crate::Str;
use crate::{NativeBody, ObjRef, Value};

/// Insertion-ordered map from hashable keys, hashing with each key's cached hash.
pub(crate) type DictMap = OrderedMap<Key, Value, KeyHasher>;
/// Insertion-ordered set of hashable keys.
pub(crate) type SetMap = OrderedMap<Key, (), KeyHasher>;
/// A list's or tuple's elements: up to [`INLINE_ITEMS`] live in the object itself, so a
/// small list or tuple is one allocation and reading it follows no second pointer
/// (RFC-0001 §2).
pub(crate) type ListItems = smallvec::SmallVec<[Value; INLINE_ITEMS]>;

/// `items` as a list's or tuple's elements. A few, of known number, are pushed in place
/// (`SmallVec`'s own `collect` reserves and re-checks its layout first: about 120
/// instructions for a pair, against about 30); more are collected into a vector whose
/// buffer the elements then keep (a `Vec` given here keeps its own buffer).
#[inline]
pub(crate) fn collect_items(items: impl IntoIterator<Item = Value>) -> ListItems {
    let items = items.into_iter();
    match items.size_hint() {
        (low, Some(high)) if low == high && high <= INLINE_ITEMS => {
            let mut out = ListItems::new();
            for v in items {
                out.push(v);
            }
            out
        }
        _ => {
            let all: Vec<Value> = items.collect();
            if all.len() <= INLINE_ITEMS {
                all.into_iter().collect()
            } else {
                ListItems::from_vec(all)
            }
        }
    }
}

/// How many elements a list keeps inline (the most that keep [`Body`] within 64 bytes).
pub(crate) const INLINE_ITEMS: usize = 3;

/// What an object holds. The variant always matches the header's [`crate::Kind`].
pub(crate) enum Body {
    List(ListItems),
    /// A tuple's elements, inline up to [`INLINE_ITEMS`] as a list's (a pair is one
    /// allocation).
    Tuple(ListItems),
    Dict(DictMap),
    Set(SetMap),
    Instance {
        class: ObjRef,
        attrs: AttrMap,
    },
    Class(Box<ClassBody>),
    /// A region's bridge: its attributes are region members (RFC-0002).
    Region(AttrMap),
    /// A type defined outside the core; always frozen (RFC-0004).
    Native(Box<dyn NativeBody>),
    /// The body of an object being freed.
    Dead,
}

/// A class: its name, its bases (single inheritance is what the interpreter uses, but the
/// representation allows more), and its attribute table (methods, class variables).
pub(crate) struct ClassBody {
    pub(crate) name: Str,
    pub(crate) bases: Vec<ObjRef>,
    pub(crate) attrs: AttrMap,
}

fn each_value_ref<'a>(values: impl IntoIterator<Item = &'a Value>, f: &mut impl FnMut(&ObjRef)) {
    for v in values {
        if let Value::Obj(o) = v {
            f(o);
        }
    }
}

impl Body {
    /// Calls `f` on every heap reference the body holds, once per reference (a list holding
    /// the same object twice reports it twice: references, not targets, are counted).
    pub(crate) fn for_each_ref(&self, mut f: impl FnMut(&ObjRef)) {
        match self {
            Body::List(items) => each_value_ref(items, &mut f),
            Body::Tuple(items) => each_value_ref(items.iter(), &mut f),
            Body::Dict(map) => {
                for (k, v) in map.iter() {
                    each_value_ref([k.value(), v], &mut f);
                }
            }
            Body::Set(set) => each_value_ref(set.keys().map(Key::value), &mut f),
            Body::Instance { class, attrs } => {
                f(class);
                each_value_ref(attrs.values(), &mut f);
            }
            Body::Class(c) => {
                c.bases.iter().for_each(&mut f);
                each_value_ref(c.attrs.values(), &mut f);
            }
            Body::Region(attrs) => each_value_ref(attrs.values(), &mut f),
            Body::Native(n) => n.for_each_value(&mut |v| {
                if let Value::Obj(o) = v {
                    f(o);
                }
            }),
            Body::Dead => {}
        }
    }

    /// Calls `f` on every value the body holds (keys and elements included; an instance's
    /// class and a class's bases, which are not values, are not visited).
    pub(crate) fn for_each_value(&self, mut f: impl FnMut(&Value)) {
        match self {
            Body::List(items) => items.iter().for_each(f),
            Body::Tuple(items) => items.iter().for_each(f),
            Body::Dict(map) => map.iter().for_each(|(k, v)| {
                f(k.value());
                f(v);
            }),
            Body::Set(set) => set.keys().for_each(|k| f(k.value())),
            Body::Instance { attrs, .. } | Body::Region(attrs) => attrs.values().for_each(f),
            Body::Class(c) => c.attrs.values().for_each(f),
            Body::Native(n) => n.for_each_value(&mut f),
            Body::Dead => {}
        }
    }

    /// Removes every value for which `pred` holds: a list or attribute value becomes
    /// `None`, a dict entry or set element whose key matches is removed. Returns the
    /// removed values, for the caller to drop after the body access.
    pub(crate) fn replace_values(&mut self, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut out = Vec::new();
        let mut take = |v: &mut Value| {
            if pred(v) {
                out.push(std::mem::replace(v, Value::None));
            }
        };
        match self {
            Body::List(items) => items.iter_mut().for_each(&mut take),
            Body::Tuple(items) => items.iter_mut().for_each(&mut take),
            Body::Dict(map) => {
                map.values_mut().for_each(&mut take);
                map.retain(|k, v| {
                    let keep = !pred(k.value());
                    if !keep {
                        out.push(k.value().clone());
                        out.push(std::mem::replace(v, Value::None));
                    }
                    keep
                });
            }
            Body::Set(set) => set.retain(|k, ()| {
                let keep = !pred(k.value());
                if !keep {
                    out.push(k.value().clone());
                }
                keep
            }),
            Body::Instance { attrs, .. } | Body::Region(attrs) => {
                attrs.values_mut().for_each(&mut take)
            }
            Body::Class(c) => c.attrs.values_mut().for_each(&mut take),
            // Native bodies are frozen from birth: no mutator ever reaches one.
            Body::Native(_) | Body::Dead => {}
        }
        out
    }
}
