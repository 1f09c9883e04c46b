// The package entry: the engine's functions and every contract type (generated from the Rust types
// into rencai.d.ts), ready(), and the ProfileError class bad input is thrown as. (rencai.d.ts names
// the DOM's fetch types for what ready() accepts, hence the DOM library.)
/// <reference lib="dom" />
export { compare, form, places, schema, honours } from './rencai.js';

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
import type { DateOptions, Decision, EvaluateOptions, PageCatalog, Profile, ProfileErrorFields, Report, WhatIf } from './rencai.js';

/** The report (contract v2): results with standing, requires, counts, documents; `all` adds ineligible results, `detail: "full"` the notes (after loadNotes()). Needs the texts of the profile's place (ready() loads every place's by default). */
export declare function evaluate(profile: Profile | string, options?: EvaluateOptions | null): Report;

/** evaluate() as the CLI's JSON text, from a profile as JSON text. */
export declare function evaluateJson(profileJson: string, options?: EvaluateOptions | null): string;

/** What a step of the person's own would gain (options), and what time alone will bring (waits). */
export declare function whatIf(profile: Profile, options?: DateOptions | null): WhatIf;

/** A text pack (texts/*.json): the words of the rules and documents at a place's chain, by index. */
export interface TextPack {
  format: 'rencai-texts';
  version: number;
  place: string | null;
  rule_count: number;
  rules: Record<string, PageCatalog['rules'][number]>;
  documents: Record<string, PageCatalog['documents'][number]>;
}

/**
 * Loads the words of the rules and documents at `place`'s chain (every place's without one): the
 * wasm decides but holds no rule's words. `from`: the folder of the packs (default texts/ beside
 * the module) or the packs themselves.
 */
export declare function loadTexts(options?: { place?: string | null; from?: RequestInfo | URL | TextPack | TextPack[] | Record<string, TextPack> | Promise<unknown> }): Promise<void>;

/** Whether the texts of `place`'s chain (of every place, without one) are loaded. */
export declare function textsLoaded(place?: string | null): boolean;

/** Thrown when an answer needs texts not loaded yet: `place` says which to load (null: every place's). */
export declare class TextsNotLoaded extends Error {
  constructor(place: string | null);
  place: string | null;
}

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

/** Loads the engine once (with every place's texts unless `texts: false`); every other function needs it loaded. */
export declare function ready(source?: WasmSource | Promise<WasmSource>, options?: { texts?: boolean }): Promise<void>;
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
