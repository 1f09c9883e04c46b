//! rencai (人才政策计算器): Chinese talent-policy subsidies and professional-title rules as cited
//! data, and a pure engine that evaluates a person's profile against them.
//!
//! The catalogue (`rules/*.toml`, compiled in at build time) holds documents, jurisdictions and
//! rules; each rule carries its conditions, its benefit and the clause and verbatim quote that
//! grant it. [`evaluate`] turns a [`Profile`] and a date into a [`Report`] (the JSON contract in
//! `../shared/contract/README.md`); [`api`] is the JSON-in, JSON-out surface that the CLI and the
//! wasm export share, so both print the same bytes for the same input.
//!
//! # Design
//! No IO and no clock in the library: the date is an input, the catalogue is embedded data, and
//! only `main.rs` (the CLI) and `wasm.rs` (the browser binding) touch the outside world.

pub mod api;
pub mod cases;
pub mod catalog;
pub mod codec;
pub mod condition;
pub mod date;
pub mod evaluate;
pub mod profile;
pub mod report;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use catalog::{Catalog, CatalogError};
pub use date::Date;
pub use evaluate::{compare, evaluate, what_if, Options};
pub use profile::{Profile, ProfileError};
pub use report::{Comparison, Report, Status};

static EMBEDDED_CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
static EMBEDDED: std::sync::OnceLock<Result<Catalog, CatalogError>> = std::sync::OnceLock::new();

impl Catalog {
    /// The catalogue compiled into this build (validated by `build.rs`), decoded once.
    ///
    /// # Errors
    /// Only if the embedded bytes are corrupt, which a build never produces.
    pub fn embedded() -> Result<&'static Catalog, CatalogError> {
        EMBEDDED
            .get_or_init(|| {
                codec::decode(EMBEDDED_CATALOG).ok_or_else(|| CatalogError {
                    file: "catalog.bin".into(),
                    rule: None,
                    message: "the embedded catalogue is corrupt; rebuild".into(),
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}
