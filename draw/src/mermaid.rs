//! Mermaid `flowchart` text (RFC-0007 §2), for Markdown, as FrankenScript draws its heap:
//! each region a subgraph (subregions nested inside), each frozen component a shaded one.

use std::fmt::Write;

use crate::snapshot::{EdgeKind, From, Place, Snapshot, To};
use crate::style;

/// Escapes text for a double-quoted Mermaid label (entity codes, as Mermaid reads them).
fn esc(s: &str) -> String {
    s.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn write_node(snap: &Snapshot, out: &mut String, i: usize, indent: &str) {
    let n = &snap.nodes[i];
    let mut label = esc(&n.title);
    for l in &n.lines {
        label.push_str("<br/>");
        label.push_str(&esc(l));
    }
    let (open, close) = match (n.bridge, n.place) {
        (true, _) => ("[[", "]]"),
        (false, Place::Cown) => ("{{", "}}"),
        _ => ("[", "]"),
    };
    let _ = writeln!(out, "{indent}n{i}{open}\"{label}\"{close}");
}

fn write_region(snap: &Snapshot, out: &mut String, r: usize, depth: usize) {
    let indent = "  ".repeat(depth + 1);
    let _ = writeln!(
        out,
        "{indent}subgraph r{r}[\"{}\"]",
        esc(&snap.regions[r].label(r))
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
    let _ = writeln!(out, "{indent}end");
}

/// The snapshot as a Mermaid `flowchart`.
pub(crate) fn to_mermaid(snap: &Snapshot) -> String {
    let mut out = String::new();
    if let Some(t) = &snap.title {
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", esc(t));
    }
    out.push_str("flowchart LR\n");
    for (i, root) in snap.roots.iter().enumerate() {
        let label = match &root.inline {
            Some(v) => format!("{} = {v}", root.name),
            None => root.name.clone(),
        };
        let _ = writeln!(out, "  v{i}([\"{}\"])", esc(&label));
    }
    for r in 0..snap.regions.len() {
        if snap.regions[r].parent.is_none() {
            write_region(snap, &mut out, r, 0);
        }
    }
    for (c, comp) in snap.components.iter().enumerate() {
        let _ = writeln!(out, "  subgraph f{c}[\"{}\"]", esc(&comp.label()));
        for i in 0..snap.nodes.len() {
            if snap.nodes[i].place == Place::Frozen(c) {
                write_node(snap, &mut out, i, "    ");
            }
        }
        out.push_str("  end\n");
    }
    for i in 0..snap.nodes.len() {
        if matches!(snap.nodes[i].place, Place::Local | Place::Cown) {
            write_node(snap, &mut out, i, "  ");
        }
    }
    if snap.more > 0 {
        let _ = writeln!(out, "  more>\"… {} more\"]", snap.more);
    }
    let mut opening = Vec::new();
    for (k, e) in snap.edges.iter().enumerate() {
        let from = match e.from {
            From::Root(i) => format!("v{i}"),
            From::Node(i) => format!("n{i}"),
        };
        let to = match e.to {
            To::Node(i) => format!("n{i}"),
            To::More => "more".to_string(),
        };
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
