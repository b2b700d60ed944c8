//! The hot path without JSON: the package writes a transaction's rows and
//! text into regions of the module's memory (`pkg/lib/packed.mjs`), the
//! screener reads them (`transaction/packed.rs`), and the verdict comes back
//! as a header and a tape of numbers and offsets (`verdict/tape.rs`) that
//! the package reads into the same objects `JSON.parse` gave
//! (`pkg/lib/wrap.mjs`). docs/DESIGN.md, "No JSON on the hot path", has the
//! measurements.
//!
//! The regions live in one scratch area per module instance (the core's
//! `binding::Packed`, which does the work), which the package reads through
//! views of the module's memory: JavaScript is single threaded, and every
//! export here runs to completion before the next.
//!
//! Any failure (a value the reader refuses, a state that does not decode)
//! returns [`FAILED`]; the package then screens the same transaction through
//! the JSON path, which reports the error with its path and message. So the
//! two paths cannot disagree about errors, and the error path stays one.

use std::cell::RefCell;

use jejak::binding::{max_text_bytes, Packed, States, HEAD};
use wasm_bindgen::prelude::*;

use super::Screener;

/// What `screenPacked` returns when the package must take the JSON path.
const FAILED: u32 = 0;
/// What it returns when the header and the tape hold the verdict.
const DONE: u32 = 1;

/// The core's scratch area, and the header the package reads: the core's
/// words, then the addresses of the tape's words and text.
struct Scratch {
    packed: Packed,
    head: Vec<f64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch { packed: Packed::default(), head: vec![0.0; HEAD + 2] });
}

/// `packedMemory()`: the module's memory, which the package views.
#[wasm_bindgen(js_name = packedMemory)]
pub fn packed_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `packedSlots()`: the address of the rows (`SLOTS` u32s); it never moves.
#[wasm_bindgen(js_name = packedSlots)]
pub fn packed_slots() -> u32 {
    SCRATCH.with_borrow(|s| s.packed.slots.as_ptr() as u32)
}

/// `packedHead()`: the address of the verdict's header (f64s); it never
/// moves.
#[wasm_bindgen(js_name = packedHead)]
pub fn packed_head() -> u32 {
    SCRATCH.with_borrow(|s| s.head.as_ptr() as u32)
}

/// `packedText(bytes)`: the address of a text region of at least `bytes`
/// bytes, valid until the next call (it may move).
#[wasm_bindgen(js_name = packedText)]
pub fn packed_text(bytes: usize) -> u32 {
    SCRATCH.with_borrow_mut(|s| {
        s.packed.reserve(bytes);
        s.packed.text.as_ptr() as u32
    })
}

/// `tapeKey(id)`: the name of a tape's key id (the package caches them).
#[wasm_bindgen(js_name = tapeKey)]
pub fn tape_key(id: usize) -> Option<String> {
    SCRATCH.with_borrow(|s| s.packed.tape_key(id).map(str::to_string))
}

#[wasm_bindgen]
impl Screener {
    /// The most bytes of text a packed transaction may take with this
    /// screener's limits; the package takes the JSON path for more.
    #[wasm_bindgen(getter, js_name = packedTextLimit)]
    pub fn packed_text_limit(&self) -> usize {
        max_text_bytes(&self.core)
    }

    /// `screenPacked(bytes)`: screens the packed transaction whose text is
    /// the first `bytes` bytes of the text region. [`DONE`] with the verdict
    /// in the header and on the tape, or [`FAILED`].
    #[wasm_bindgen(js_name = screenPacked)]
    pub fn screen_packed(&self, bytes: usize) -> u32 {
        self.packed(bytes, None)
    }

    /// `screenPackedWithHistory(bytes, sender, receiver)`: as
    /// `screenPacked`, with the accounts' states; the states after the
    /// payment wait for `packedState`.
    #[wasm_bindgen(js_name = screenPackedWithHistory)]
    pub fn screen_packed_with_history(&self, bytes: usize, sender: Option<Vec<u8>>, receiver: Option<Vec<u8>>) -> u32 {
        self.packed(bytes, Some((sender.as_deref(), receiver.as_deref())))
    }

    fn packed(&self, bytes: usize, history: Option<States<'_>>) -> u32 {
        SCRATCH.with_borrow_mut(|s| {
            if !s.packed.screen(&self.core, bytes, history) {
                return FAILED;
            }
            s.head[..HEAD].copy_from_slice(&s.packed.head);
            s.head[HEAD] = s.packed.tape_words().as_ptr() as u32 as f64;
            s.head[HEAD + 1] = s.packed.tape_text().as_ptr() as u32 as f64;
            DONE
        })
    }

    /// `packedState(side)`: the sender's (0) or the receiver's (1) state
    /// after the last `screenPackedWithHistory`, once.
    #[wasm_bindgen(js_name = packedState)]
    pub fn packed_state(&self, side: usize) -> Option<Vec<u8>> {
        SCRATCH.with_borrow_mut(|s| s.packed.states.get_mut(side).and_then(Option::take))
    }
}
