/** Commands, decide and the ledger (SPEC §6): the public part, re-exported by src/index.ts. */
export {}
