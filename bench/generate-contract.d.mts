/** A contract of about `lines` lines for the checker's and language server's benchmarks. */
export function generateContract(lines: number): string;
/** A contract of about `lines` lines that imports the shared library. */
export function generateLibraryContract(lines: number): string;
