//! The payload of each object kind, and the references it holds.

use std::hash::{BuildHasherDefault, DefaultHasher};

use indexmap::{IndexMap, IndexSet};

use crate::value::{Key, KeyHasher, Str};
use crate::{ObjRef, Value};

/// Insertion-ordered map from hashable keys, hashing with each key's cached hash.
pub(crate) type DictMap = IndexMap<Key, Value, KeyHasher>;
/// Insertion-ordered set of hashable keys.
pub(crate) type SetMap = IndexSet<Key, KeyHasher>;
/// Attribute table of instances and classes, in definition order. Attribute names come
/// from program text, so a fixed-key hasher (no per-map random state) is enough.
pub(crate) type AttrMap = IndexMap<Str, Value, BuildHasherDefault<DefaultHasher>>;

/// What an object holds. The variant always matches the header's [`crate::Kind`].
pub(crate) enum Body {
    List(Vec<Value>),
    Tuple(Box<[Value]>),
    Dict(DictMap),
    Set(SetMap),
    Instance {
        class: ObjRef,
        attrs: AttrMap,
    },
    Class(Box<ClassBody>),
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
                for (k, v) in map {
                    each_value_ref([k.value(), v], &mut f);
                }
            }
            Body::Set(set) => each_value_ref(set.iter().map(Key::value), &mut f),
            Body::Instance { class, attrs } => {
                f(class);
                each_value_ref(attrs.values(), &mut f);
            }
            Body::Class(c) => {
                c.bases.iter().for_each(&mut f);
                each_value_ref(c.attrs.values(), &mut f);
            }
            Body::Dead => {}
        }
    }
}
