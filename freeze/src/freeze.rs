//! `freeze`: the core's one-pass walk (RFC-0003 §3), with the regions frozen whole first
//! and the pre-freeze hooks run between walks.

use floe_core::deep_freeze::{deep_freeze, Refusal, Request};
use floe_core::{region, CoreError, ObjRef, Value};

use crate::error::{Aliases, FreezeError, Path};
use crate::policy::{policy, FreezePolicy};

/// Deep-freezes `roots` and everything mutable they reach, in place, under this thread's
/// policy ([`crate::policy()`]): all or nothing. Reaching a region's bridge freezes the
/// whole region, which stops being a region; reaching other region members freezes them
/// out of their region (RFC-0003 §7).
///
/// # Errors
/// [`FreezeError::NoRoots`]; [`FreezeError::NotFreezable`] with the path to the object
/// that refused; [`FreezeError::Isolation`] listing every mutable alias (under
/// `freeze_aliases = raise`). Nothing changed then.
///
/// # Examples
/// ```
/// use floe_core::{Dict, List, Value};
/// use floe_freeze::freeze;
///
/// let inner = List::new([Value::Int(1)]);
/// let outer = Dict::new();
/// outer.set(Value::str("inner"), inner.clone().into()).unwrap();
/// freeze(&[outer.as_obj().clone()]).unwrap();
/// assert!(inner.is_frozen() && outer.is_frozen());
/// assert!(inner.push(Value::None).is_err());
/// ```
pub fn freeze(roots: &[ObjRef]) -> Result<(), FreezeError> {
    freeze_with(roots, policy(), &[])
}

/// As [`freeze`], under `policy`, treating references from `allowed_holders` (the
/// caller's own frames, say) as the caller's roots rather than as mutable aliases.
///
/// # Errors
/// As [`freeze`].
pub fn freeze_with(
    roots: &[ObjRef],
    policy: FreezePolicy,
    allowed_holders: &[ObjRef],
) -> Result<(), FreezeError> {
    freeze_with_hooks(roots, policy, allowed_holders, None)
}

/// As [`freeze_with`], calling `pre_freeze` on each local instance whose class defines
/// `__pre_freeze__` before it is frozen (PEP 795's pre-freeze hook): at most once per
/// object, even across refused freezes, in the order the walk meets the objects — an
/// object's hook runs before the walk looks at what the object references, so the hook
/// may still change it. `pre_freeze` returns `false` to abort the freeze (the hook
/// raised); objects frozen by freezes inside hooks stay frozen, and what the hooks did
/// stays done.
///
/// # Errors
/// As [`freeze`], and [`FreezeError::PreFreeze`] when a hook aborts. Nothing else
/// changed then.
///
/// # Examples
/// ```
/// use floe_core::{Class, Instance, Value};
/// use floe_freeze::{freeze_with_hooks, policy, FreezeError};
///
/// let class = Class::new("C", &[]);
/// class.set_attr("__pre_freeze__", Value::None).unwrap(); // the interpreter's method
/// let obj = Instance::new(&class);
/// let roots = [obj.as_obj().clone(), class.as_obj().clone()];
/// let mut calls = 0;
/// let mut hook = |_: &floe_core::ObjRef| {
///     calls += 1;
///     false // the hook raised
/// };
/// let err = freeze_with_hooks(&roots, policy(), &[], Some(&mut hook)).unwrap_err();
/// assert!(matches!(err, FreezeError::PreFreeze { .. }));
/// assert!(!obj.is_frozen());
/// // The hook ran once; it never runs again, so the next freeze goes through.
/// freeze_with_hooks(&roots, policy(), &[], Some(&mut |_: &floe_core::ObjRef| false)).unwrap();
/// assert!(obj.is_frozen() && calls == 1);
/// ```
pub fn freeze_with_hooks(
    roots: &[ObjRef],
    policy: FreezePolicy,
    allowed_holders: &[ObjRef],
    mut pre_freeze: Option<&mut dyn FnMut(&ObjRef) -> bool>,
) -> Result<(), FreezeError> {
    if roots.is_empty() {
        return Err(FreezeError::NoRoots);
    }
    // Closed regions with nothing to check are frozen through their records, without a
    // walk (RFC-0003 §7); anything else takes the walk.
    if region::freeze_whole(roots) {
        VISITED.set(0);
        return Ok(());
    }
    let request = Request {
        roots,
        policy,
        allowed_holders,
        pre_freeze: pre_freeze.is_some(),
    };
    loop {
        let (refusal, visited) = match deep_freeze(&request) {
            Ok(visited) => {
                VISITED.set(visited);
                return Ok(());
            }
            Err(refused) => refused,
        };
        VISITED.set(visited);
        match refusal {
            Refusal::PreFreeze(stopped_at) => {
                let hook = pre_freeze
                    .as_mut()
                    .expect("the walk only stops for hooks when given one");
                crate::hooks::run_pending(roots, policy, &mut **hook)?;
                // Each round runs at least the hook the walk stopped at (the walks agree
                // on the order; this makes sure), and a hook runs at most once: the loop
                // ends unless hooks keep making new hooked objects.
                if stopped_at.claim_pre_freeze() && !hook(&stopped_at) {
                    return Err(FreezeError::PreFreeze {
                        obj: stopped_at.describe(),
                    });
                }
            }
            Refusal::NotFreezable { obj, reason, path } => {
                return Err(FreezeError::NotFreezable {
                    obj,
                    reason,
                    path: Path(path),
                })
            }
            Refusal::Isolation(pairs) => {
                return Err(FreezeError::Isolation {
                    aliases: Aliases(pairs),
                })
            }
            Refusal::Object(e) => return Err(FreezeError::Object(e)),
        }
    }
}

thread_local! {
    static VISITED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many objects the calling thread's last [`freeze`] visited (0 for regions frozen
/// through their records, RFC-0003 §7): what an experiment reads to see that freezing a
/// closed region does not touch its members, or how large a refused graph was.
///
/// # Examples
/// ```
/// use floe_core::{region, List, Value};
/// use floe_freeze::{freeze, objects_visited_by_last_freeze};
///
/// let r = region::create(None);
/// drop(List::new_in(&r, [Value::Int(1)]).unwrap()); // a member; nothing local points at it
/// freeze(std::slice::from_ref(&r)).unwrap();
/// assert_eq!(objects_visited_by_last_freeze(), 0);
///
/// let l = List::new([Value::Int(1)]);
/// freeze(&[l.as_obj().clone()]).unwrap();
/// assert_eq!(objects_visited_by_last_freeze(), 1);
/// ```
pub fn objects_visited_by_last_freeze() -> usize {
    VISITED.get()
}

/// `true` for immediates and frozen objects (semantics §4 `is_frozen`).
pub fn is_frozen(value: &Value) -> bool {
    value.is_frozen()
}

/// The freezer the `implicit_freezing` policy calls: freezes with aliases allowed.
fn implicit(targets: &[ObjRef]) -> Result<(), CoreError> {
    freeze_with(targets, policy().allowing_aliases(), &[]).map_err(|e| CoreError::ImplicitFreeze {
        target: targets[0].describe(),
        reason: e.to_string(),
    })
}

/// Installs this crate's freezer for the `implicit_freezing` policy (once per process;
/// later calls do nothing).
pub fn install_implicit_freezer() {
    let _ = floe_core::policy::install_freezer(implicit);
}
