// A value holding a local object must not reach another thread, even via a channel.
fn main() {
    let (tx, rx) = std::sync::mpsc::channel::<floe_core::Value>();
    std::thread::spawn(move || drop(rx.recv()));
    tx.send(floe_core::Value::None).unwrap();
}
