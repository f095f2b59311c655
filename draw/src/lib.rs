//! Pictures of Floe's heap by region (RFC-0007): a read-only [`Snapshot`] of what some
//! roots reach — each region a cluster with its name, open or closed state and local count,
//! its bridge marked, subregions nested, frozen components shaded with their count — drawn
//! as Graphviz DOT, Mermaid (for Markdown) or SVG (laid out by `layout-rs`, so no system
//! Graphviz is needed).
//!
//! Taking a snapshot never changes the heap: no state, no count, no region's open or
//! closed state.
//!
//! ```
//! use floe_core::{List, Value};
//! use floe_draw::{Format, Options, Snapshot};
//! use floe_regions::Region;
//!
//! let bank = Region::named("bank");
//! bank.set("accounts", List::new([Value::from(100)])).unwrap();
//! let snap = Snapshot::take(&[("bank", bank.clone().into())], &Options::default());
//! let mermaid = snap.render(Format::Mermaid).unwrap();
//! assert!(mermaid.contains("region 'bank' · open · LRC 1"));
//! assert!(snap.render(Format::Svg).unwrap().starts_with("<svg"));
//! assert!(bank.is_closed()); // the snapshot changed nothing
//! ```
#![forbid(unsafe_code)]

mod dot;
mod mermaid;
mod snapshot;
mod style;
mod svg;
mod text;

pub use snapshot::{
    Component, Edge, EdgeKind, From, Node, Options, Place, RegionBox, Root, Snapshot, To,
};

/// A picture format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// SVG, laid out in-process by `layout-rs`.
    Svg,
    /// Graphviz DOT source.
    Dot,
    /// A Mermaid `flowchart`, for Markdown.
    Mermaid,
}

impl Format {
    /// The format named `svg`, `dot` (or `gv`) or `mermaid` (or `mmd`, `md`).
    ///
    /// # Examples
    /// ```
    /// use floe_draw::Format;
    /// assert_eq!(Format::named("mmd"), Some(Format::Mermaid));
    /// assert_eq!(Format::named("png"), None);
    /// ```
    pub fn named(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "dot" | "gv" => Some(Format::Dot),
            "mermaid" | "mmd" | "md" => Some(Format::Mermaid),
            _ => None,
        }
    }

    /// The format a file name's extension names, if any.
    ///
    /// # Examples
    /// ```
    /// use floe_draw::Format;
    /// assert_eq!(Format::of_path(std::path::Path::new("out/heap.svg")), Some(Format::Svg));
    /// ```
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        Format::named(path.extension()?.to_str()?)
    }

    /// The file extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
        }
    }
}

/// Why a picture could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutFailed;

impl std::fmt::Display for LayoutFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the SVG layout engine could not lay out this graph; draw it as 'dot' or 'mermaid' instead")
    }
}

impl std::error::Error for LayoutFailed {}

impl Snapshot {
    /// The snapshot as Graphviz DOT source: regions are `cluster_r<i>` subgraphs.
    pub fn to_dot(&self) -> String {
        dot::to_dot(self)
    }

    /// The snapshot as a Mermaid `flowchart`: regions are subgraphs `r<i>`.
    pub fn to_mermaid(&self) -> String {
        mermaid::to_mermaid(self)
    }

    /// The snapshot as an SVG document: each region a `<g class="cluster region">`, each
    /// frozen component a `<g class="cluster frozen">`.
    ///
    /// # Errors
    /// [`LayoutFailed`] if the layout engine failed on this graph.
    pub fn to_svg(&self) -> Result<String, LayoutFailed> {
        svg::to_svg(self).ok_or(LayoutFailed)
    }

    /// The snapshot in `format`.
    ///
    /// # Errors
    /// As [`Snapshot::to_svg`].
    pub fn render(&self, format: Format) -> Result<String, LayoutFailed> {
        match format {
            Format::Svg => self.to_svg(),
            Format::Dot => Ok(self.to_dot()),
            Format::Mermaid => Ok(self.to_mermaid()),
        }
    }
}

#[doc = include_str!("../../RFCs/0007-pictures.md")]
pub mod rfc_0007 {}

#[cfg(test)]
mod tests;
