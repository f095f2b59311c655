//! The ownership rules that the compiler enforces: a handle to a local object cannot be
//! moved to another thread (semantics §1; RFC-0001 §5).

#[test]
fn local_handles_cannot_leave_their_thread() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
