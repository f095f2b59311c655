//! `CownError`: why a cown could not be made, a behaviour failed, or a `wait` returned
//! nothing. Each names the rule and, where there is one, the object.
#![forbid(unsafe_code)]

/// A cown or behaviour operation was refused or failed. Nothing was lost: a refused
/// content comes back to its owner, a failed behaviour's cowns keep their contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CownError {
    /// A cown may hold only `None`, a frozen value, a cown, or a parentless region.
    #[error("a cown cannot hold {what}: only None, frozen values, cowns and the bridge of a region with no parent")]
    NotSendable {
        /// The refused object.
        what: String,
    },
    /// A region handed to a cown (or left by a behaviour) is still open.
    #[error("{reason}")]
    Isolation {
        /// The hand-off check's message, naming the region and its outside references.
        reason: String,
    },
    /// The cown's region was left open by a behaviour on worker `worker` and is still
    /// there; it can be reached only by behaviours (which run on that worker).
    #[error("the cown's region was left open by a behaviour and stays on worker {worker} until it is closed")]
    Stranded {
        /// The worker holding the region.
        worker: usize,
    },
    /// The behaviour panicked; its cowns keep what they held.
    #[error("the behaviour panicked: {message}")]
    Panicked {
        /// The panic message.
        message: String,
    },
    /// The behaviour raised an exception (the interpreter's), carried to `wait`.
    #[error("{kind}: {message}")]
    Raised {
        /// The exception's type name.
        kind: String,
        /// Its message.
        message: String,
        /// Where it was raised, as the raiser formats it (empty if unknown).
        traceback: String,
    },
    /// `wait` would block forever: it waits for a cown still waiting for the content this
    /// thread owes it (a pending hand-off, [`crate::Cown::pending`]).
    #[error("wait() would wait forever: what it waits for needs a cown still waiting for its region from this thread")]
    WouldBlock,
    /// `wait` was called inside a behaviour, where blocking could starve the workers.
    #[error("wait() cannot be called inside a behaviour: schedule another behaviour on the cown instead")]
    WaitInBehaviour,
}

impl CownError {
    /// The Python exception semantics §6 maps this to.
    pub fn python_name(&self) -> &str {
        match self {
            CownError::NotSendable { .. } => "RegionError",
            CownError::Isolation { .. } | CownError::Stranded { .. } | CownError::WouldBlock => {
                "IsolationError"
            }
            CownError::Panicked { .. } | CownError::WaitInBehaviour => "RuntimeError",
            CownError::Raised { kind, .. } => kind,
        }
    }
}
