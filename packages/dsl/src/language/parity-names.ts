/** Joins a package name and a declaration name: `nhs.measures.smi` + `SixChecks`. */
export function qualifiedName(packageName: string | undefined, name: string): string {
  return packageName ? `${packageName}.${name}` : name;
}

/** The package an import path names: `"nhs/measures/smi"` → `nhs.measures.smi`. */
export function packageOfImport(path: string): string {
  return path.replaceAll('/', '.');
}

/** The last segment of a package, used as the default qualifier of its declarations. */
export function defaultAlias(packageName: string): string {
  return packageName.slice(packageName.lastIndexOf('.') + 1);
}
