//! Deep freeze in one walk (RFC-0003): everything mutable the roots reach becomes frozen,
//! grouped into strongly connected components that each keep one count — or nothing
//! changes.
//!
//! The walk is depth first and visits each object once. As it goes it
//!
//! - checks the object's freezability (semantics §4, PEP 795's lookup: the object's own
//!   status, else its class's);
//! - forms strongly connected components with a path-based algorithm (Gabow's), keeping
//!   its scratch — the object's preorder number, then its component — in the header's
//!   `aux` word and the `mark` bit;
//! - sums each component's count from its members' own counts, less the references
//!   between members (each is met once, as an edge);
//! - sums the references into non-root objects from outside the graph, for the isolation
//!   rule;
//! - logs each object and the `aux` word it overwrote, which is all a refusal has to
//!   restore.
//!
//! Only a freeze that is refused, or whose count says some non-root object is referenced
//! from outside the graph, looks further: then the holders of those references are
//! searched for (the thread's local objects and the members of regions left standing),
//! to name them in the refusal — references from handles are the caller's own and allowed.
//! A freeze that commits writes each member's state word from the log: no second walk.
//!
//! ```
//! use floe_core::deep_freeze::{deep_freeze, FreezePolicy, Refusal, Request};
//! use floe_core::List;
//!
//! let inner = List::new([]);
//! let outer = List::new([inner.clone().into()]);
//! inner.push(outer.clone().into()).unwrap(); // a cycle: one component
//! drop(inner);
//! let visited = deep_freeze(&Request::new(std::slice::from_ref(outer.as_obj()))).unwrap();
//! assert_eq!(visited, 2);
//! assert!(outer.is_frozen());
//! ```

mod aliases;
mod walk;

use crate::{CoreError, ObjDesc, ObjRef};

/// What a reference from a mutable heap object outside the graph to an object being
/// frozen does (semantics §4, `freeze_aliases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasPolicy {
    /// Refuse ([`Refusal::Isolation`]) and freeze nothing (the default).
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

/// One freeze: its roots and how to treat what it meets.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The objects passed to `freeze`: explicit roots (semantics §4). Frozen ones and
    /// repeats are allowed (and do nothing).
    pub roots: &'a [ObjRef],
    /// The policies.
    pub policy: FreezePolicy,
    /// Objects whose references into the graph are the caller's own (its frames, its
    /// module namespace), not mutable aliases.
    pub allowed_holders: &'a [ObjRef],
    /// Stop at the first local instance whose class defines `__pre_freeze__` and whose
    /// hook has not been claimed yet ([`ObjRef::claim_pre_freeze`]), with
    /// [`Refusal::PreFreeze`]: the caller runs the hooks ([`pre_freeze_wanted`] tells
    /// which) and freezes again. Off, hooks are not looked for. Region members are frozen
    /// with their region, and their hooks are not called (RFC-0003 §6).
    pub pre_freeze: bool,
}

impl<'a> Request<'a> {
    /// A request for `roots` under the default policies, with no allowed holders and no
    /// hooks.
    pub fn new(roots: &'a [ObjRef]) -> Request<'a> {
        Request {
            roots,
            policy: FreezePolicy::default(),
            allowed_holders: &[],
            pre_freeze: false,
        }
    }
}

/// Why [`deep_freeze`] froze nothing. The heap is exactly as it was.
#[derive(Debug)]
pub enum Refusal {
    /// The walk reached an object that may not be frozen.
    NotFreezable {
        /// The object.
        obj: ObjDesc,
        /// Which rule refused it.
        reason: &'static str,
        /// From a root to the object (the object last).
        path: Vec<ObjDesc>,
    },
    /// Mutable objects outside the graph reference non-root objects of it (the isolation
    /// rule): every (holder, target) pair.
    Isolation(Vec<(ObjDesc, ObjDesc)>),
    /// The walk met this object, whose `__pre_freeze__` hook must run first.
    PreFreeze(ObjRef),
    /// A rule of the object model (a region would be left partly frozen).
    Object(CoreError),
}

/// Deep-freezes what `request`'s roots reach, all or nothing, in one walk. Reaching a
/// region's bridge freezes its whole region (which stops being a region); reaching other
/// region members freezes them out of their region (RFC-0003 §7).
///
/// Returns how many objects the walk visited (the objects it froze).
///
/// # Errors
/// A [`Refusal`], with how many objects the walk visited before it stopped; nothing
/// changed then.
pub fn deep_freeze(request: &Request<'_>) -> Result<usize, (Refusal, usize)> {
    walk::run(request)
}

/// Why freezing would refuse `obj` itself (as a root of the freeze if `root`), under the
/// class policy `classes`: the check the walk makes of each object it reaches
/// (semantics §4: the object's own status, else its class's; classes explicit by
/// default).
pub fn refusal_reason(obj: &ObjRef, root: bool, classes: ClassPolicy) -> Option<&'static str> {
    obj.obj()
        .read(|body| walk::refusal(obj.obj(), body, root, classes))
}

/// `obj` is a local instance whose class defines `__pre_freeze__`, and its hook has not
/// been claimed yet: a freeze that reaches it stops with [`Refusal::PreFreeze`].
pub fn pre_freeze_wanted(obj: &ObjRef) -> bool {
    obj.obj().read(|body| walk::wants_hook(obj.obj(), body))
}
