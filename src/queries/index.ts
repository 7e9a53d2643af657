/** Statements and reports for analysts (SPEC §8): the public part, re-exported by src/index.ts. */
export {}
