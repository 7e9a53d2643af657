/** What the fold needs from the ledger's options. */
export interface FoldOptions {
  /** How long an applied event id is remembered, in ms (24 hours by default). */
  readonly idempotencyWindowMs: number
}

export const DEFAULT_FOLD_OPTIONS: FoldOptions = /* @__PURE__ */ Object.freeze({ idempotencyWindowMs: 86_400_000 })
