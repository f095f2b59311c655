//! Graphviz DOT text (RFC-0007 §2): each region a `cluster_r*` subgraph (subregions nested
//! inside), each frozen component a shaded `cluster_f*`.

use std::fmt::Write;

use crate::snapshot::{EdgeKind, From, Place, Snapshot, To};
use crate::style;

/// Escapes text for a double-quoted DOT string.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn node_label(snap: &Snapshot, i: usize) -> String {
    let n = &snap.nodes[i];
    let mut s = esc(&n.title);
    for l in &n.lines {
        s.push_str("\\n");
        s.push_str(&esc(l));
    }
    s
}

fn write_node(snap: &Snapshot, out: &mut String, i: usize, indent: &str) {
    let n = &snap.nodes[i];
    let extra = match (n.bridge, n.place) {
        (true, _) => ", peripheries=2, penwidth=1.5",
        (false, Place::Cown) => ", shape=hexagon",
        _ => "",
    };
    let fill = style::node_fill(n);
    let _ = writeln!(
        out,
        "{indent}n{i} [label=\"{}\", fillcolor=\"{fill}\"{extra}];",
        node_label(snap, i)
    );
}

fn write_region(snap: &Snapshot, out: &mut String, r: usize, depth: usize) {
    let indent = "  ".repeat(depth + 1);
    let rb = &snap.regions[r];
    let _ = writeln!(out, "{indent}subgraph cluster_r{r} {{");
    let _ = writeln!(
        out,
        "{indent}  label=\"{}\"; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\"; penwidth=1.5;",
        esc(&rb.label(r)),
        style::REGION_FILL,
        style::region_stroke(rb.open)
    );
    let inner = format!("{indent}  ");
    for i in 0..snap.nodes.len() {
        if snap.nodes[i].place == Place::Region(r) {
            write_node(snap, out, i, &inner);
        }
    }
    for c in 0..snap.regions.len() {
        if snap.regions[c].parent == Some(r) {
            write_region(snap, out, c, depth + 1);
        }
    }
    let _ = writeln!(out, "{indent}}}");
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
        let label = match &root.inline {
            Some(v) => format!("{} = {v}", root.name),
            None => root.name.clone(),
        };
        let _ = writeln!(
            out,
            "  v{i} [label=\"{}\", shape=plaintext, style=\"\", fontname=\"Courier\"];",
            esc(&label)
        );
    }
    for r in 0..snap.regions.len() {
        if snap.regions[r].parent.is_none() {
            write_region(snap, &mut out, r, 0);
        }
    }
    for (c, comp) in snap.components.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_f{c} {{");
        let _ = writeln!(
            out,
            "    label=\"{}\"; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\";",
            esc(&comp.label()),
            style::FROZEN_FILL,
            style::FROZEN_STROKE
        );
        for i in 0..snap.nodes.len() {
            if snap.nodes[i].place == Place::Frozen(c) {
                write_node(snap, &mut out, i, "    ");
            }
        }
        out.push_str("  }\n");
    }
    for i in 0..snap.nodes.len() {
        if matches!(snap.nodes[i].place, Place::Local | Place::Cown) {
            write_node(snap, &mut out, i, "  ");
        }
    }
    if snap.more > 0 {
        let _ = writeln!(
            out,
            "  more [label=\"… {} more\", shape=note, style=\"\"];",
            snap.more
        );
    }
    for e in &snap.edges {
        let from = match e.from {
            From::Root(i) => format!("v{i}"),
            From::Node(i) => format!("n{i}"),
        };
        let to = match e.to {
            To::Node(i) => format!("n{i}"),
            To::More => "more".to_string(),
        };
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
