//! The freeze policies of semantics §4, per thread (as `floe_core::policy`). The policy
//! types are the core's, which the walk reads.

use std::cell::Cell;

pub use floe_core::deep_freeze::{AliasPolicy, ClassPolicy, FreezePolicy};

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
