//! A read-only look at what a cown holds, for pictures of the heap (RFC-0007): the kind of
//! content, never the content itself, which only a behaviour holding the cown may touch.
//! The kind is kept beside the content ([`crate::raw::CownCell`]'s `kind`), written by
//! whoever holds the cown each time it touches the content.

use std::sync::atomic::Ordering::Relaxed;

use floe_core::Value;

use crate::cown::{Content, Cown};
use crate::raw::CownCell;

const NONE: u8 = 0;
const FROZEN: u8 = 1;
const COWN: u8 = 2;
const REGION: u8 = 3;
const STRANDED: u8 = 4;
const ERROR: u8 = 5;

/// The kind code of a content.
pub(crate) fn kind_of(content: &Content) -> u8 {
    match content {
        Content::Empty => NONE,
        Content::Frozen(v) if matches!(&**v, Value::None) => NONE,
        Content::Frozen(_) => FROZEN,
        Content::Cown(_) => COWN,
        Content::Region(_) => REGION,
        Content::Stranded { .. } => STRANDED,
        Content::Error(_) => ERROR,
    }
}

/// Records the kind of `content`, which the caller holds (it runs a behaviour on `cell`).
pub(crate) fn note_kind(cell: &CownCell, content: &Content) {
    cell.kind.store(kind_of(content), Relaxed);
}

impl Cown {
    /// What the cown holds, in words: `None`, `a frozen value`, `a cown`, `a closed
    /// region`, `a region left open on a worker`, `an error`; or `busy: behaviours
    /// scheduled` while a behaviour holds it or waits for it (its content is then theirs).
    /// Never waits, never touches the content, changes nothing; what it says may be a
    /// moment old.
    ///
    /// # Examples
    /// ```
    /// use floe_cowns::{Cown, Live};
    ///
    /// assert_eq!(Cown::empty().describe_content(), "None");
    /// let three = Live::frozen_value(floe_core::Value::from(3)).unwrap();
    /// assert_eq!(Cown::new(three).unwrap().describe_content(), "a frozen value");
    /// ```
    pub fn describe_content(&self) -> String {
        if self.0.is_busy() {
            return "busy: behaviours scheduled".to_string();
        }
        match self.0.kind.load(Relaxed) {
            NONE => "None",
            FROZEN => "a frozen value",
            COWN => "a cown",
            REGION => "a closed region",
            STRANDED => "a region left open on a worker",
            _ => "an error",
        }
        .to_string()
    }
}
