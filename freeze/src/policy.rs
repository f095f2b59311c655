//! The freeze policies of semantics §4, per thread (as `floe_core::policy`).

use std::cell::Cell;

/// What a reference from a mutable heap object outside the graph to an object being
/// frozen does (semantics §4, `freeze_aliases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasPolicy {
    /// Raise `IsolationError` and freeze nothing (the default).
    Raise,
    /// Freeze anyway; the alias then sees a frozen object (PEP 795 v3).
    Allow,
}

/// How classes are frozen (semantics §4, `classes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassPolicy {
    /// Classes are `FREEZABLE_EXPLICIT` unless set otherwise (the default, PEP 795 v3).
    Explicit,
    /// Classes freeze when reached, like other objects.
    Yes,
}

/// The policies one freeze runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreezePolicy {
    /// `freeze_aliases`.
    pub aliases: AliasPolicy,
    /// `classes`.
    pub classes: ClassPolicy,
}

impl Default for FreezePolicy {
    fn default() -> FreezePolicy {
        FreezePolicy {
            aliases: AliasPolicy::Raise,
            classes: ClassPolicy::Explicit,
        }
    }
}

impl FreezePolicy {
    /// This policy with `freeze_aliases = allow` (PEP 795 v3's behaviour, and what
    /// implicit freezing uses).
    pub fn allowing_aliases(self) -> FreezePolicy {
        FreezePolicy {
            aliases: AliasPolicy::Allow,
            ..self
        }
    }
}

thread_local! {
    static POLICY: Cell<FreezePolicy> = Cell::new(FreezePolicy::default());
}

/// This thread's freeze policy (what [`crate::freeze`] uses).
pub fn policy() -> FreezePolicy {
    POLICY.with(Cell::get)
}

/// Sets this thread's freeze policy.
pub fn set_policy(p: FreezePolicy) {
    POLICY.with(|c| c.set(p));
}
