//! User classes and their instances.

use crate::body::{AttrMap, Body, ClassBody};
use crate::handle::typed_handle;
use crate::{CoreError, Kind, ObjRef, Str, Value};

typed_handle!(
    /// A handle to a user class: a name, bases and an attribute table.
    ///
    /// Classes are ordinary objects with a state: a new class is local, and, as semantics
    /// §4 decides, it must be frozen explicitly before its instances can be.
    Class,
    Class
);

typed_handle!(
    /// A handle to an instance of a user class, with its own attributes.
    Instance,
    Instance
);

/// Attribute-table access shared by classes and instances.
fn attrs_read<R>(obj: &ObjRef, f: impl FnOnce(&AttrMap) -> R) -> R {
    obj.obj().read(|b| match b {
        Body::Class(c) => f(&c.attrs),
        Body::Instance { attrs, .. } => f(attrs),
        _ => unreachable!("typed handle"),
    })
}

fn attrs_set(obj: &ObjRef, name: &str, value: Value) -> Result<(), CoreError> {
    const OP: &str = "set an attribute of";
    obj.check_store(OP, &value)?;
    let old = obj.mutate(OP, |b| {
        let attrs = match b {
            Body::Class(c) => &mut c.attrs,
            Body::Instance { attrs, .. } => attrs,
            _ => unreachable!("typed handle"),
        };
        attrs.insert(Str::from(name), value)
    })?;
    drop(old);
    Ok(())
}

fn attrs_del(obj: &ObjRef, name: &str) -> Result<(), CoreError> {
    let old = obj.mutate("delete an attribute of", |b| {
        let attrs = match b {
            Body::Class(c) => &mut c.attrs,
            Body::Instance { attrs, .. } => attrs,
            _ => unreachable!("typed handle"),
        };
        attrs.shift_remove(name)
    })?;
    match old {
        Some(v) => {
            drop(v);
            Ok(())
        }
        None => Err(CoreError::AttributeNotFound {
            obj: obj.describe(),
            name: name.to_string(),
        }),
    }
}

impl Class {
    /// A new local class named `name` with `bases` (searched in order after the class).
    pub fn new(name: &str, bases: &[Class]) -> Class {
        Class(ObjRef::alloc(
            Kind::Class,
            Body::Class(Box::new(ClassBody {
                name: Str::from(name),
                bases: bases.iter().map(|b| b.0.clone()).collect(),
                attrs: AttrMap::default(),
            })),
        ))
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
        if let Some(v) = attrs_read(&self.0, |a| a.get(name).cloned()) {
            return Some(v);
        }
        self.bases().iter().find_map(|b| b.lookup(name))
    }

    /// Sets a class attribute.
    ///
    /// # Errors
    /// [`CoreError::Immutable`] once the class is frozen, [`CoreError::NeedsRegionBarrier`].
    pub fn set_attr(&self, name: &str, value: Value) -> Result<(), CoreError> {
        attrs_set(&self.0, name, value)
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

    /// The instance's class.
    pub fn class(&self) -> Class {
        self.0.obj().read(|b| match b {
            Body::Instance { class, .. } => Class(class.clone()),
            _ => unreachable!("typed handle"),
        })
    }

    /// The attribute `name`: the instance's own, else the class's (through its bases).
    ///
    /// # Errors
    /// [`CoreError::AttributeNotFound`].
    pub fn get_attr(&self, name: &str) -> Result<Value, CoreError> {
        attrs_read(&self.0, |a| a.get(name).cloned())
            .or_else(|| self.class().lookup(name))
            .ok_or_else(|| CoreError::AttributeNotFound {
                obj: self.describe(),
                name: name.to_string(),
            })
    }

    /// Sets an instance attribute.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::NeedsRegionBarrier`]. On error nothing changed.
    pub fn set_attr(&self, name: &str, value: Value) -> Result<(), CoreError> {
        attrs_set(&self.0, name, value)
    }

    /// Deletes an instance attribute.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::AttributeNotFound`].
    pub fn del_attr(&self, name: &str) -> Result<(), CoreError> {
        attrs_del(&self.0, name)
    }

    /// The instance's own attribute names, in the order they were first set.
    pub fn attr_names(&self) -> Vec<Str> {
        attrs_read(&self.0, |a| a.keys().cloned().collect())
    }
}
