//! Mermaid `flowchart` text (RFC-0007 §2), for Markdown, as FrankenScript draws its heap:
//! each region a subgraph (subregions nested inside), each frozen component a shaded one.

use std::fmt::Write;

use crate::snapshot::{EdgeKind, Place, Snapshot};
use crate::style;
use crate::text::{ends, write_clusters, Syntax};

/// Escapes text for a double-quoted Mermaid label (entity codes, as Mermaid reads them).
fn esc(s: &str) -> String {
    s.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// The Mermaid syntax of nodes and subgraphs.
struct Mermaid;

impl Syntax for Mermaid {
    fn node(&self, snap: &Snapshot, out: &mut String, i: usize, indent: &str) {
        let n = &snap.nodes[i];
        let label: Vec<String> = n.label_lines().map(esc).collect();
        let (open, close) = match (n.bridge, n.place) {
            (true, _) => ("[[", "]]"),
            (false, Place::Cown) => ("{{", "}}"),
            _ => ("[", "]"),
        };
        let _ = writeln!(out, "{indent}n{i}{open}\"{}\"{close}", label.join("<br/>"));
    }

    fn open_region(&self, snap: &Snapshot, out: &mut String, r: usize, indent: &str) {
        let label = esc(&snap.regions[r].label(r));
        let _ = writeln!(out, "{indent}subgraph r{r}[\"{label}\"]");
    }

    fn open_component(&self, snap: &Snapshot, out: &mut String, c: usize, indent: &str) {
        let label = esc(&snap.components[c].label());
        let _ = writeln!(out, "{indent}subgraph f{c}[\"{label}\"]");
    }

    fn close(&self, out: &mut String, indent: &str) {
        let _ = writeln!(out, "{indent}end");
    }
}

/// The snapshot as a Mermaid `flowchart`.
pub(crate) fn to_mermaid(snap: &Snapshot) -> String {
    let mut out = String::new();
    if let Some(t) = &snap.title {
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", esc(t));
    }
    out.push_str("flowchart LR\n");
    for (i, root) in snap.roots.iter().enumerate() {
        let _ = writeln!(out, "  v{i}([\"{}\"])", esc(&root.label()));
    }
    write_clusters(snap, &mut out, &Mermaid);
    if snap.more > 0 {
        let _ = writeln!(out, "  more>\"… {} more\"]", snap.more);
    }
    let mut opening = Vec::new();
    for (k, e) in snap.edges.iter().enumerate() {
        let (from, to) = ends(e);
        let arrow = match e.kind {
            EdgeKind::Plain => "-->",
            EdgeKind::Owning => "==>",
            EdgeKind::Opening => {
                opening.push(k);
                "-.->"
            }
        };
        if e.label.is_empty() {
            let _ = writeln!(out, "  {from} {arrow} {to}");
        } else {
            let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", esc(&e.label));
        }
    }
    for (r, rb) in snap.regions.iter().enumerate() {
        let _ = writeln!(
            out,
            "  style r{r} fill:{},stroke:{}",
            style::REGION_FILL,
            style::region_stroke(rb.open)
        );
    }
    for c in 0..snap.components.len() {
        let _ = writeln!(
            out,
            "  style f{c} fill:{},stroke:{}",
            style::FROZEN_FILL,
            style::FROZEN_STROKE
        );
    }
    for (i, n) in snap.nodes.iter().enumerate() {
        if n.bridge || matches!(n.place, Place::Frozen(_) | Place::Cown) {
            let _ = writeln!(out, "  style n{i} fill:{}", style::node_fill(n));
        }
    }
    if !opening.is_empty() {
        let list: Vec<String> = opening.iter().map(|k| k.to_string()).collect();
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{}",
            list.join(","),
            style::OPENING
        );
    }
    out
}
