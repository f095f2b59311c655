//! The write barrier's slow path: capture of local graphs and adoption of subregions
//! (RFC-0002 §3–§4), and the count settlement of values stored into and removed from
//! region members.

use super::*;

/// The barrier for a store of `values` into `holder`, a member of the region `meta`:
/// decides every value first (no change on error), then captures and adopts, then moves
/// the count of each same-region value from outside to inside.
#[inline]
pub(crate) fn admit(
    holder: &ObjRef,
    meta: &RegionMeta,
    values: &[&Value],
) -> Result<(), CoreError> {
    let holder_word = holder.obj().header.state_word();
    let fast = values.iter().all(|v| match v {
        Value::Obj(o) => o.is_frozen() || o.obj().header.state_word() == holder_word,
        _ => true,
    });
    if !fast {
        let mut planned = plan(holder, meta, values)?;
        if !planned.to_freeze.is_empty() {
            // Freeze first (all or nothing), then plan again: freezing may have frozen
            // objects the first plan meant to capture.
            planned.clear_marks();
            let targets = std::mem::take(&mut planned.to_freeze);
            let freeze = crate::policy::freezer().ok_or_else(|| CoreError::NoFreezer {
                target: targets[0].describe(),
            })?;
            freeze(&targets)?;
            planned = plan(holder, meta, values)?;
            if let Some(t) = planned.to_freeze.first() {
                let target = t.describe();
                planned.clear_marks();
                return Err(CoreError::NoFreezer { target });
            }
        }
        commit(meta, planned);
    }
    for v in values {
        settle_stored(meta, v);
    }
    // Capture or the store itself may have made the bridge's last outside reference an
    // inside one (semantics §3, dropped bridge): the region dissolves before the store.
    dissolve_if_bridge_dropped(meta);
    Ok(())
}

/// What a store will change: local objects to capture (marked) and parentless regions to
/// adopt.
struct Plan {
    captured: Vec<NonNull<ObjBox>>,
    adopted: Vec<NonNull<RegionMeta>>,
    /// Targets the `implicit_freezing` policy freezes instead of refusing the store.
    to_freeze: Vec<ObjRef>,
    /// References from captured objects to captured objects, to the region's bridge, and
    /// to its other members: outside references today, inside ones after the commit.
    to_captured: usize,
    to_bridge: usize,
    to_members: usize,
}

impl Plan {
    fn clear_marks(&self) {
        for p in &self.captured {
            // SAFETY: planned objects are live: reachable from a value the caller holds,
            // and nothing is freed during a barrier operation.
            unsafe { p.as_ref() }.header.mark.store(false, Relaxed);
        }
    }
}

/// Decides a store without changing anything but traversal marks (RFC-0002 §4 steps
/// 1–2). On success the captured objects stay marked for `commit`; on error no mark is
/// left.
fn plan(holder: &ObjRef, meta: &RegionMeta, values: &[&Value]) -> Result<Plan, CoreError> {
    let mut plan = Plan {
        captured: Vec::new(),
        adopted: Vec::new(),
        to_freeze: Vec::new(),
        to_captured: 0,
        to_bridge: 0,
        to_members: 0,
    };
    let implicit = crate::policy::implicit_freezing();
    // Objects are marked when first seen and listed in `captured` then, so that every
    // mark can be cleared on error.
    let mut next = 0;
    // `inner`: the reference comes from an object being captured (not from the holder).
    let visit = |source: NonNull<ObjBox>,
                 target: &ObjRef,
                 inner: bool,
                 plan: &mut Plan|
     -> Result<(), CoreError> {
        let header = &target.obj().header;
        let verdict = match header.word() {
            Word::Frozen(_) => Ok(()),
            Word::Local if matches!(target.kind(), Kind::Class | Kind::Function) => {
                Err(CoreError::UnfrozenCode {
                    holder: describe_ptr(source),
                    target: target.describe(),
                })
            }
            Word::Local => {
                if !header.mark.swap(true, Relaxed) {
                    plan.captured.push(target.ptr());
                }
                plan.to_captured += usize::from(inner);
                Ok(())
            }
            Word::Region(_) => {
                let other = region_of(target).expect("region member");
                let c = NonNull::from(other);
                if std::ptr::eq(other, meta) {
                    if inner && meta.is_bridge(target.ptr()) {
                        plan.to_bridge += 1;
                    } else if inner {
                        plan.to_members += 1;
                    }
                    Ok(())
                } else if !other.is_bridge(target.ptr()) {
                    Err(CoreError::CrossRegion {
                        holder: describe_ptr(source),
                        target: target.describe(),
                    })
                } else if other.parent.get().is_some() || plan.adopted.contains(&c) {
                    Err(CoreError::SecondOwner {
                        holder: describe_ptr(source),
                        target: target.describe(),
                    })
                } else if other.is_ancestor_or_self(meta) {
                    Err(CoreError::RegionCycle {
                        holder: describe_ptr(source),
                        target: target.describe(),
                    })
                } else {
                    plan.adopted.push(c);
                    Ok(())
                }
            }
        };
        match verdict {
            // semantics §3: with implicit freezing, a cross-region target or a
            // mutable class is frozen instead (and not traversed: it is not moved).
            Err(CoreError::CrossRegion { .. } | CoreError::UnfrozenCode { .. }) if implicit => {
                if !plan.to_freeze.iter().any(|t| t.ptr_eq(target)) {
                    plan.to_freeze.push(target.clone());
                }
                Ok(())
            }
            other => other,
        }
    };
    let mut result = values.iter().try_for_each(|v| match v {
        Value::Obj(o) => visit(holder.ptr(), o, false, &mut plan),
        _ => Ok(()),
    });
    while result.is_ok() && next < plan.captured.len() {
        let p = plan.captured[next];
        next += 1;
        // SAFETY: as in `Plan::clear_marks`.
        let obj = unsafe { p.as_ref() };
        obj.read(|b| {
            b.for_each_ref(|r| {
                if result.is_ok() {
                    result = visit(p, r, true, &mut plan);
                }
            })
        });
    }
    match result {
        Ok(()) => Ok(plan),
        Err(e) => {
            plan.clear_marks();
            Err(e)
        }
    }
}

/// Carries out a plan (RFC-0002 §4 step 3): adopt, move the captured objects in, fix the
/// outside counts, and clear the marks.
fn commit(meta: &RegionMeta, plan: Plan) {
    for &child in &plan.adopted {
        link(child).parent.set(Some(NonNull::from(meta)));
        meta.children.borrow_mut().push(child);
    }
    let captured: Vec<&ObjBox> = plan
        .captured
        .iter()
        // SAFETY: as in `Plan::clear_marks`.
        .map(|p| unsafe { p.as_ref() })
        .collect();
    // One borrow of the thread's registry and of the region's list for the whole batch.
    reclaim::unregister_all(&captured);
    join_all(meta, &captured);
    // Every reference to a captured object was outside the region; those from captured
    // objects, and from them to old members, are inside now (counted while planning).
    let outside: usize = captured.iter().map(|o| o.header.rc.load(Relaxed)).sum();
    meta.bridge_ext.set(meta.bridge_ext.get() - plan.to_bridge);
    meta.member_ext
        .set(meta.member_ext.get() + outside - plan.to_captured - plan.to_members);
    plan.clear_marks();
    super::collect::maybe_collect(meta);
}

/// `value` is being stored inside the region: if it references a member, that reference
/// moves from outside to inside. The caller applies the dropped-bridge rule afterwards.
#[inline]
fn settle_stored(meta: &RegionMeta, value: &Value) {
    if let Value::Obj(o) = value {
        if meta.holds(o) {
            let c = meta.ext_for(o.ptr());
            c.set(c.get() - 1);
        }
    }
}

/// A reference to member `ptr` has just been stored inside the region (the fast path's
/// settlement, after the store): it moves from outside to inside, and if it was the
/// bridge's last outside reference the region dissolves (semantics §3).
#[inline]
pub(crate) fn settle_stored_member(meta: &RegionMeta, ptr: NonNull<ObjBox>) {
    let c = meta.ext_for(ptr);
    c.set(c.get() - 1);
    if meta.is_bridge(ptr) {
        dissolve_if_bridge_dropped(meta);
    }
}

/// `value` left the body of a member of `meta`: a reference to a member is now outside;
/// an owning reference to a subregion's bridge is gone, so the subregion is unparented.
#[inline]
pub(crate) fn settle_removed(meta: &RegionMeta, value: &Value) {
    let Value::Obj(o) = value else { return };
    let Some(other) = region_of(o) else { return };
    if std::ptr::eq(other, meta) {
        let c = meta.ext_for(o.ptr());
        c.set(c.get() + 1);
    } else if other.parent.get() == Some(NonNull::from(meta)) && other.is_bridge(o.ptr()) {
        unparent(meta, other);
    }
}

/// Drops `value`, which just left the body of a member of `meta`. A reference to a member
/// of the same region is dropped as the inside reference it was (its object's count only:
/// `settle_removed` and an outside drop would cancel); anything else is settled and
/// dropped as usual.
#[inline]
pub(crate) fn discard_removed(meta: &RegionMeta, value: Value) {
    match value {
        Value::Obj(o) if meta.holds(&o) => {
            let ptr = o.ptr();
            std::mem::forget(o); // its unit of the count is released here
                                 // SAFETY: `o` was a counted reference to a live member.
            let obj = unsafe { ptr.as_ref() };
            if obj.header.dec_owned() == 0 {
                // SAFETY: `o` was the last reference to a live member of `meta`.
                unsafe { reclaim::release_member(addr_of(meta), ptr) };
            } else {
                meta.maybe_garbage.set(true);
            }
        }
        other => {
            settle_removed(meta, &other);
            drop(other);
        }
    }
}
