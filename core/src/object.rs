//! The untyped handle's public face: kind, state, identity, description, the store check.

use std::fmt;

use crate::body::Body;
use crate::header::{State, Word};
use crate::region;
use crate::{CoreError, ObjRef, Str, Value};

/// The kind of a heap object, fixed when it is allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A mutable sequence (`list`).
    List,
    /// An immutable sequence (`tuple`); frozen at birth when its elements are.
    Tuple,
    /// An insertion-ordered mapping (`dict`).
    Dict,
    /// An insertion-ordered set (`set`).
    Set,
    /// An instance of a user class, with attributes.
    Instance,
    /// A user class.
    Class,
    /// A function of the interpreter: attributes like an instance's, and, like a class,
    /// shared code that never enters a region (semantics §2).
    Function,
    /// A region's bridge (an instance of the built-in `Region` type), or a former bridge.
    Region,
    /// A type defined outside the core ([`crate::NativeBody`]), frozen from birth.
    Native,
}

impl Kind {
    /// The Python name of the built-in type (`"list"`, …; `"type"` for classes).
    pub fn name(self) -> &'static str {
        match self {
            Kind::List => "list",
            Kind::Tuple => "tuple",
            Kind::Dict => "dict",
            Kind::Set => "set",
            Kind::Instance => "object",
            Kind::Class => "type",
            Kind::Function => "function",
            Kind::Region => "Region",
            Kind::Native => "native",
        }
    }
}

/// Whether freezing may reach an object (semantics §4, PEP 795's `FREEZABLE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Freezable {
    /// Freezing may reach it.
    Yes = 1,
    /// Freezing refuses it (`NotFreezableError`).
    No = 2,
    /// Only when passed to `freeze` directly, as a root.
    Explicit = 3,
}

/// A description of an object for error messages: its type, identity and state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjDesc {
    /// The Python type name (class name for instances).
    pub ty: Str,
    /// The object's identity ([`ObjRef::id`]).
    pub id: usize,
    /// The state when the description was taken.
    pub state: State,
    /// How to name the object instead of `"{ty} object"`: `class C` for a class,
    /// `Region 'name'` for a named region's bridge.
    pub label: Option<Str>,
}

impl fmt::Display for ObjDesc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.label {
            Some(label) => write!(f, "{label} {:#x} ({})", self.id, self.state),
            None => write!(f, "{} object {:#x} ({})", self.ty, self.id, self.state),
        }
    }
}

impl ObjRef {
    /// The object's kind.
    #[inline]
    pub fn kind(&self) -> Kind {
        self.obj().header.kind
    }

    /// The object's state.
    #[inline]
    pub fn state(&self) -> State {
        match self.obj().header.word() {
            Word::Local => State::Local,
            Word::Frozen(_) => State::Frozen,
            Word::Region(_) => State::InRegion(region::region_of(self).expect("member").id),
        }
    }

    /// `true` if the object is frozen.
    #[inline]
    pub fn is_frozen(&self) -> bool {
        self.obj().header.is_frozen()
    }

    /// The freezability set on this object, if any (`set_freezable`).
    pub fn freezable(&self) -> Option<Freezable> {
        self.obj().header.freezable()
    }

    /// Sets the object's freezability (semantics §4 `set_freezable`).
    ///
    /// # Errors
    /// [`CoreError::Immutable`] once the object is frozen.
    pub fn set_freezable(&self, status: Freezable) -> Result<(), CoreError> {
        self.mutate("set the freezability of", |_| ())?;
        let before = region::member_needs_check(self);
        self.obj().header.set_freezable(Some(status));
        region::freezable_changed(self, before);
        Ok(())
    }

    /// Removes the freezability set on this object, so that its type's applies again
    /// (PEP 795 `unset_freezable`).
    ///
    /// # Errors
    /// [`CoreError::Immutable`] once the object is frozen.
    pub fn unset_freezable(&self) -> Result<(), CoreError> {
        self.mutate("unset the freezability of", |_| ())?;
        let before = region::member_needs_check(self);
        self.obj().header.set_freezable(None);
        region::freezable_changed(self, before);
        Ok(())
    }

    /// Claims the object's one call of its `__pre_freeze__` hook (PEP 795: the hook runs
    /// at most once per object, even across refused freezes, so the flag is set before
    /// the call): `true` if the hook had not been claimed yet and the object is mutable.
    pub fn claim_pre_freeze(&self) -> bool {
        let h = &self.obj().header;
        if h.is_frozen() || h.flag(crate::header::PRE_FREEZE_RAN) {
            return false;
        }
        h.set_flag(crate::header::PRE_FREEZE_RAN, true);
        true
    }

    /// The object's identity, stable for its lifetime (Python's `id`).
    pub fn id(&self) -> usize {
        self.ptr().as_ptr() as usize
    }

    /// `true` if both handles point at the same object (Python's `is`).
    pub fn ptr_eq(&self, other: &ObjRef) -> bool {
        self.ptr() == other.ptr()
    }

    /// The Python type name: the kind's name, or the class name for an instance.
    pub fn type_name(&self) -> String {
        match self.kind() {
            Kind::Instance | Kind::Function => self.obj().read(|b| match b {
                Body::Instance { class, .. } => class.class_name().to_string(),
                _ => unreachable!("kind is Instance"),
            }),
            Kind::Native => self
                .native_body()
                .expect("native objects are frozen")
                .type_name()
                .to_string(),
            k => k.name().to_string(),
        }
    }

    /// The name of a class object.
    pub(crate) fn class_name(&self) -> crate::Str {
        self.obj().read(|b| match b {
            Body::Class(c) => c.name.clone(),
            _ => unreachable!("class_name on a non-class"),
        })
    }

    /// Describes the object for error messages.
    pub fn describe(&self) -> ObjDesc {
        ObjDesc {
            ty: Str::from(self.type_name()),
            id: self.id(),
            state: self.state(),
            label: match self.kind() {
                Kind::Class => Some(Str::from(format!("class {}", self.class_name()))),
                Kind::Function => match self.own_attr("__name__") {
                    Some(Value::Str(name)) => Some(Str::from(format!("function {name}"))),
                    _ => None,
                },
                Kind::Region => region::region_of(self)
                    .filter(|m| m.is_bridge(self.ptr()))
                    .and_then(|m| m.name.as_ref())
                    .map(|n| Str::from(format!("Region '{n}'"))),
                _ => None,
            },
        }
    }

    /// The number of counted references: to this object if it is mutable, to its whole
    /// frozen component (from outside the component) if it is frozen; `usize::MAX` for
    /// an immortal object ([`crate::Frozen::into_immortal`]), whose references are not
    /// counted.
    pub fn ref_count(&self) -> usize {
        use std::sync::atomic::Ordering::Relaxed;
        match self.obj().header.component() {
            Some(crate::header::Component::Immortal(_)) => usize::MAX,
            // SAFETY: `self` is a referenced member of that component.
            Some(c) => unsafe { crate::raw::component_count(c) }.load(Relaxed),
            None => self.obj().header.rc.load(Relaxed),
        }
    }

    /// For a frozen object, an identity shared by every member of its frozen component
    /// (the root's `id`, or for a region frozen whole the address of its record);
    /// `None` for a mutable object.
    pub fn component(&self) -> Option<usize> {
        self.obj().header.component().map(|c| c.addr())
    }

    /// Calls `f` on each heap object this object references, one call per reference, in
    /// field order, without taking new references. `f` must not change this object (it
    /// may read any object).
    ///
    /// # Panics
    /// If `f` writes to this object (the body is borrowed for reading).
    pub fn for_each_reference(&self, f: impl FnMut(&ObjRef)) {
        self.obj().read(|b| b.for_each_ref(f));
    }

    /// The heap objects this object references, one entry per reference, in field order.
    pub fn references(&self) -> Vec<ObjRef> {
        let mut out = Vec::new();
        self.obj().read(|b| b.for_each_ref(|r| out.push(r.clone())));
        out
    }

    /// The elements of a list or tuple, as a snapshot.
    pub(crate) fn items_snapshot(&self) -> Vec<Value> {
        self.with_items(<[Value]>::to_vec)
    }

    /// Calls `f` with a list's or tuple's elements, read in place.
    ///
    /// # Panics
    /// If `f` writes to this object (the body is borrowed for reading).
    pub(crate) fn with_items<R>(&self, f: impl FnOnce(&[Value]) -> R) -> R {
        self.obj().read(|b| match b {
            Body::List(v) => f(v),
            Body::Tuple(v) => f(v),
            _ => unreachable!("with_items on a non-sequence"),
        })
    }

    /// The write barrier (RFC-0002 §3): run before `values` are stored into `self`.
    /// A local holder accepts anything; a region member accepts immediates, frozen
    /// objects and members of its own region at once (one compare of state words), and
    /// otherwise captures local graphs and adopts parentless bridges — all or nothing.
    /// Once it returns `Ok`, the caller must store every value (nothing may fail after).
    ///
    /// # Errors
    /// [`CoreError::Immutable`] if `self` is frozen; for a region member,
    /// [`CoreError::CrossRegion`], [`CoreError::SecondOwner`], [`CoreError::RegionCycle`],
    /// [`CoreError::UnfrozenCode`]. On error nothing changed.
    #[inline]
    pub(crate) fn admit(&self, op: &'static str, values: &[&Value]) -> Result<(), CoreError> {
        // A local object admits anything: decided inline, the rest out of line.
        if self.obj().header.is_local() {
            return Ok(());
        }
        self.admit_shared(op, values)
    }

    /// [`Self::admit`] for an object that is not local.
    #[inline(never)]
    fn admit_shared(&self, op: &'static str, values: &[&Value]) -> Result<(), CoreError> {
        match self.obj().header.word() {
            Word::Local => Ok(()),
            Word::Frozen(_) => Err(CoreError::Immutable {
                obj: self.describe(),
                op,
            }),
            Word::Region(_) => {
                let meta = region::region_of(self).expect("region member");
                region::admit(self, meta, values)
            }
        }
    }

    /// Drops a value that just left `self`'s body (RFC-0002 §3 rule 7): as [`Self::release`]
    /// followed by a drop, with a same-region reference dropped as an inside reference.
    #[inline]
    pub(crate) fn discard(&self, removed: Value) {
        match region::region_of(self) {
            Some(meta) => region::discard_removed(meta, removed),
            None => drop(removed),
        }
    }

    /// The barrier's fast path, without side effects (RFC-0002 §3 rule 5): `Some` when
    /// storing `value` into `self` needs no capture or adoption and `self` is not frozen,
    /// carrying the count adjustment to apply once the store has happened (rule 6).
    #[inline]
    pub(crate) fn admit_fast(&self, value: &Value) -> Option<Settle<'_>> {
        let holder = &self.obj().header;
        let Word::Region(addr) = holder.word() else {
            return holder.is_local().then_some(Settle::none());
        };
        // SAFETY: `self` is a live member of the region whose record is at `addr`.
        let meta = unsafe { region::meta(addr) };
        let stored = match value {
            // The common case first: a member of the same region (equal state words).
            Value::Obj(o) if meta.holds(o) => Some(o.ptr()),
            Value::Obj(o) if !o.is_frozen() => return None,
            _ => None,
        };
        Some(Settle {
            meta: Some(meta),
            stored,
        })
    }

    /// Settles values that have just left `self`'s body (RFC-0002 §3): references into
    /// `self`'s region count as outside ones again, and a removed owning reference
    /// unparents its subregion. The caller drops the values afterwards.
    #[inline]
    pub(crate) fn release<'a>(&self, removed: impl IntoIterator<Item = &'a Value>) {
        if let Some(meta) = region::region_of(self) {
            for v in removed {
                region::settle_removed(meta, v);
            }
        }
    }

    /// Runs `f` on the body of a non-frozen object. Callers that store values run
    /// [`Self::admit`] first, and [`Self::release`] on the values they remove.
    ///
    /// # Errors
    /// [`CoreError::Immutable`] if the object is frozen.
    #[inline]
    pub(crate) fn mutate<R>(
        &self,
        op: &'static str,
        f: impl FnOnce(&mut Body) -> R,
    ) -> Result<R, CoreError> {
        self.obj().write(f).ok_or_else(|| CoreError::Immutable {
            obj: self.describe(),
            op,
        })
    }
}

/// What a fast-path store owes once the value is stored (RFC-0002 §3 rule 6): the
/// holder's region, decoded once, and the member whose reference moves from outside to
/// inside.
pub(crate) struct Settle<'a> {
    meta: Option<&'a region::RegionMeta>,
    stored: Option<std::ptr::NonNull<crate::raw::ObjBox>>,
}

impl Settle<'_> {
    /// Nothing decoded: the barrier's slow path ran (and settled the stored values).
    pub(crate) fn none() -> Self {
        Settle {
            meta: None,
            stored: None,
        }
    }

    /// Ends a store of one value into `holder` that replaced `old`: drops `old` as the
    /// reference it was (an inside reference to a member goes without touching the
    /// region's counts), then moves the stored member's reference inside — which, if it
    /// was the bridge's last outside one, dissolves the region (the dropped-bridge rule,
    /// [`region::settle_stored_member`]; last, since the region may end there).
    #[inline]
    pub(crate) fn finish(self, holder: &ObjRef, old: Value) {
        match self.meta {
            Some(meta) => region::discard_removed(meta, old),
            None => holder.discard(old),
        }
        if let (Some(meta), Some(ptr)) = (self.meta, self.stored) {
            region::settle_stored_member(meta, ptr);
        }
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.describe())
    }
}
