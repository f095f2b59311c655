//! The `serde` feature: a [`FrozenList`] is a sequence and a [`FrozenDict`] a map, in
//! insertion order, so a round trip through any self-describing format keeps both the
//! contents and the order.

use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{FrozenDict, FrozenList};

impl<T: Serialize> Serialize for FrozenList<T> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for FrozenList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(FrozenList::from)
    }
}

impl<K: Serialize, V: Serialize, S> Serialize for FrozenDict<K, V, S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.collect_map(self.iter())
    }
}

/// Reads a map's entries in the order the input gives them.
struct DictVisitor<D>(PhantomData<fn() -> D>);

impl<'de, K, V, S> Visitor<'de> for DictVisitor<FrozenDict<K, V, S>>
where
    K: Deserialize<'de> + Hash + Eq,
    V: Deserialize<'de>,
    S: BuildHasher + Default,
{
    type Value = FrozenDict<K, V, S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Bounded: a hostile length hint must not reserve unbounded memory.
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(pairs.into())
    }
}

impl<'de, K, V, S> Deserialize<'de> for FrozenDict<K, V, S>
where
    K: Deserialize<'de> + Hash + Eq,
    V: Deserialize<'de>,
    S: BuildHasher + Default,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DictVisitor(PhantomData))
    }
}
