/** credit-ledger/testing: given/when/then and a history builder (SPEC §7). Filled in by issue #3. */
export {}
