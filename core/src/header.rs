//! The object header: state word, reference count, auxiliary word, borrow flag, kind.
//!
//! RFC-0001 §2 documents the layout. The state word is the one the write barrier reads:
//!
//! | tag (low 2 bits) | owner record says | state       | payload (high bits)                          |
//! |------------------|-------------------|-------------|----------------------------------------------|
//! | `0b00`           | —                 | local       | zero                                         |
//! | `0b01`           | not frozen        | in region R | address of R's record (`region::RegionMeta`) |
//! | `0b01`           | frozen            | frozen      | address of the record of the frozen region   |
//! | `0b10`           | —                 | frozen      | address of the frozen component's root object|
//! | `0b11`           | —                 | frozen, immortal | the component's address, as an identity |
//!
//! A region's record starts with an [`OwnerRecord`]: freezing a whole closed region flips
//! the record's `frozen` flag and moves its outside count into the record's atomic count,
//! so every member becomes frozen without its header being written (RFC-0001 §2,
//! RFC-0003 §7). Deciding the state of a member therefore reads its record; the write
//! barrier's common case — holder and value have equal state words — still decides with
//! one compare once the holder is known not to be frozen.
//!
//! Every field is an atomic so that the header is `Sync` without `unsafe`. Fields of a
//! non-frozen object are only ever touched by the thread that owns it, with `Relaxed`
//! loads and stores (plain moves on every mainstream target, no read-modify-write), so
//! "atomic" costs nothing there. Only a frozen component's count (at its root, or in the
//! record of a region frozen whole) is updated with real read-modify-write atomics, because
//! any thread may hold references to it. The state and `aux` words are pointers, so an
//! owner decoded from a state word keeps its provenance (`map_addr` tags and untags it).

use std::ptr::NonNull;

use crate::raw::ObjBox;
use crate::sync::{AtomicBool, AtomicI32, AtomicPtr, AtomicU8, AtomicUsize, Ordering::Relaxed};
use std::fmt;
use std::num::NonZeroU32;

use crate::{Freezable, Kind};

const TAG_MASK: usize = 0b11;
const TAG_LOCAL: usize = 0b00;
const TAG_REGION: usize = 0b01;
const TAG_FROZEN: usize = 0b10;
const TAG_IMMORTAL: usize = 0b11;

/// Identifies a region for messages and introspection: a number, unique in the process,
/// given when the region is created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(NonZeroU32);

impl RegionId {
    /// Makes a region id from its number; `None` for zero, which no region uses.
    pub fn new(n: u32) -> Option<RegionId> {
        NonZeroU32::new(n).map(RegionId)
    }

    /// The id's number, never zero.
    pub fn get(self) -> u32 {
        self.0.get()
    }
}

impl fmt::Display for RegionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "region#{}", self.0)
    }
}

/// The state of a heap object (semantics §1). Every object is in exactly one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// Owned by the thread that created it. Every new mutable object starts here.
    Local,
    /// A mutable member of exactly one region.
    InRegion(RegionId),
    /// Deeply immutable; shareable by every thread.
    Frozen,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            State::Local => f.write_str("local"),
            State::InRegion(r) => write!(f, "in {r}"),
            State::Frozen => f.write_str("frozen"),
        }
    }
}

/// The first field of every region record (`#[repr(C)]`), the part of it that a member's
/// state word alone can be decoded with: whether the region has been frozen whole, and
/// then the count of the frozen component it became.
#[repr(C)]
pub(crate) struct OwnerRecord {
    /// Set once, on the owning thread, when the region is frozen whole; never cleared.
    /// Other threads see it set: they can only reach a member through a `Frozen` handle
    /// made after the freeze, and handing that over synchronises (as for state words).
    pub(crate) frozen: AtomicBool,
    /// The frozen component's count (references into it from outside it), once `frozen`.
    pub(crate) count: AtomicUsize,
}

impl OwnerRecord {
    pub(crate) fn new() -> OwnerRecord {
        OwnerRecord {
            frozen: AtomicBool::new(false),
            count: AtomicUsize::new(0),
        }
    }
}

/// A frozen component: the object whose header holds its count, or the record of a region
/// frozen whole. The pointers keep the provenance of the state word they were decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Component {
    /// The component's root object (tag `0b10`).
    Root(*const ObjBox),
    /// A frozen region's record (tag `0b01`, record frozen).
    Record(*const OwnerRecord),
    /// A component made immortal (tag `0b11`): never freed, and no reference to a member
    /// is counted. The pointer is the component's former root or record, kept as its
    /// identity (never dereferenced).
    Immortal(*const ()),
}

impl Component {
    /// The address that identifies the component (shared by all its members).
    pub(crate) fn addr(self) -> usize {
        match self {
            Component::Root(p) => p.addr(),
            Component::Record(p) => p.addr(),
            Component::Immortal(p) => p.addr(),
        }
    }
}

/// A decoded state word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    Local,
    /// The (not frozen) region's record.
    Region(*const OwnerRecord),
    /// The frozen component the object belongs to.
    Frozen(Component),
}

/// Reads the owner record `record`: a region member's state word payload.
#[inline]
fn record_frozen(record: *const OwnerRecord) -> bool {
    // SAFETY: `record` comes from the state word of an object the caller can reach, and a
    // region record outlives every member that points at it (RFC-0002 §6), frozen or not.
    // The record starts with an `OwnerRecord` (`#[repr(C)]` first field).
    unsafe { &*record }.frozen.load(Relaxed)
}

/// The bits of the `freezable` byte that hold the [`Freezable`] status.
const STATUS_MASK: u8 = 0b0011;
/// Flag: the object's `__pre_freeze__` hook has been called (PEP 795: at most once per
/// object, even across refused freezes).
pub(crate) const PRE_FREEZE_RAN: u8 = 0b0100;
/// Flag: the object is a root of the freeze walking it now (set for the walk only).
pub(crate) const FREEZE_ROOT: u8 = 0b1000;

/// Borrow flag values: `0` free, `n > 0` readers, [`WRITING`] one writer.
pub(crate) const WRITING: i32 = -1;

/// The header every heap object starts with.
pub(crate) struct Header {
    state: AtomicPtr<()>,
    /// Local/region object: its reference count. Frozen component root: the component's
    /// count. Other frozen members: unused (zero).
    pub(crate) rc: AtomicUsize,
    /// Local/region object: a number — its slot in the owning thread's registry or its
    /// region's member list, or a freeze's scratch count ([`Header::aux_number`]). Root
    /// of a frozen component of more than one member: the boxed member list
    /// ([`Header::member_list`]); else null. A pointer, so that the list keeps its
    /// provenance; numbers are stored without one.
    aux: AtomicPtr<()>,
    /// Body borrow flag of a non-frozen object (see `raw::ObjBox::read`/`write`).
    pub(crate) borrow: AtomicI32,
    /// The object's kind, fixed at allocation.
    pub(crate) kind: Kind,
    /// Traversal mark of a non-frozen object, set only for the duration of one barrier
    /// operation on the owning thread (capture planning, RFC-0002 §4); otherwise clear.
    pub(crate) mark: AtomicBool,
    /// The object's own freezability in the low two bits (`Freezable as u8`, 0 when
    /// unset), and two flags: [`PRE_FREEZE_RAN`] and [`FREEZE_ROOT`]. Written only while
    /// the object is mutable, by its owning thread.
    freezable: AtomicU8,
    /// The object lives in a slot of a region's arena, not in a box of its own (fixed at
    /// allocation: `raw::dealloc` gives the slot back to its chunk).
    pub(crate) in_arena: bool,
}

impl Header {
    /// A header for a new local object with one reference (`in_arena`: allocated in a
    /// region's arena).
    pub(crate) fn new_local(kind: Kind, in_arena: bool) -> Header {
        Header {
            state: AtomicPtr::new(std::ptr::null_mut()),
            rc: AtomicUsize::new(1),
            aux: AtomicPtr::new(std::ptr::null_mut()),
            borrow: AtomicI32::new(0),
            kind,
            mark: AtomicBool::new(false),
            freezable: AtomicU8::new(0),
            in_arena,
        }
    }

    /// The number in `aux` (a slot, or a freeze's scratch count).
    #[inline]
    pub(crate) fn aux_number(&self) -> usize {
        self.aux.load(Relaxed).addr()
    }

    /// Stores a number in `aux`.
    #[inline]
    pub(crate) fn set_aux_number(&self, n: usize) {
        self.aux.store(std::ptr::without_provenance_mut(n), Relaxed);
    }

    /// The member list of a frozen component's root (null for a one-member component).
    pub(crate) fn member_list(&self) -> *mut Vec<NonNull<ObjBox>> {
        self.aux.load(Relaxed).cast()
    }

    /// Stores a frozen root's member list, or takes it back out (`swap`): the list is
    /// owned by whoever holds the pointer.
    pub(crate) fn swap_member_list(
        &self,
        list: *mut Vec<NonNull<ObjBox>>,
    ) -> *mut Vec<NonNull<ObjBox>> {
        self.aux.swap(list.cast(), Relaxed).cast()
    }

    /// The freezability set on the object, if any.
    #[inline]
    pub(crate) fn freezable(&self) -> Option<Freezable> {
        match self.freezable.load(Relaxed) & STATUS_MASK {
            1 => Some(Freezable::Yes),
            2 => Some(Freezable::No),
            3 => Some(Freezable::Explicit),
            _ => None,
        }
    }

    /// Sets (or, with `None`, unsets) the object's own freezability, keeping the flags.
    pub(crate) fn set_freezable(&self, status: Option<Freezable>) {
        let flags = self.freezable.load(Relaxed) & !STATUS_MASK;
        self.freezable
            .store(flags | status.map_or(0, |s| s as u8), Relaxed);
    }

    /// Whether `flag` ([`PRE_FREEZE_RAN`] or [`FREEZE_ROOT`]) is set.
    #[inline]
    pub(crate) fn flag(&self, flag: u8) -> bool {
        self.freezable.load(Relaxed) & flag != 0
    }

    /// Sets or clears `flag`.
    #[inline]
    pub(crate) fn set_flag(&self, flag: u8, on: bool) {
        let bits = self.freezable.load(Relaxed);
        let bits = if on { bits | flag } else { bits & !flag };
        self.freezable.store(bits, Relaxed);
    }

    /// The decoded state word.
    #[inline]
    pub(crate) fn word(&self) -> Word {
        let word = self.state.load(Relaxed).cast_const();
        let payload = word.map_addr(|a| a & !TAG_MASK);
        match word.addr() & TAG_MASK {
            TAG_LOCAL => Word::Local,
            TAG_REGION => {
                let record = payload.cast::<OwnerRecord>();
                if record_frozen(record) {
                    Word::Frozen(Component::Record(record))
                } else {
                    Word::Region(record)
                }
            }
            TAG_FROZEN => Word::Frozen(Component::Root(payload.cast::<ObjBox>())),
            _ => Word::Frozen(Component::Immortal(payload)),
        }
    }

    /// The state word as a number: equal words mean equal states (and, for region
    /// members, the same region). This is the barrier's O(1) comparison.
    #[inline]
    pub(crate) fn state_word(&self) -> usize {
        self.state.load(Relaxed).addr()
    }

    #[inline]
    pub(crate) fn is_frozen(&self) -> bool {
        let word = self.state.load(Relaxed).cast_const();
        match word.addr() & TAG_MASK {
            TAG_FROZEN | TAG_IMMORTAL => true,
            TAG_REGION => record_frozen(word.map_addr(|a| a & !TAG_MASK).cast()),
            _ => false,
        }
    }

    #[inline]
    pub(crate) fn is_local(&self) -> bool {
        self.state_word() & TAG_MASK == TAG_LOCAL
    }

    /// The frozen component of the object, if it is frozen.
    #[inline]
    pub(crate) fn component(&self) -> Option<Component> {
        match self.word() {
            Word::Frozen(c) => Some(c),
            _ => None,
        }
    }

    /// `true` if the object is a member of the region whose record is at `addr`, given
    /// that that region is not frozen: one load and one compare, no record read.
    #[inline]
    pub(crate) fn in_region_at(&self, addr: usize) -> bool {
        self.state_word() == addr | TAG_REGION
    }

    /// Makes a non-frozen object local. Owner thread only.
    pub(crate) fn set_local(&self) {
        debug_assert!(!self.is_frozen(), "frozen objects never change state");
        self.state.store(std::ptr::null_mut(), Relaxed);
    }

    /// Stores `payload` with `tag` in its low bits (payloads are at least 4-aligned).
    fn store_tagged<T>(&self, payload: *const T, tag: usize) {
        debug_assert_eq!(
            payload.addr() & TAG_MASK,
            0,
            "owners are at least 4-aligned"
        );
        let word = payload.cast::<()>().cast_mut().map_addr(|a| a | tag);
        self.state.store(word, Relaxed);
    }

    /// Makes a non-frozen object a member of the region whose record is `record`.
    pub(crate) fn set_region(&self, record: *const OwnerRecord) {
        debug_assert!(!self.is_frozen(), "frozen objects never change state");
        self.store_tagged(record, TAG_REGION);
    }

    /// Marks the object frozen, member of the component whose root is `root`.
    pub(crate) fn set_frozen(&self, root: *const ObjBox) {
        self.store_tagged(root, TAG_FROZEN);
    }

    /// Seals a member of a frozen component whose root is `root`: frozen, no count of
    /// its own, no slot, unmarked. (The root then takes the component's count with
    /// [`Header::seal_root`].)
    pub(crate) fn seal_member(&self, root: *const ObjBox) {
        self.set_frozen(root);
        self.rc.store(0, Relaxed);
        self.set_aux_number(0);
        self.mark.store(false, Relaxed);
    }

    /// Gives a sealed component's root the component's count and, for more than one
    /// member, the member list it frees them by.
    pub(crate) fn seal_root(&self, count: usize, members: Option<Vec<NonNull<ObjBox>>>) {
        self.rc.store(count, Relaxed);
        if let Some(list) = members {
            self.swap_member_list(Box::into_raw(Box::new(list)));
        }
    }

    /// Makes a frozen object a member of an immortal component, keeping the payload (its
    /// component's address) as the component's identity. Any thread may still be reading
    /// the old word: both decode as frozen, and a count unit taken under the old word is
    /// simply never returned (the component is never freed).
    pub(crate) fn set_immortal(&self) {
        debug_assert!(self.is_frozen(), "only frozen objects become immortal");
        let word = self.state.load(Relaxed);
        self.state
            .store(word.map_addr(|a| (a & !TAG_MASK) | TAG_IMMORTAL), Relaxed);
    }

    /// Owner-thread increment of a non-frozen object's count (a load and a store).
    #[inline]
    pub(crate) fn inc_owned(&self) {
        let n = self.rc.load(Relaxed);
        self.rc.store(n + 1, Relaxed);
    }

    /// Owner-thread decrement; returns the new count.
    #[inline]
    pub(crate) fn dec_owned(&self) -> usize {
        let n = self.rc.load(Relaxed) - 1;
        self.rc.store(n, Relaxed);
        n
    }
}
