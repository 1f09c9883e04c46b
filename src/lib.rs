//! rencai (人才政策计算器): Chinese talent-policy subsidies and professional-title rules as cited
//! data, and a pure engine that evaluates a person's profile against them.
//!
//! This crate is what ships: the engine of `rencai-core` (re-exported here) with the catalogue
//! compiled in — validated at build time by `rencai-rules` and embedded in the compact form of
//! `rencai_core::codec` — plus the browser binding (`wasm.rs`) and, natively, the `rencai` CLI.
//!
//! # Design
//! No IO and no clock in the library: the date is an input, the catalogue is embedded data, and
//! only `main.rs` (the CLI) and `wasm.rs` (the browser binding) touch the outside world.

pub use rencai_core::*;

#[cfg(target_arch = "wasm32")]
mod wasm;

static EMBEDDED_CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
static EMBEDDED: std::sync::OnceLock<Option<Catalog>> = std::sync::OnceLock::new();

/// The catalogue compiled into this build (validated by `build.rs`), decoded once; `None` only
/// if the embedded bytes are corrupt, which a build never produces.
pub fn embedded() -> Option<&'static Catalog> {
    EMBEDDED.get_or_init(|| codec::decode(EMBEDDED_CATALOG)).as_ref()
}

static PIECES: std::sync::OnceLock<Option<write::Pieces>> = std::sync::OnceLock::new();

/// The built-in catalogue's share of every report as JSON text, worked out on first use (for
/// [`api::eval_json_with`]: an engine that answers many profiles).
pub fn embedded_pieces() -> Option<&'static write::Pieces> {
    PIECES.get_or_init(|| embedded().map(write::Pieces::new)).as_ref()
}

/// The message for a catalogue that does not decode (a defect of the build, not of the input).
pub const CORRUPT: &str = "catalogue: the embedded catalogue is corrupt; rebuild";
