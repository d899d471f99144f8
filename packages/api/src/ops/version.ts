import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_MODEL_SCHEMA_VERSION } from '@parity/engine';

const PACKAGE_JSON = join(import.meta.dirname, '../../package.json');

/** What is running: the release, the commit it was built from, and the contract model it reads. */
export interface VersionInfo {
  name: string;
  version: string;
  commit: string;
  modelSchemaVersion: number;
}

let release: string | undefined;

/** The service's release, from its package.json (read once). */
export function serviceRelease(): string {
  release ??= (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  return release;
}

export function versionInfo(commit: string): VersionInfo {
  return {
    name: 'parity',
    version: serviceRelease(),
    commit,
    modelSchemaVersion: CONTRACT_MODEL_SCHEMA_VERSION,
  };
}
