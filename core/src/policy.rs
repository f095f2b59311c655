//! Policies that change what a rule does (semantics §3), and the hook through which the
//! freezer (`floe-freeze`) serves them.
//!
//! Policies are **per thread**: the thread that runs a script (and, later, every worker
//! that runs its behaviours) sets them when it starts. That keeps two runs in one process
//! — or two tests — from changing each other's rules.

use std::cell::Cell;
use std::sync::OnceLock;

use crate::{CoreError, ObjRef};

thread_local! {
    static IMPLICIT_FREEZING: Cell<bool> = const { Cell::new(false) };
}

/// Freezes every object given (and everything it reaches) as one all-or-nothing
/// operation, allowing references from outside the frozen graph (semantics §3:
/// `aliases="allow"`).
pub type Freezer = fn(&[ObjRef]) -> Result<(), CoreError>;

static FREEZER: OnceLock<Freezer> = OnceLock::new();

/// Sets the `implicit_freezing` policy on this thread (off by default): when on, a store
/// that would raise `CrossRegion` or `UnfrozenCode` freezes its target instead, through
/// the installed [`Freezer`].
pub fn set_implicit_freezing(on: bool) {
    IMPLICIT_FREEZING.with(|p| p.set(on));
}

/// The `implicit_freezing` policy on this thread.
pub fn implicit_freezing() -> bool {
    IMPLICIT_FREEZING.with(Cell::get)
}

/// Installs the freezer implicit freezing calls (`floe-freeze` does, once per process).
///
/// # Errors
/// The freezer given, if one is already installed.
pub fn install_freezer(freezer: Freezer) -> Result<(), Freezer> {
    FREEZER.set(freezer)
}

/// The installed freezer, if any.
pub(crate) fn freezer() -> Option<Freezer> {
    FREEZER.get().copied()
}
