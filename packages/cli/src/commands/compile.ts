import type { Output } from '../output.js';

export async function runCompile(_args: string[], output: Output): Promise<number> {
  output.stderr.write('parity compile: not built yet\n');
  return 2;
}
