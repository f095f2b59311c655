//! `list` and `tuple`.

use crate::body::{collect_items, Body, ListItems};
use crate::handle::{resolve_index, typed_handle};
use crate::object::Settle;
use crate::{region, CoreError, Kind, ObjRef, Value};

typed_handle!(
    /// A handle to a `list`: a mutable sequence.
    List,
    List
);

typed_handle!(
    /// A handle to a `tuple`: an immutable sequence, frozen at birth when all its
    /// elements are frozen (semantics §1).
    Tuple,
    Tuple
);

impl ObjRef {
    /// Element `index` (negative counts from the end) of a list or tuple; `None` for
    /// another kind of object or an index out of range (the interpreter's fast path for
    /// `seq[i]`, which falls back to the typed handles for the error).
    #[inline]
    pub fn seq_item(&self, index: i64) -> Option<Value> {
        if !matches!(self.kind(), Kind::List | Kind::Tuple) {
            return None;
        }
        item_at(self, index).ok()
    }

    /// Calls `f` with the elements of a list or tuple, read in place (no copy, no count
    /// taken); `None` for another kind of object.
    ///
    /// # Panics
    /// If `f` writes to this sequence.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Tuple, Value};
    /// let t = Tuple::new([Value::Int(1), Value::Int(2)]);
    /// assert_eq!(t.as_obj().with_seq_items(<[Value]>::len), Some(2));
    /// ```
    pub fn with_seq_items<R>(&self, f: impl FnOnce(&[Value]) -> R) -> Option<R> {
        if !matches!(self.kind(), Kind::List | Kind::Tuple) {
            return None;
        }
        Some(self.obj().read(|b| match b {
            Body::List(v) => f(v),
            Body::Tuple(v) => f(v),
            _ => unreachable!("checked kind"),
        }))
    }

    /// The elements of a list or tuple at `indices` (positions in range, as a slice's
    /// are), read in one access to the body; `None` for another kind of object. An
    /// index past the end (the sequence shrank meanwhile) is skipped.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{List, Value};
    /// let l = List::new([Value::Int(1), Value::Int(2), Value::Int(3)]);
    /// let picked = l.as_obj().seq_select(&[2, 0]).unwrap();
    /// assert!(matches!(picked[..], [Value::Int(3), Value::Int(1)]));
    /// ```
    pub fn seq_select(&self, indices: &[usize]) -> Option<Vec<Value>> {
        if !matches!(self.kind(), Kind::List | Kind::Tuple) {
            return None;
        }
        Some(self.obj().read(|b| {
            let items: &[Value] = match b {
                Body::List(v) => v,
                Body::Tuple(v) => v,
                _ => unreachable!("checked kind"),
            };
            indices
                .iter()
                .filter_map(|&i| items.get(i).cloned())
                .collect()
        }))
    }
}

/// Element `index` of a list or tuple, or the length it is out of range of (a small
/// result: the fast path builds no error).
#[inline]
fn item_at(obj: &ObjRef, index: i64) -> Result<Value, usize> {
    obj.obj().read(|b| {
        let items: &[Value] = match b {
            Body::List(v) => v,
            Body::Tuple(v) => v,
            _ => unreachable!("typed handle"),
        };
        resolve_index(index, items.len())
            .map(|i| items[i].clone())
            .ok_or(items.len())
    })
}

/// Reads element `index` of a list or tuple.
fn get_item(obj: &ObjRef, index: i64) -> Result<Value, CoreError> {
    item_at(obj, index).map_err(|len| CoreError::IndexOutOfRange {
        obj: obj.describe(),
        index,
        len,
    })
}

/// The read operations lists and tuples share.
macro_rules! sequence_reads {
    ($name:ident) => {
        impl $name {
            /// The number of elements.
            pub fn len(&self) -> usize {
                seq_len(&self.0)
            }

            /// `true` if there are no elements.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Element `index` (negative counts from the end).
            ///
            /// # Errors
            /// [`CoreError::IndexOutOfRange`].
            pub fn get(&self, index: i64) -> Result<Value, CoreError> {
                get_item(&self.0, index)
            }

            /// The elements, as a snapshot.
            pub fn to_vec(&self) -> Vec<Value> {
                self.0.items_snapshot()
            }

            /// Calls `f` with the elements, read in place (no copy of the sequence).
            ///
            /// # Panics
            /// If `f` writes to this sequence.
            pub fn with_items<R>(&self, f: impl FnOnce(&[Value]) -> R) -> R {
                self.0.with_items(f)
            }
        }
    };
}

sequence_reads!(List);
sequence_reads!(Tuple);

#[inline]
fn seq_len(obj: &ObjRef) -> usize {
    obj.obj().read(|b| match b {
        Body::List(v) => v.len(),
        Body::Tuple(v) => v.len(),
        _ => unreachable!("typed handle"),
    })
}

impl List {
    /// A new local list holding `items`.
    pub fn new(items: impl IntoIterator<Item = Value>) -> List {
        List(ObjRef::alloc(Kind::List, Body::List(collect_items(items))))
    }

    /// A new list allocated directly in the region of `member` (its bridge or any member),
    /// holding `items`, which go through the write barrier as stores into `member` would.
    ///
    /// # Errors
    /// [`CoreError::NotInRegion`], then the barrier's errors. Nothing is allocated then.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{region, List, State, Value};
    /// let r = region::create(None);
    /// let l = List::new_in(&r, [Value::Int(1)]).unwrap();
    /// assert_eq!(l.state(), r.state());
    /// ```
    pub fn new_in(
        member: &ObjRef,
        items: impl IntoIterator<Item = Value>,
    ) -> Result<List, CoreError> {
        region::alloc_in(member, Kind::List, collect_items(items), Body::List).map(List)
    }

    /// Runs `f` on the vector of a non-frozen list. Operations that store a value run
    /// the write barrier (`ObjRef::admit`) first.
    #[inline]
    fn vec_mut<R>(
        &self,
        op: &'static str,
        f: impl FnOnce(&mut ListItems) -> R,
    ) -> Result<R, CoreError> {
        self.0.mutate(op, |b| match b {
            Body::List(v) => f(v),
            _ => unreachable!("typed handle"),
        })
    }

    /// As [`List::vec_mut`], once the write barrier has admitted a store into the list
    /// (so it is not frozen: no check needed).
    ///
    /// # Safety
    /// `f` only moves values in and out of the vector (and may allocate): it reaches no
    /// Floe object.
    #[inline]
    // SAFETY: relies on the caller's guarantee about `f`, which `write_admitted` needs.
    unsafe fn vec_admitted<R>(&self, f: impl FnOnce(&mut ListItems) -> R) -> R {
        // SAFETY: forwarded: `f` reaches no Floe object, and neither does the match.
        unsafe {
            self.0.obj().write_admitted(|b| match b {
                Body::List(v) => f(v),
                _ => unreachable!("typed handle"),
            })
        }
    }

    /// Replaces element `index`.
    ///
    /// # Errors
    /// [`CoreError::IndexOutOfRange`], then the write barrier's errors (see
    /// [`CoreError`]: `Immutable`, `CrossRegion`, …). On error nothing changed.
    #[inline]
    pub fn set(&self, index: i64, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an item of";
        let out_of_range = |len| CoreError::IndexOutOfRange {
            obj: self.describe(),
            index,
            len,
        };
        // The barrier: at once when nothing needs capturing (the count is settled after
        // the store); otherwise the index is checked first, since the slow path moves
        // objects into the region and must not run for a store that will fail.
        let settle = match self.0.admit_fast(&value) {
            Some(settle) => settle,
            None => {
                let len = self.len();
                resolve_index(index, len).ok_or_else(|| out_of_range(len))?;
                self.0.admit(OP, &[&value])?;
                Settle::none()
            }
        };
        // The index check and the store share one body access; a refused index hands the
        // value back, to be dropped outside it.
        // SAFETY: the closure only swaps a value in (the old one is dropped below, after
        // the body access).
        let replaced = unsafe {
            self.vec_admitted(|v| match resolve_index(index, v.len()) {
                Some(i) => Ok(std::mem::replace(&mut v[i], value)),
                None => Err((v.len(), value)),
            })
        };
        let old = replaced.map_err(|(len, _value)| out_of_range(len))?;
        settle.finish(&self.0, old);
        Ok(())
    }

    /// Appends `value`.
    ///
    /// # Errors
    /// The write barrier's errors. On error nothing changed.
    #[inline]
    pub fn push(&self, value: Value) -> Result<(), CoreError> {
        const OP: &str = "append to";
        self.0.admit(OP, &[&value])?;
        // SAFETY: the closure only moves the value in (a reallocation may allocate).
        unsafe { self.vec_admitted(|v| v.push(value)) };
        Ok(())
    }

    /// Inserts `value` before `index` (clamped to the list, as Python's `insert`).
    ///
    /// # Errors
    /// As [`List::push`].
    pub fn insert(&self, index: i64, value: Value) -> Result<(), CoreError> {
        const OP: &str = "insert into";
        self.0.admit(OP, &[&value])?;
        self.vec_mut(OP, |v| {
            let len = v.len() as i64;
            let i = if index < 0 {
                (index + len).max(0)
            } else {
                index.min(len)
            };
            v.insert(i as usize, value)
        })
    }

    /// Removes and returns the last element.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Empty`].
    pub fn pop(&self) -> Result<Value, CoreError> {
        let popped = self.vec_mut("pop from", ListItems::pop)?;
        let value = popped.ok_or_else(|| CoreError::Empty {
            obj: self.describe(),
        })?;
        self.0.release([&value]);
        Ok(value)
    }

    /// Replaces the elements `start..end` (clamped to the list) with `values` and returns
    /// the ones removed: Python's slice assignment, `del l[i:j]`, `l.pop(i)`, and, over the
    /// whole list, `sort` and `reverse`.
    ///
    /// # Errors
    /// The write barrier's errors for `values`. On error nothing changed.
    pub fn splice(
        &self,
        start: usize,
        end: usize,
        values: Vec<Value>,
    ) -> Result<Vec<Value>, CoreError> {
        const OP: &str = "change";
        let refs: Vec<&Value> = values.iter().collect();
        self.0.admit(OP, &refs)?;
        let removed: Vec<Value> = self.vec_mut(OP, |v| {
            let end = end.min(v.len());
            let start = start.min(end);
            let removed: Vec<Value> = v.drain(start..end).collect();
            v.insert_many(start, values);
            removed
        })?;
        self.0.release(&removed);
        Ok(removed)
    }

    /// Removes every element.
    ///
    /// # Errors
    /// [`CoreError::Immutable`].
    pub fn clear(&self) -> Result<(), CoreError> {
        let old = self.vec_mut("clear", std::mem::take)?;
        old.into_iter().for_each(|v| self.0.discard(v));
        Ok(())
    }
}

impl Tuple {
    /// A new tuple. It is frozen at once when every element is frozen; otherwise it is a
    /// local object (with no mutating operation).
    pub fn new(items: impl IntoIterator<Item = Value>) -> Tuple {
        let mut items = collect_items(items);
        // A tuple never grows: no spare capacity from the vector it was collected in.
        items.shrink_to_fit();
        Tuple(ObjRef::alloc_frozen_if_closed(
            Kind::Tuple,
            Body::Tuple(items),
        ))
    }
}
