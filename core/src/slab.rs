//! A slab of object pointers: the thread's registry of local objects and each region's
//! member list. An object's header `aux` word is its slot. Removing a slot touches only
//! the slab (never another object's header, as a swap-remove would).

use std::ptr::NonNull;

use crate::raw::ObjBox;

pub(crate) struct Slab {
    pub(crate) slots: Vec<Option<NonNull<ObjBox>>>,
    free: Vec<usize>,
}

impl Slab {
    pub(crate) const fn new() -> Slab {
        Slab {
            slots: Vec::new(),
            free: Vec::new(),
        }
    }

    /// The number of objects held.
    pub(crate) fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Adds an object and returns its slot.
    pub(crate) fn insert(&mut self, ptr: NonNull<ObjBox>) -> usize {
        match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = Some(ptr);
                slot
            }
            None => {
                self.slots.push(Some(ptr));
                self.slots.len() - 1
            }
        }
    }

    /// Removes the object in `slot`.
    pub(crate) fn remove(&mut self, slot: usize) {
        debug_assert!(self.slots[slot].is_some(), "slot freed twice");
        self.slots[slot] = None;
        if self.free.len() + 1 == self.slots.len() {
            // Empty again: drop the bookkeeping so the slab does not grow without bound.
            self.slots.clear();
            self.free.clear();
        } else {
            self.free.push(slot);
        }
    }

    /// The objects held, in slot order.
    pub(crate) fn objects(&self) -> Vec<NonNull<ObjBox>> {
        self.slots.iter().flatten().copied().collect()
    }
}
