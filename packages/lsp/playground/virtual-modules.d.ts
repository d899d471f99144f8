/** Modules the playground bundle script generates from the repository at build time. */

declare module 'parity:library' {
  /** Every `.parity` file under `contracts/`, path relative to it, in a stable order. */
  export const library: { path: string; text: string }[];
}

declare module 'parity:keywords' {
  /** The language's keywords, longest first, from the dsl's generated TextMate grammar. */
  export const keywords: string[];
}
