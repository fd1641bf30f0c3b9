//! Keeps the panics that the extraction boundary catches from printing a
//! backtrace on the user's terminal; every other panic reports as usual.

use std::sync::Once;

pub(crate) const THREAD_NAME: &str = "eoffice-pdf-reader";

pub(crate) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(THREAD_NAME) {
                return;
            }
            previous(info);
        }));
    });
}
