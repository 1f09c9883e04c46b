// The package entry: the engine's functions and every contract type (generated from the Rust types
// into rencai.d.ts), ready(), and the ProfileError class bad input is thrown as. (rencai.d.ts names
// the DOM's fetch types for what ready() accepts, hence the DOM library.)
/// <reference lib="dom" />
export { evaluate, evaluateJson, compare, whatIf, form, places, schema, honours } from './rencai.js';

/** rencai_notes.json: the interpretation notes of rules and documents, by id. */
export interface Notes {
  format: 'rencai-notes';
  version: number;
  rules: Record<string, string[]>;
  documents: Record<string, string[]>;
}

/**
 * Loads the interpretation notes `{ detail: "full" }` adds (the wasm leaves them out); by default
 * rencai_notes.json beside the module. Node's entry loads them in ready(). A full report asked
 * before they are loaded throws.
 */
export declare function loadNotes(source?: Notes | RequestInfo | URL | Response | Promise<Notes | Response>): Promise<void>;
export type * from './rencai.js';
import type { Decision, EvaluateOptions, PageCatalog, Profile, ProfileErrorFields, Report } from './rencai.js';

/**
 * What evaluate() decides, without what never changes between two calls (titles, amounts,
 * citations, conditions, documents): the per-keystroke path. Rules, documents and places are
 * indices into pageCatalog(); report() joins it back into the report evaluate() returns.
 */
export declare function decide(profile: Profile | string, options?: EvaluateOptions | null): Decision;

/** decide() as JSON text, from a profile as JSON text. */
export declare function decideJson(profileJson: string, options?: EvaluateOptions | null): string;

/** The report a decision stands for: equal to evaluate()'s for the same profile and options. */
export declare function report(decision: Decision, options?: { detail?: 'full' } | null): Report;

/** Every rule, document and place as reports state them; built once, frozen. */
export declare function pageCatalog(): PageCatalog;

/** What `ready()` accepts: where to find the wasm, or the wasm itself (default: beside the module). */
export type WasmSource = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the engine once; every other function needs it loaded. */
export declare function ready(source?: WasmSource | Promise<WasmSource>): Promise<void>;
export default ready;

/** Thrown for bad input: `field`, `value` and `accepted` say what is wrong and what is accepted. */
export interface ProfileError extends ProfileErrorFields {}
export declare class ProfileError extends Error {
  constructor(message: string);
}

/**
 * The engine failed (a trap inside the wasm, a defect, never bad input). It has been restarted on
 * a fresh instance; the next call runs afresh. `cause` is the WebAssembly.RuntimeError.
 */
export declare class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown });
}
