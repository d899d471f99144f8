import { z } from '@hono/zod-openapi';
import { dateProblem } from '@parity/engine';

/**
 * A calendar date given as a parameter (`YYYY-MM-DD`): a real day, judged by the engine's calendar,
 * so `2026-02-30` is refused with the envelope's 400 rather than read as some other day.
 */
export const CalendarDate = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date, YYYY-MM-DD')
  .refine((text) => dateProblem(text) === undefined, 'a real calendar date, YYYY-MM-DD');
