//! `FreezeError`: why a freeze was refused. A refused freeze changed nothing.

use std::fmt;

use floe_core::{CoreError, ObjDesc};

/// The objects from a root to the one that stopped a freeze.
#[derive(Debug, Clone, PartialEq)]
pub struct Path(pub Vec<ObjDesc>);

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" -> ")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// References that would stay mutable aliases of objects being frozen: (holder, target).
#[derive(Debug, Clone, PartialEq)]
pub struct Aliases(pub Vec<(ObjDesc, ObjDesc)>);

impl Aliases {
    /// How many pairs the message lists before summarising the rest.
    pub const SHOWN: usize = 5;
}

impl fmt::Display for Aliases {
    /// The first [`Aliases::SHOWN`] pairs, then how many more there are (all of them
    /// are in the field).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (holder, target)) in self.0.iter().take(Self::SHOWN).enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{holder} references {target}")?;
        }
        if self.0.len() > Self::SHOWN {
            write!(f, "; and {} more", self.0.len() - Self::SHOWN)?;
        }
        Ok(())
    }
}

/// A freeze was refused. Nothing was frozen.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FreezeError {
    /// `freeze()` with no object (Python's `TypeError`).
    #[error("freeze() needs at least one object")]
    NoRoots,
    /// The graph reaches an object that may not be frozen (semantics §4;
    /// `NotFreezableError`, a `TypeError`).
    #[error("cannot freeze {obj}: {reason} (reached by {path})")]
    NotFreezable {
        /// The object that stopped the freeze.
        obj: ObjDesc,
        /// Which rule refused it.
        reason: &'static str,
        /// From a root to `obj`.
        path: Path,
    },
    /// A mutable object outside the graph references an object the freeze would freeze
    /// (semantics §4's isolation rule; `IsolationError`, a `RegionError`).
    #[error("freezing would leave mutable references to frozen objects: {aliases}; freeze the holders too (freeze(a, b)), drop those references, or use aliases=allow")]
    Isolation {
        /// Every (holder, target) pair found.
        aliases: Aliases,
    },
    /// A `__pre_freeze__` hook aborted the freeze (it raised: the interpreter re-raises
    /// its exception).
    #[error("the __pre_freeze__ hook of {obj} failed")]
    PreFreeze {
        /// The object whose hook failed.
        obj: ObjDesc,
    },
    /// A rule of the object model.
    #[error(transparent)]
    Object(#[from] CoreError),
}

impl FreezeError {
    /// The Python exception this maps to (semantics §4).
    pub fn python_name(&self) -> &'static str {
        match self {
            FreezeError::NoRoots => "TypeError",
            FreezeError::NotFreezable { .. } => "NotFreezableError",
            FreezeError::Isolation { .. } => "IsolationError",
            FreezeError::PreFreeze { .. } => "RuntimeError",
            FreezeError::Object(_) => "TypeError",
        }
    }
}
