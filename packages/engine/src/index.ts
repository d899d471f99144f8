/**
 * @parity/engine: the ContractModel that the language compiles to, and exact money.
 * Evaluation is added on top of these without I/O, clocks or floats.
 */
export { formatPence, LiteralError, normaliseNumber, parseMoney, parsePercent } from './money.js';
export * from './model/index.js';
