//! A read-only look at what a cown holds, for pictures of the heap (RFC-0007): the kind of
//! content, never the content itself, which only a behaviour holding the cown may touch.

use floe_core::Value;

use crate::cown::{Content, Cown};

impl Cown {
    /// What the cown holds, in words: `None`, an immediate's value (`3`, `'a'`), `a frozen
    /// list`, `a cown`, `a closed region`, `a region left open on a worker`, `an error`; or,
    /// while behaviours are scheduled on it, `busy: N behaviour(s) scheduled` (its content
    /// is then theirs). Takes the cown's lock for a moment; never waits for a behaviour and
    /// changes nothing.
    ///
    /// # Examples
    /// ```
    /// use floe_cowns::{Cown, Live};
    ///
    /// assert_eq!(Cown::empty().describe_content(), "None");
    /// let c = Cown::new(Live::Frozen(floe_core::Value::from(3))).unwrap();
    /// assert_eq!(c.describe_content(), "3");
    /// ```
    pub fn describe_content(&self) -> String {
        let state = self.lock();
        if !state.queue.is_empty() {
            let n = state.queue.len();
            let s = if n == 1 { "" } else { "s" };
            return format!("busy: {n} behaviour{s} scheduled");
        }
        match &state.content {
            Content::Empty => "None".to_string(),
            Content::Frozen(v) => match &**v {
                Value::None => "None".to_string(),
                Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(x) => format!("{x:?}"),
                Value::Str(s) => format!("'{}'", &**s),
                Value::Obj(o) => format!("a frozen {}", o.type_name()),
            },
            Content::Cown(_) => "a cown".to_string(),
            Content::Region(_) => "a closed region".to_string(),
            Content::Stranded { .. } => "a region left open on a worker".to_string(),
            Content::Error(_) => "an error".to_string(),
        }
    }
}
