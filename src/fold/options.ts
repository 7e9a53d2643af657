/** What the fold needs from the ledger's options. */
export interface FoldOptions {
  /** How long an applied event id is remembered, in ms (24 hours by default). */
  readonly idempotencyWindowMs: number
  /** How long a consumption can be reversed, in ms (30 days by default; SPEC §9.1). */
  readonly reversalWindowMs: number
}

export const DEFAULT_FOLD_OPTIONS: FoldOptions = /* @__PURE__ */ Object.freeze({ idempotencyWindowMs: 86_400_000, reversalWindowMs: 2_592_000_000 })
