//! The isolation rule's search (semantics §4): which mutable heap objects outside the
//! graph reference non-root objects in it. Run only when the walk's count says some
//! non-root object has references from outside the graph; those may be the caller's
//! handles (allowed), so the holders are looked for among the objects that could be
//! mutable aliases — this thread's local objects, and the members of the regions the
//! freeze leaves standing.

use std::ptr::NonNull;
use std::sync::atomic::Ordering::Relaxed;

use crate::body::Body;
use crate::header::FREEZE_ROOT;
use crate::raw::{ObjBox, ObjRef};
use crate::{reclaim, region, ObjDesc};

/// Every (holder, target) pair where a mutable object outside the walk (not one of
/// `allowed`) references a non-root object the walk marked. `regional` are the walked
/// region members: their regions' other members are searched too.
///
/// An instance's reference to its class does not count: freezing a class that has
/// mutable instances is how classes are meant to be frozen (PEP 795), and the instances
/// can only read it.
pub(super) fn search(
    regional: impl Iterator<Item = NonNull<ObjBox>>,
    allowed: &[ObjRef],
) -> Vec<(ObjDesc, ObjDesc)> {
    let mut holders = reclaim::local_pointers();
    let mut regions: Vec<usize> = Vec::new();
    for p in regional {
        // SAFETY: a walked object (the walk is still marked): live, on this thread.
        if let Some((record, members)) = region::fellow_members(unsafe { p.as_ref() }) {
            if !regions.contains(&record) {
                regions.push(record);
                holders.extend(members);
            }
        }
    }
    let mut allowed: Vec<usize> = allowed.iter().map(ObjRef::id).collect();
    allowed.sort_unstable();
    let mut pairs = Vec::new();
    for p in holders {
        // SAFETY: registered local objects and listed region members are live (they leave
        // their books before they are freed), and this thread's.
        let holder = unsafe { p.as_ref() };
        if holder.header.mark.load(Relaxed) || allowed.binary_search(&p.as_ptr().addr()).is_ok() {
            continue;
        }
        holder.read(|body| {
            let mut class = match body {
                Body::Instance { class, .. } => Some(class.ptr()),
                _ => None,
            };
            body.for_each_ref(|t| {
                if class == Some(t.ptr()) {
                    class = None;
                    return;
                }
                let th = &t.obj().header;
                if th.mark.load(Relaxed) && !th.flag(FREEZE_ROOT) {
                    pairs.push((p, t.ptr()));
                }
            });
        });
    }
    pairs
        .into_iter()
        // SAFETY: both are live objects of this thread (see above).
        .map(|(h, t)| unsafe { (ObjRef::share(h).describe(), ObjRef::share(t).describe()) })
        .collect()
}
