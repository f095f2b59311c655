//! Hand-off (RFC-0002 §7): a closed, parentless region as a `Send` value.

use super::*;

/// A parentless, closed region, held by its bridge's only outside reference: it can be
/// moved to another thread (`Send`), in O(1) — no copy, no trace of its objects.
pub struct Isolated {
    bridge: ObjRef,
}

// SAFETY: `isolate` checked that the region has no parent, that this handle is the only
// outside reference to its bridge, that nothing outside references any other member
// (member_ext == 0), and that every subregion is closed (so each is referenced only by
// its owning reference, from inside the tree). The region's members reference only
// members of the tree, frozen objects (which are `Sync`) and nothing local (capture moved
// every local object in). So every object of the tree is reachable only through this
// handle: moving it moves exclusive access, like moving a `Box`. Region records and
// member lists are not thread-local, and the thread-local registry does not hold members.
unsafe impl Send for Isolated {}

impl Isolated {
    /// The bridge, as a handle on the receiving thread.
    pub fn into_bridge(self) -> ObjRef {
        self.bridge
    }
}

impl std::fmt::Debug for Isolated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Isolated({:?})", self.bridge)
    }
}

/// Checks that the region of `bridge` can leave this thread and wraps it; on failure
/// hands the bridge back with the reason.
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::NotIsolated`] (a parent, other local references
/// into the region, or an open subregion).
pub fn isolate(bridge: ObjRef) -> Result<Isolated, (CoreError, ObjRef)> {
    let m = match bridged(&bridge) {
        Ok(m) => m,
        Err(e) => return Err((e, bridge)),
    };
    let reason = if let Some(parent) = m.parent() {
        Some(format!(
            "it is a subregion of the region of {}",
            parent.describe_bridge()
        ))
    } else if m.bridge_ext.get() != 1 || m.member_ext.get() != 0 {
        Some(format!(
            "it is open: {} other local reference(s) into it",
            m.bridge_ext.get() + m.member_ext.get() - 1
        ))
    } else {
        let open = m.children().iter().filter(|c| c.is_open()).count();
        (open > 0).then(|| format!("{open} of its subregions are open"))
    };
    match reason {
        Some(reason) => Err((
            CoreError::NotIsolated {
                bridge: bridge.describe(),
                reason,
            },
            bridge,
        )),
        None => Ok(Isolated { bridge }),
    }
}
