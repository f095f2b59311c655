//! The colours of the visual grammar (RFC-0007 §2), shared by every renderer.

use crate::snapshot::{Node, Place};

/// A region's cluster fill.
pub(crate) const REGION_FILL: &str = "#eef5fc";
/// A frozen component's cluster fill (shaded).
pub(crate) const FROZEN_FILL: &str = "#e3e3e3";
/// A frozen component's border.
pub(crate) const FROZEN_STROKE: &str = "#7a7a7a";
/// An outside reference that keeps a region open.
pub(crate) const OPENING: &str = "#c0392b";

/// A region's border: orange while open, blue once closed.
pub(crate) fn region_stroke(open: bool) -> &'static str {
    if open {
        "#e67e22"
    } else {
        "#2e6da4"
    }
}

/// A node's fill: white when local or in a region, grey when frozen, yellow for a bridge.
pub(crate) fn node_fill(n: &Node) -> &'static str {
    match (n.bridge, n.place) {
        (true, _) => "#fff3c4",
        (false, Place::Frozen(_)) => "#f4f4f4",
        (false, Place::Cown) => "#e8f6e8",
        _ => "#ffffff",
    }
}
