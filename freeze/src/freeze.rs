//! `freeze`: check everything, then freeze component by component (RFC-0003 §3).

use floe_core::{freeze_components, heap, region, CoreError, ObjRef, Value};

use crate::error::{Aliases, FreezeError};
use crate::graph::Graph;
use crate::policy::{policy, AliasPolicy, FreezePolicy};

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
    if roots.is_empty() {
        return Err(FreezeError::NoRoots);
    }
    // Closed regions with nothing to check are frozen through their records, without a
    // walk (RFC-0003 §7); anything else takes the walk below.
    if region::freeze_whole(roots) {
        VISITED.set(0);
        return Ok(());
    }
    let graph = Graph::build(roots, policy);
    VISITED.set(graph.as_ref().map_or(0, |g| g.nodes.len()));
    let graph = graph?;
    if policy.aliases == AliasPolicy::Raise {
        check_isolation(&graph, allowed_holders)?;
    }
    // Move the graph's own handles into component order (no new references: cloning
    // here would cost an atomic decrement per object once the objects are frozen).
    let (order, ends) = graph.components();
    let mut handles: Vec<Option<ObjRef>> = graph.nodes.into_iter().map(Some).collect();
    let ordered: Vec<ObjRef> = order
        .iter()
        .map(|&i| handles[i].take().expect("each node is in one component"))
        .collect();
    let mut start = 0;
    let slices: Vec<&[ObjRef]> = ends
        .iter()
        .map(|&end| {
            let component = &ordered[start..end];
            start = end;
            component
        })
        .collect();
    freeze_components(&slices)
        .expect("the graph is closed: it holds every mutable object it reaches");
    Ok(())
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

/// The isolation rule (semantics §4): a reference to a non-root object of the graph from
/// a mutable heap object outside it means a mutable alias would survive. An instance's
/// reference to its own class does not count: freezing a class that has mutable
/// instances is how classes are meant to be frozen (PEP 795), and the instances can only
/// read it.
fn check_isolation(graph: &Graph, allowed: &[ObjRef]) -> Result<(), FreezeError> {
    // References from inside the graph, per node.
    let mut inside = vec![0usize; graph.nodes.len()];
    for i in 0..graph.nodes.len() {
        for &j in graph.edges(i) {
            inside[j] += 1;
        }
    }
    // Our own handle is one reference; the rest come from outside. If no non-root has an
    // outside reference there is nothing to look for.
    let suspect = (0..graph.nodes.len())
        .any(|i| !graph.is_root[i] && graph.nodes[i].ref_count() > 1 + inside[i]);
    if !suspect {
        return Ok(());
    }
    // Outside references come from the caller's handles (allowed), from local objects, or
    // from members of regions the freeze leaves standing: find the latter two.
    let mut holders = heap::local_objects();
    let mut seen_regions = Vec::new();
    for node in &graph.nodes {
        if let Some(bridge) = region::bridge_of(node) {
            if graph.node(&bridge).is_none()
                && !seen_regions.iter().any(|b: &ObjRef| b.ptr_eq(&bridge))
            {
                holders.extend(region::members(&bridge).unwrap_or_default());
                seen_regions.push(bridge);
            }
        }
    }
    let mut aliases = Vec::new();
    for holder in holders {
        if graph.node(&holder).is_some() || allowed.iter().any(|a| a.ptr_eq(&holder)) {
            continue;
        }
        // An instance's reference to its class is a type pointer, not an alias: through
        // it the instance can only read the class, which the freeze makes safe to read.
        let mut class = holder.class_of().map(|c| c.into_obj());
        for target in holder.references() {
            if class.as_ref().is_some_and(|c| c.ptr_eq(&target)) {
                class = None;
                continue;
            }
            if let Some(j) = graph.node(&target) {
                if !graph.is_root[j] {
                    aliases.push((holder.describe(), target.describe()));
                }
            }
        }
    }
    if aliases.is_empty() {
        Ok(())
    } else {
        Err(FreezeError::Isolation {
            aliases: Aliases(aliases),
        })
    }
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
