//! One module per family of built-in kinds, each a typed handle over [`crate::ObjRef`].

pub(crate) mod class;
pub(crate) mod mapping;
pub(crate) mod sequence;
