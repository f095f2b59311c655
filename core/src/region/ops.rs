//! Region operations (RFC-0002 §5): merge, dissolve, close.

use super::*;

/// Merges the region of `src` (a bridge) into its parent region; returns the parent's
/// bridge. All members, `src` included, join the parent; `src`'s subregions become the
/// parent's. Costs O(members of `src`) (RFC-0002 §5).
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::NoParent`]; nothing changed then.
pub fn merge_into_parent(src: &ObjRef) -> Result<ObjRef, CoreError> {
    let s = bridged(src)?;
    let Some(sink) = s.parent() else {
        return Err(CoreError::NoParent {
            bridge: src.describe(),
        });
    };
    for obj in s.member_objs() {
        join(sink, obj);
    }
    sink.maybe_garbage
        .set(sink.maybe_garbage.get() || s.maybe_garbage.get());
    // The parent's owning reference to `src` is now an inside reference.
    sink.member_ext
        .set(sink.member_ext.get() + s.member_ext.get() + s.bridge_ext.get() - 1);
    unparent(sink, s);
    for child in s.children() {
        child.parent.set(Some(NonNull::from(sink)));
        sink.children.borrow_mut().push(NonNull::from(child));
    }
    s.children.borrow_mut().clear();
    let sink_bridge = sink.bridge();
    // SAFETY: every member now points at `sink`, and no link points at `s`.
    drop(unsafe { Box::from_raw(s as *const RegionMeta as *mut RegionMeta) });
    Ok(sink_bridge)
}

/// Dissolves a parentless region: every member becomes local, every direct subregion
/// parentless, and `bridge` an ordinary local object (of kind `Region`, no longer a
/// bridge).
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::HasParent`]; nothing changed then.
pub fn dissolve(bridge: &ObjRef) -> Result<(), CoreError> {
    let m = bridged(bridge)?;
    if let Some(parent) = m.parent() {
        return Err(CoreError::HasParent {
            bridge: bridge.describe(),
            parent: parent.describe_bridge(),
        });
    }
    dissolve_record(m);
    Ok(())
}

/// Closes the region of `bridge`: sets to `None` every reference from a local object into
/// the region or its subregions (other than references to `bridge` itself), when that
/// makes it closed. References held by Rust code cannot be cleared: if any remain, nothing
/// changes and `StillOpen` says how many.
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::StillOpen`].
pub fn close(bridge: &ObjRef) -> Result<(), CoreError> {
    let root = bridged(bridge)?;
    // The region tree: `root` and every region below it.
    let mut tree: Vec<&RegionMeta> = vec![root];
    let mut i = 0;
    while i < tree.len() {
        tree.extend(tree[i].children());
        i += 1;
    }
    let addrs: HashSet<usize> = tree.iter().map(|r| addr_of(r).addr()).collect();
    // What `close` clears: a reference into the tree, other than to `root`'s bridge.
    let clears = |r: &ObjRef| match r.obj().header.word() {
        Word::Region(addr) => addrs.contains(&addr.addr()) && !root.is_bridge(r.ptr()),
        _ => false,
    };
    // The local objects holding such references, and how many they hold in all.
    let mut holders = Vec::new();
    let mut from_locals = 0;
    for obj in reclaim::local_objects() {
        let mut n = 0;
        obj.obj()
            .read(|b| b.for_each_ref(|r| n += usize::from(clears(r))));
        if n > 0 {
            from_locals += n;
            holders.push(obj);
        }
    }
    // The outside references those must account for: to `root`'s members other than the
    // bridge, and every local reference into the subregions.
    let outstanding: usize =
        root.member_ext.get() + tree[1..].iter().map(|r| r.local_refs()).sum::<usize>();
    if outstanding != from_locals {
        return Err(CoreError::StillOpen {
            bridge: bridge.describe(),
            handles: outstanding - from_locals,
        });
    }
    for obj in holders {
        let removed = obj
            .obj()
            .write(|b| b.replace_values(|v| matches!(v, Value::Obj(o) if clears(o))))
            .expect("local objects are not frozen");
        drop(removed);
    }
    Ok(())
}
