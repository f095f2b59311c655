// A region handle is a local reference: only an `Isolated` (closed) region may move.
fn main() {
    let r = floe_regions::Region::new();
    std::thread::spawn(move || r.len());
}
