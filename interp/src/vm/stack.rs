//! The stack of running frames (RFC-0008 §3), with the running frame held apart from
//! its callers: the dispatch loop reaches it through one pointer, with no length to
//! test and no index to compute, on every operand push, pop and local access.

use std::sync::Arc;

use super::{Frame, FramePool, Globals};

/// The frames of the Python calls in progress on this thread.
///
/// The running frame is a field of its own; its callers sit in a vector beneath it,
/// outermost first. While no frame runs, the running field holds an idle frame (empty
/// code, nothing on it) that no instruction reads; while frames run, the idle frame is
/// the vector's first element, so the number of frames running is the vector's length.
pub(crate) struct Frames {
    running: Box<Frame>,
    #[allow(
        clippy::vec_box,
        reason = "a frame moves between this vector, the pool and generators by pointer"
    )]
    below: Vec<Box<Frame>>,
}

impl Frames {
    /// No frame running.
    pub(crate) fn new() -> Frames {
        let module = crate::syntax::parse("<idle>", "").expect("the empty script parses");
        let bc = Arc::new(crate::compiler::compile_module(&module, false));
        Frames {
            running: FramePool::default().frame(None, &bc, Globals::Main, &Arc::new(module)),
            below: Vec::new(),
        }
    }

    /// How many frames are running.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.below.len()
    }

    /// The running frame. Only while a frame runs (the dispatch loop and what it calls);
    /// a debug build checks it.
    #[inline(always)]
    pub(crate) fn top(&self) -> &Frame {
        debug_assert!(!self.below.is_empty(), "a frame is running");
        &self.running
    }

    /// The running frame, to change. As [`Frames::top`].
    #[inline(always)]
    pub(crate) fn top_mut(&mut self) -> &mut Frame {
        debug_assert!(!self.below.is_empty(), "a frame is running");
        &mut self.running
    }

    /// The running frame, if one runs.
    pub(crate) fn last(&self) -> Option<&Frame> {
        (!self.below.is_empty()).then_some(&*self.running)
    }

    /// `frame` becomes the running frame, its caller the one that ran.
    #[inline]
    pub(crate) fn push(&mut self, frame: Box<Frame>) {
        let caller = std::mem::replace(&mut self.running, frame);
        self.below.push(caller);
    }

    /// Takes the running frame off; its caller runs again.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Box<Frame>> {
        let caller = self.below.pop()?;
        Some(std::mem::replace(&mut self.running, caller))
    }

    /// Drops every running frame.
    pub(crate) fn clear(&mut self) {
        while self.pop().is_some() {}
    }

    /// The running frames, outermost first.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &Frame> {
        let callers = self.below.iter().skip(1).map(|f| &**f);
        callers.chain(self.last())
    }

    /// The running frames, outermost first, to change.
    pub(crate) fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Frame> {
        let running = (!self.below.is_empty()).then_some(&mut *self.running);
        let callers = self.below.iter_mut().skip(1).map(|f| &mut **f);
        callers.chain(running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames_running(frames: &Frames) -> Vec<usize> {
        frames.iter().map(|f| f.ip).collect()
    }

    /// Push, pop, the length and the iteration agree with a vector of frames, the idle
    /// frame never showing.
    #[test]
    fn the_running_frame_and_its_callers_behave_as_a_vector() {
        let mut pool = FramePool::default();
        let mut frames = Frames::new();
        assert_eq!((frames.len(), frames.last().is_none()), (0, true));
        assert_eq!(frames.pop().map(|f| f.ip), None);
        let idle_code = Arc::clone(&frames.running.bc);
        let module = Arc::clone(&frames.running.module);
        for ip in 1..=3 {
            let mut f = pool.frame(None, &idle_code, Globals::Main, &module);
            f.ip = ip;
            frames.push(f);
        }
        assert_eq!(frames.len(), 3);
        assert_eq!(frames_running(&frames), [1, 2, 3]);
        assert_eq!(
            frames.iter().rev().map(|f| f.ip).collect::<Vec<_>>(),
            [3, 2, 1]
        );
        frames.top_mut().ip = 30;
        frames.iter_mut().next().expect("a frame").ip = 10;
        assert_eq!(
            (frames.top().ip, frames.last().map(|f| f.ip)),
            (30, Some(30))
        );
        assert_eq!(frames.pop().map(|f| f.ip), Some(30));
        assert_eq!(frames_running(&frames), [10, 2]);
        frames.clear();
        assert_eq!((frames.len(), frames.iter().count()), (0, 0));
        assert_eq!(frames.iter_mut().count(), 0);
    }
}
