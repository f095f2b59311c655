//! Graphviz DOT text (RFC-0007 §2): each region a `cluster_r*` subgraph (subregions nested
//! inside), each frozen component a shaded `cluster_f*`.

use std::fmt::Write;

use crate::snapshot::{EdgeKind, Place, Snapshot};
use crate::style;
use crate::text::{ends, write_clusters, Syntax};

/// Escapes text for a double-quoted DOT string.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The DOT syntax of nodes and clusters.
struct Dot;

impl Syntax for Dot {
    fn node(&self, snap: &Snapshot, out: &mut String, i: usize, indent: &str) {
        let n = &snap.nodes[i];
        let extra = match (n.bridge, n.place) {
            (true, _) => ", peripheries=2, penwidth=1.5",
            (false, Place::Cown) => ", shape=hexagon",
            _ => "",
        };
        let label: Vec<String> = n.label_lines().map(esc).collect();
        let _ = writeln!(
            out,
            "{indent}n{i} [label=\"{}\", fillcolor=\"{}\"{extra}];",
            label.join("\\n"),
            style::node_fill(n)
        );
    }

    fn open_region(&self, snap: &Snapshot, out: &mut String, r: usize, indent: &str) {
        let rb = &snap.regions[r];
        let _ = writeln!(out, "{indent}subgraph cluster_r{r} {{");
        let _ = writeln!(
            out,
            "{indent}  label=\"{}\"; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\"; penwidth=1.5;",
            esc(&rb.label(r)),
            style::REGION_FILL,
            style::region_stroke(rb.open)
        );
    }

    fn open_component(&self, snap: &Snapshot, out: &mut String, c: usize, indent: &str) {
        let _ = writeln!(out, "{indent}subgraph cluster_f{c} {{");
        let _ = writeln!(
            out,
            "{indent}  label=\"{}\"; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\";",
            esc(&snap.components[c].label()),
            style::FROZEN_FILL,
            style::FROZEN_STROKE
        );
    }

    fn close(&self, out: &mut String, indent: &str) {
        let _ = writeln!(out, "{indent}}}");
    }
}

/// The snapshot as a Graphviz `digraph`.
pub(crate) fn to_dot(snap: &Snapshot) -> String {
    let mut out = String::new();
    out.push_str("digraph floe {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\"{}\"];",
        esc(snap.title.as_deref().unwrap_or(""))
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (i, root) in snap.roots.iter().enumerate() {
        let _ = writeln!(
            out,
            "  v{i} [label=\"{}\", shape=plaintext, style=\"\", fontname=\"Courier\"];",
            esc(&root.label())
        );
    }
    write_clusters(snap, &mut out, &Dot);
    if snap.more > 0 {
        let _ = writeln!(
            out,
            "  more [label=\"… {} more\", shape=note, style=\"\"];",
            snap.more
        );
    }
    for e in &snap.edges {
        let (from, to) = ends(e);
        let attrs = match e.kind {
            EdgeKind::Plain => String::new(),
            EdgeKind::Owning => ", penwidth=2.5".to_string(),
            EdgeKind::Opening => format!(", style=dashed, color=\"{}\"", style::OPENING),
        };
        let _ = writeln!(
            out,
            "  {from} -> {to} [label=\"{}\"{attrs}];",
            esc(&e.label)
        );
    }
    out.push_str("}\n");
    out
}
