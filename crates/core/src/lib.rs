//! rencai-core: the engine of 人才政策计算器 — the profile, the closed condition vocabulary, the
//! rule catalogue's runtime model, evaluation and the contract's JSON — with no IO and no clock.
//!
//! Modules, bottom up (each imports only those before it): `order` (one small stable sort), `date`, `vocab` (fields, values,
//! places), `profile` (the input facts), `condition` (tests on them, three-valued), `catalog`
//! (documents, clauses, rules), `codec` (the catalogue's compact binary form, beside the model),
//! `evaluate` (the decision path: status, standing, force, counts, totals, compare, what-if),
//! `report` (the cited contract output built from decisions), `decision` (what changes per
//! profile, and the page catalogue), `write` (report JSON from pieces made once), `form` (which facts matter at a
//! place), `api` (JSON text in and out, shared
//! by the CLI and the wasm export) and `cases` (the table-driven cases).
//!
//! # Design
//! What ships in the wasm module is this crate and nothing else of the project: loading and
//! validating `rules/*.toml` is `rencai-rules`'s job, at build time and in the native CLI, so
//! the page carries neither a TOML parser nor the validator. The date to judge on is always an
//! input (sans-IO): only the CLI and the wasm binding read a clock.

pub mod api;
pub mod cases;
pub mod catalog;
pub mod codec;
pub mod condition;
pub mod date;
pub mod decision;
pub mod evaluate;
pub mod form;
pub mod order;
pub mod profile;
pub mod report;
#[cfg(feature = "ts")]
pub mod ts;
pub mod vocab;
pub mod write;

pub use catalog::Catalog;
pub use date::Date;
pub use evaluate::{compare, evaluate, what_if, Evaluation, Standing, Status};
pub use profile::{Profile, ProfileError};
pub use report::{Comparison, Options, Report};
