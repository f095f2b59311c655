//! What the two text formats (DOT and Mermaid) share: the walk over the clusters in
//! nesting order, and the names of an edge's ends.

use crate::snapshot::{Edge, From, Place, Snapshot, To};

/// How one text format writes a node and opens and closes a cluster.
pub(crate) trait Syntax {
    /// Writes drawn object `i` at `indent`.
    fn node(&self, snap: &Snapshot, out: &mut String, i: usize, indent: &str);
    /// Opens the cluster of region `r`.
    fn open_region(&self, snap: &Snapshot, out: &mut String, r: usize, indent: &str);
    /// Opens the cluster of frozen component `c`.
    fn open_component(&self, snap: &Snapshot, out: &mut String, c: usize, indent: &str);
    /// Closes the cluster opened at `indent`.
    fn close(&self, out: &mut String, indent: &str);
}

fn region(snap: &Snapshot, out: &mut String, syntax: &impl Syntax, r: usize, depth: usize) {
    let indent = "  ".repeat(depth + 1);
    syntax.open_region(snap, out, r, &indent);
    let inner = format!("{indent}  ");
    for i in 0..snap.nodes.len() {
        if snap.nodes[i].place == Place::Region(r) {
            syntax.node(snap, out, i, &inner);
        }
    }
    for c in 0..snap.regions.len() {
        if snap.regions[c].parent == Some(r) {
            region(snap, out, syntax, c, depth + 1);
        }
    }
    syntax.close(out, &indent);
}

/// Writes every drawn object: the regions (subregions nested inside their parents), the
/// frozen components, then the local objects and cowns.
pub(crate) fn write_clusters(snap: &Snapshot, out: &mut String, syntax: &impl Syntax) {
    for r in 0..snap.regions.len() {
        if snap.regions[r].parent.is_none() {
            region(snap, out, syntax, r, 0);
        }
    }
    for c in 0..snap.components.len() {
        syntax.open_component(snap, out, c, "  ");
        for i in 0..snap.nodes.len() {
            if snap.nodes[i].place == Place::Frozen(c) {
                syntax.node(snap, out, i, "    ");
            }
        }
        syntax.close(out, "  ");
    }
    for i in 0..snap.nodes.len() {
        if matches!(snap.nodes[i].place, Place::Local | Place::Cown) {
            syntax.node(snap, out, i, "  ");
        }
    }
}

/// The names of an edge's ends: `v<i>` for a root, `n<i>` for an object, `more`.
pub(crate) fn ends(e: &Edge) -> (String, String) {
    let from = match e.from {
        From::Root(i) => format!("v{i}"),
        From::Node(i) => format!("n{i}"),
    };
    let to = match e.to {
        To::Node(i) => format!("n{i}"),
        To::More => "more".to_string(),
    };
    (from, to)
}
