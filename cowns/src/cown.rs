//! `Cown`: a concurrent owner — a box shared by every thread whose content is `None`, a
//! frozen value, another cown, or a closed region with no parent (semantics §6).

#![forbid(unsafe_code)]

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use floe_core::{FrozenValue, Value};
use floe_regions::{Isolated, Region};

use crate::error::CownError;
use crate::raw::CownCell;

/// What a cown holds between behaviours: only things that may cross threads.
pub(crate) enum Content {
    Empty,
    Frozen(FrozenValue),
    Cown(Cown),
    Region(Isolated),
    /// A region a behaviour left open: it stays on worker `worker`, referenced there, and
    /// behaviours on this cown run on that worker until it is closed (RFC-0005 §5).
    Stranded {
        worker: usize,
    },
    /// A behaviour's failure, carried by its result cown.
    Error(CownError),
}

/// A cown's content as seen on the thread running a behaviour (or `wait`ing): a region
/// is a [`Region`] handle there. Each variant carries a checked type: a frozen value is a
/// [`FrozenValue`] (only frozen values make one), a region a [`Region`] (checked, when it
/// goes into a cown, to be closed and parentless).
#[derive(Clone)]
pub enum Live {
    /// `None`.
    Empty,
    /// An immediate or a frozen object.
    Frozen(FrozenValue),
    /// Another cown.
    Cown(Cown),
    /// A region (its bridge), owned by this thread for now.
    Region(Region),
}

impl fmt::Debug for Live {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Live::Empty => f.write_str("Empty"),
            Live::Frozen(v) => write!(f, "Frozen({:?})", &**v),
            Live::Cown(c) => write!(f, "{c:?}"),
            Live::Region(r) => write!(f, "Region({r:?})"),
        }
    }
}

impl Live {
    /// The value a frozen content holds.
    pub fn frozen(&self) -> Option<&Value> {
        match self {
            Live::Frozen(v) => Some(&**v),
            _ => None,
        }
    }

    /// The region a content holds.
    pub fn region(&self) -> Option<&Region> {
        match self {
            Live::Region(r) => Some(r),
            _ => None,
        }
    }

    /// The cown a content holds.
    pub fn cown(&self) -> Option<&Cown> {
        match self {
            Live::Cown(c) => Some(c),
            _ => None,
        }
    }

    /// Checks a value can live in a cown: `None`, an immediate or frozen object, or the
    /// bridge of a region with no parent (which must then be closed to move: RFC-0005 §2).
    ///
    /// # Errors
    /// [`CownError::NotSendable`] with the value back, for a local object or a region
    /// member that is not a bridge.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{List, Value};
    /// use floe_cowns::Live;
    ///
    /// assert!(matches!(Live::from_value(Value::Int(3)), Ok(Live::Frozen(_))));
    /// let (err, _back) = Live::from_value(List::new([]).into()).unwrap_err();
    /// assert_eq!(err.python_name(), "RegionError");
    /// ```
    pub fn from_value(v: Value) -> Result<Live, (CownError, Value)> {
        if let Value::None = v {
            return Ok(Live::Empty);
        }
        let v = match FrozenValue::new(v) {
            Ok(frozen) => return Ok(Live::Frozen(frozen)),
            Err(v) => v,
        };
        let region = v
            .as_obj()
            .and_then(|o| Region::try_from(o.clone()).ok())
            .filter(|r| r.parent().is_none());
        match region {
            Some(r) => Ok(Live::Region(r)),
            None => {
                let what = match v.as_obj() {
                    Some(o) => o.describe().to_string(),
                    None => v.type_name(),
                };
                Err((CownError::NotSendable { what }, v))
            }
        }
    }

    /// A frozen immediate or object, checked.
    ///
    /// # Errors
    /// The value back, when it is a mutable object.
    pub fn frozen_value(v: Value) -> Result<Live, Value> {
        FrozenValue::new(v).map(Live::Frozen)
    }

    /// Prepares the content to leave this thread: a region must be closed and
    /// parentless, and this the only handle to its bridge.
    ///
    /// # Errors
    /// [`CownError::Isolation`] naming what still ties the region to this thread, with
    /// the content back, unchanged.
    pub(crate) fn into_content(self) -> Result<Content, (CownError, Live)> {
        Ok(match self {
            Live::Empty => Content::Empty,
            Live::Frozen(v) => Content::Frozen(v),
            Live::Cown(c) => Content::Cown(c),
            Live::Region(r) => match r.isolate() {
                Ok(i) => Content::Region(i),
                Err((e, r)) => {
                    return Err((
                        CownError::Isolation {
                            reason: e.to_string(),
                        },
                        Live::Region(r),
                    ))
                }
            },
        })
    }
}

impl Content {
    /// The content as live values on this thread (a region becomes this thread's).
    pub(crate) fn into_live(self) -> Result<Live, CownError> {
        match self {
            Content::Empty => Ok(Live::Empty),
            Content::Frozen(v) => Ok(Live::Frozen(v)),
            Content::Cown(c) => Ok(Live::Cown(c)),
            Content::Region(i) => Ok(Live::Region(Region::from(i))),
            Content::Stranded { worker } => Err(CownError::Stranded { worker }),
            Content::Error(e) => Err(e),
        }
    }
}

/// A concurrent owner (semantics §6): shared by every thread (`Send + Sync`, cloning
/// shares it); its content is reached only by behaviours that hold it ([`crate::when`])
/// or by [`crate::wait`].
#[derive(Clone)]
pub struct Cown(pub(crate) Arc<CownCell>);

impl Cown {
    /// A cown holding `content`, checked as the hand-off rule requires: a region must be
    /// closed and parentless, and the caller's handle to its bridge the only one.
    ///
    /// # Errors
    /// [`CownError::Isolation`] naming the outside references, with the content back:
    /// nothing is lost.
    ///
    /// # Examples
    /// ```
    /// use floe_core::List;
    /// use floe_cowns::{Cown, Live};
    /// use floe_regions::Region;
    ///
    /// let r = Region::named("account");
    /// r.set("history", List::new([])).unwrap();
    /// let history = r.get("history").unwrap();      // a local reference keeps r open
    /// let (err, back) = Cown::new(Live::Region(r)).unwrap_err();
    /// assert_eq!(err.python_name(), "IsolationError");
    /// drop(history);
    /// let c = Cown::new(back).unwrap();             // closed now: it moves
    /// ```
    pub fn new(content: Live) -> Result<Cown, (CownError, Live)> {
        let content = content.into_content()?;
        Ok(Cown::holding(content))
    }

    /// An empty cown.
    pub fn empty() -> Cown {
        Cown::holding(Content::Empty)
    }

    pub(crate) fn holding(content: Content) -> Cown {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Cown(Arc::new(CownCell::new(
            NEXT.fetch_add(1, Ordering::Relaxed),
            content,
        )))
    }

    /// The cown's identity (its creation number).
    pub fn id(&self) -> u64 {
        self.0.id
    }

    /// `true` if both handles are the same cown.
    pub fn ptr_eq(&self, other: &Cown) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Cown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cown#{}", self.0.id)
    }
}
