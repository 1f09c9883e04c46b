//! The `rencai` binary: the CLI (`cli.rs`), natively. A wasm build of the package has the browser
//! binding (`wasm.rs`) instead and no command line.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
