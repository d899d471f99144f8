// Record-level tallying lives in tally-records.ts; evaluation reaches it through this name.
export { tallyRecords } from './tally-records.js';
