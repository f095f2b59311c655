//! Read-only inspection for tools that look at the heap without changing it (pictures,
//! debuggers): every value an object holds, immediates included, in field order.

use crate::{ObjRef, Value};

impl ObjRef {
    /// Calls `f` on every value the object holds, without taking new references and
    /// without changing anything: a list's or tuple's elements in order; a dict's key then
    /// value, entry by entry, in insertion order; a set's elements; the attribute values of
    /// an instance, class or bridge, in [`ObjRef::attr_names`] order (an instance's class
    /// is not a value and is not visited); a native object's values as its
    /// [`crate::NativeBody::for_each_value`] reports them. `f` may read any object but must
    /// not write to this one.
    ///
    /// # Panics
    /// If `f` writes to this object (the body is borrowed for reading).
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Dict, Value};
    ///
    /// let d = Dict::new();
    /// d.set(Value::from("a"), Value::from(1)).unwrap();
    /// let mut seen = Vec::new();
    /// d.for_each_value(|v| seen.push(format!("{v:?}")));
    /// assert_eq!(seen.len(), 2); // the key, then its value
    /// ```
    pub fn for_each_value(&self, f: impl FnMut(&Value)) {
        self.obj().read(|b| b.for_each_value(f));
    }
}
