//! The typed-handle pattern shared by every kind: a newtype over [`ObjRef`] that is only
//! made for objects of its kind, so its methods can rely on the body's variant.

/// Defines a typed handle `$name` for objects of kind `Kind::$kind`.
macro_rules! typed_handle {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(crate::ObjRef);

        impl $name {
            /// The untyped handle.
            pub fn as_obj(&self) -> &crate::ObjRef {
                &self.0
            }

            /// Converts into the untyped handle.
            pub fn into_obj(self) -> crate::ObjRef {
                self.0
            }
        }

        impl TryFrom<crate::ObjRef> for $name {
            type Error = crate::CoreError;

            /// # Errors
            /// [`crate::CoreError::WrongKind`] if the object is of another kind.
            fn try_from(obj: crate::ObjRef) -> Result<$name, crate::CoreError> {
                if obj.kind() == crate::Kind::$kind {
                    Ok($name(obj))
                } else {
                    Err(crate::CoreError::WrongKind {
                        obj: obj.describe(),
                        expected: crate::Kind::$kind.name(),
                    })
                }
            }
        }

        impl From<$name> for crate::ObjRef {
            fn from(h: $name) -> crate::ObjRef {
                h.0
            }
        }

        impl From<$name> for crate::Value {
            fn from(h: $name) -> crate::Value {
                crate::Value::Obj(h.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = crate::ObjRef;
            fn deref(&self) -> &crate::ObjRef {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }
    };
}

pub(crate) use typed_handle;

/// Resolves a Python index (negative counts from the end) against `len`.
#[inline]
pub(crate) fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let len_i = i64::try_from(len).ok()?;
    let i = if index < 0 { index + len_i } else { index };
    (0..len_i).contains(&i).then_some(i as usize)
}
