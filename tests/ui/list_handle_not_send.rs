// A handle to a local list must not reach another thread.
fn main() {
    let list = floe_core::List::new([]);
    std::thread::spawn(move || list.len());
}
