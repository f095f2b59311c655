//! Freezing region members and whole regions (RFC-0003 §7): taking frozen members out
//! of their regions' books.

use super::*;

/// The regions a freeze touches: ended whole (their bridge is frozen) or left by some
/// members.
pub(crate) struct FreezePlan {
    whole: Vec<NonNull<RegionMeta>>,
    partial: Vec<(NonNull<RegionMeta>, Vec<NonNull<ObjBox>>)>,
}

/// Groups the region members among `marked` (all marked, about to be frozen) by region,
/// and checks that a region whose bridge is frozen is frozen whole. Changes nothing.
pub(crate) fn plan_freeze(marked: &[&ObjBox]) -> Result<FreezePlan, CoreError> {
    let mut groups: Vec<(&RegionMeta, Vec<NonNull<ObjBox>>)> = Vec::new();
    for &m in marked {
        if let Some(meta) = record_of(m) {
            match groups.iter_mut().find(|(r, _)| std::ptr::eq(*r, meta)) {
                Some((_, ms)) => ms.push(NonNull::from(m)),
                None => groups.push((meta, vec![NonNull::from(m)])),
            }
        }
    }
    let mut plan = FreezePlan {
        whole: Vec::new(),
        partial: Vec::new(),
    };
    for (meta, ms) in groups {
        // SAFETY: a live region has a live bridge.
        let bridge = unsafe { meta.bridge.get().expect("live region").as_ref() };
        if bridge.header.mark.load(Relaxed) {
            let all = meta.member_objs();
            if let Some(left) = all.iter().find(|o| !o.header.mark.load(Relaxed)) {
                return Err(CoreError::RegionPartlyFrozen {
                    bridge: meta.describe_bridge(),
                    member: describe_ptr(NonNull::from(*left)),
                });
            }
            plan.whole.push(NonNull::from(meta));
        } else {
            plan.partial.push((NonNull::from(meta), ms));
        }
    }
    Ok(plan)
}

/// The members of the live region whose bridge is `obj` (the bridge included), if `obj`
/// is one: freezing a bridge freezes its whole region.
pub(crate) fn members_if_bridge(obj: &ObjBox) -> Option<Vec<NonNull<ObjBox>>> {
    record_of(obj)
        .filter(|m| m.is_bridge(NonNull::from(obj)))
        .map(|m| m.members.borrow().objects())
}

/// The members of the region `obj` belongs to (none if it is not a region member), with
/// the record's address, to look for references from members a freeze leaves standing.
pub(crate) fn fellow_members(obj: &ObjBox) -> Option<(usize, Vec<NonNull<ObjBox>>)> {
    record_of(obj).map(|m| (addr_of(m).addr(), m.members.borrow().objects()))
}

/// Takes the planned members out of their regions' books, before their state words
/// change: a region frozen whole leaves its parent (whose owning reference now points at
/// a frozen object); members leaving a region that lives on stop being counted in it.
///
/// A region left standing keeps an outside reference to its bridge (a live region always
/// has one, by the dropped-bridge rule), so none becomes unreferenced here.
pub(crate) fn leave_for_freeze(plan: &FreezePlan) {
    for &r in &plan.whole {
        let meta = link(r);
        if let Some(parent) = meta.parent() {
            unparent(parent, meta);
        }
        // Its subregions are frozen whole too (their bridges are referenced from members,
        // and the batch is closed), so their links go with them.
        meta.children.borrow_mut().clear();
    }
    for (r, leaving) in &plan.partial {
        let meta = link(*r);
        // SAFETY: the leaving members are live (the caller holds them).
        let leaving_objs: Vec<&ObjBox> = leaving.iter().map(|p| unsafe { p.as_ref() }).collect();
        for obj in &leaving_objs {
            leave(meta, obj);
            obj.header.set_aux_number(0); // counts references from the region below
        }
        // References to a leaving member from any member of the region (staying or
        // leaving) were inside references; the rest were outside ones, counted in
        // `member_ext`, and now point at a frozen object, which is not counted.
        let staying = meta.member_objs();
        for holder in staying.iter().chain(&leaving_objs) {
            holder.read(|b| {
                b.for_each_ref(|t| {
                    let th = &t.obj().header;
                    if th.mark.load(Relaxed) && leaving.contains(&t.ptr()) {
                        th.set_aux_number(th.aux_number() + 1);
                    }
                })
            });
        }
        let outside: usize = leaving_objs
            .iter()
            .map(|o| o.header.rc.load(Relaxed) - o.header.aux_number())
            .sum();
        meta.member_ext.set(meta.member_ext.get() - outside);
        debug_assert!(
            meta.bridge_ext.get() > 0,
            "a live region's bridge is referenced"
        );
    }
}

/// Frees the records of the regions frozen whole, once no member points at them.
pub(crate) fn end_frozen(plan: FreezePlan) {
    for r in plan.whole {
        // SAFETY: every member is frozen now (its state word points at its component),
        // and the parent and child links to the record were cleared.
        drop(unsafe { Box::from_raw(r.as_ptr()) });
    }
}

/// Freezes the regions of `bridges` whole — each with every region below it — without
/// visiting a member (RFC-0003 §7): each region's record becomes the record of one frozen
/// component, whose count is the region's outside count. O(number of regions).
///
/// It applies only when that is the whole of what `freeze(bridges)` would do and nothing
/// could refuse it: every bridge is a live region's; nothing outside the regions points at
/// a member other than the top bridges (the isolation rule has nothing to check); no
/// member's freezability could refuse it; the trees do not overlap. Otherwise it returns
/// `false` and changes nothing, and the caller freezes by walking the graph.
///
/// Members reference only members of the same tree, frozen objects and cowns (capture
/// moves every local object in, and code enters a region only frozen), so the trees are
/// closed, as a frozen component must be; references go from a region to its subregions
/// only, so the components form no cycle.
///
/// # Examples
/// ```
/// use floe_core::{region, List, Value};
/// let r = region::create(Some("r"));
/// let list = List::new_in(&r, [Value::Int(1)]).unwrap();
/// drop(list); // nothing local points at a member: the region is closed
/// assert!(region::freeze_whole(std::slice::from_ref(&r)));
/// assert!(r.is_frozen() && !region::is_bridge(&r));
/// ```
pub fn freeze_whole(bridges: &[ObjRef]) -> bool {
    let mut tree: Vec<&RegionMeta> = Vec::new();
    let seen = |tree: &[&RegionMeta], r: &RegionMeta| tree.iter().any(|t| std::ptr::eq(*t, r));
    for bridge in bridges {
        let Some(top) = bridge_meta(bridge) else {
            return false;
        };
        if top.member_ext.get() != 0 || seen(&tree, top) {
            return false;
        }
        let start = tree.len();
        tree.push(top);
        let mut i = start;
        while i < tree.len() {
            let r = tree[i];
            if r.needs_check.get() != 0 || (i > start && r.local_refs() != 0) {
                return false;
            }
            for child in r.children() {
                if seen(&tree, child) {
                    return false;
                }
                tree.push(child);
            }
            i += 1;
        }
    }
    for &r in &tree {
        if let Some(parent) = r.parent().filter(|p| !seen(&tree, p)) {
            // Its owning reference now points at a frozen object (counted in `r`'s count).
            unparent(parent, r);
        }
    }
    for &r in &tree {
        r.children.borrow_mut().clear();
        r.parent.set(None);
        // Every reference from outside the region: the caller's handles, the parent's
        // owning reference. References between members were never in these counts.
        let outside = r.bridge_ext.get() + r.member_ext.get();
        r.owner.count.store(outside, Relaxed);
        r.owner.frozen.store(true, Relaxed);
    }
    true
}
