import { type FeedVariant, PLANTED } from './feed-variants.js';

/** How the service answered one variant: its status (0 when no answer came in time) and body. */
export interface FeedAnswer {
  status: number;
  text: string;
  ms: number;
}

/** POSTs a variant and waits at most `timeoutMs` for the whole answer; a hang answers status 0. */
export async function sendVariant(
  url: string,
  token: string,
  variant: FeedVariant,
  timeoutMs: number,
): Promise<FeedAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': variant.contentType },
      body: variant.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      status: 0,
      text: `no answer within ${timeoutMs} ms (${reason})`,
      ms: performance.now() - started,
    };
  }
}

/**
 * Defects the fuzzer found (each now fixed, with a test beside the suite): a problem of one of these
 * kinds is counted by kind in the summary line, and fails the run as any other does.
 */
export const KNOWN = {
  /** A value refused for its type is quoted back ("must be a date …, not \"BD9 6RJ\""). */
  quotedValue: 'fixed defect (type refusal quotes the value)',
  /** A header cell that is not a field is quoted back, even an NHS number (a row run into the header). */
  quotedHeader: 'fixed defect (unknown column quoted back)',
  /** A JSON row giving a column twice is refused with column '' though the column is known. */
  repeatedKey: 'fixed defect (repeated key names no column)',
  /** An NHS number in a number column (weight_kg, age) is stored: values are checked in text only. */
  numberIdentifier: 'fixed defect (NHS number stored in a number column)',
} as const;

/** Whether a problem is one of the defects on record. */
export function isKnownDefect(problem: string): boolean {
  return Object.values(KNOWN).some((label) => problem.includes(label));
}

interface ListedError {
  row?: unknown;
  column?: unknown;
  message?: unknown;
}

/**
 * What is wrong with an answer, judged on its own: a 5xx or no answer, a 422 whose errors do not
 * each name a row (a number, 0 or more) and a column (a string, '' only for a problem with the
 * body as a whole, reported at row 0, or with a row as a whole), a planted identifying value quoted
 * back, or one stored. Empty when the answer is sound.
 */
export function answerProblems(variant: FeedVariant, answer: FeedAnswer): string[] {
  const problems: string[] = [];
  if (answer.status === 0) problems.push(`hang: ${answer.text}`);
  if (answer.status >= 500) problems.push(`${answer.status}: ${answer.text.slice(0, 300)}`);
  for (const value of variant.planted)
    if (answer.text.includes(value))
      problems.push(
        answer.text.includes(`not \\"${value}\\"`)
          ? `${KNOWN.quotedValue}: the answer quotes the planted value ${value}`
          : answer.text.includes(`Column '${value}' is not a field`)
            ? `${KNOWN.quotedHeader}: the answer quotes the planted value ${value}`
            : `the answer quotes the planted value ${value}`,
      );
  // One of each kind of error problem is enough to name the variant.
  if (answer.status === 422) problems.push(...oneOfEachKind(listedErrorProblems(answer.text)));
  if (answer.status >= 200 && answer.status < 300) {
    const body = Buffer.from(variant.body).toString('utf8');
    for (const value of variant.planted)
      if (body.includes(value))
        problems.push(
          `${value === PLANTED.nhsNumber && /plantIdentifier\(row \d+, (age|weight_kg|cost)\)/.test(variant.mutations.join(';')) ? `${KNOWN.numberIdentifier}: ` : ''}stored a feed carrying the planted value ${value}`,
        );
  }
  return problems;
}

/** The first problem of each kind, a kind being the problem without its row and error. */
function oneOfEachKind(problems: string[]): string[] {
  const kinds = new Map<string, string>();
  for (const problem of problems) {
    const kind = problem.replace(/ in row \d+ /, ' in a row ').replace(/: \{.*$/, '');
    if (!kinds.has(kind)) kinds.set(kind, problem);
  }
  return [...kinds.values()];
}

function listedErrorProblems(text: string): string[] {
  let body: { details?: { errors?: ListedError[] } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return [`a 422 whose body is not JSON: ${text.slice(0, 200)}`];
  }
  const errors = body.details?.errors;
  if (!Array.isArray(errors) || errors.length === 0)
    return [`a 422 listing no errors: ${text.slice(0, 300)}`];
  const problems: string[] = [];
  for (const error of errors) {
    const { row, column, message } = error;
    if (typeof row !== 'number' || !Number.isInteger(row) || row < 0)
      problems.push(`an error without a row: ${JSON.stringify(error)}`);
    else if (typeof column !== 'string') problems.push(`an error without a column: ${JSON.stringify(error)}`);
    // A JSON key '' is a column named '', and is named so (unknown, or given twice).
    else if (
      column === '' &&
      row > 0 &&
      !isWholeRowProblem(row, String(message)) &&
      !String(message).startsWith("Column '' ") &&
      !String(message).includes('the column "" twice')
    )
      problems.push(
        `${String(message).includes('twice') ? `${KNOWN.repeatedKey}: ` : ''}an error in row ${row} naming no column: ${JSON.stringify(error)}`,
      );
    else if (typeof message !== 'string' || message === '')
      problems.push(`an error without a message: ${JSON.stringify(error)}`);
  }
  return problems;
}

/**
 * A problem with a row as a whole, which no one column is to blame for: its number of cells, or a
 * line that is not a JSON object. A column given twice is not one of them: that column is known.
 */
function isWholeRowProblem(row: number, message: string): boolean {
  return (
    message.startsWith(`Row ${row} `) &&
    !message.includes('twice') &&
    /has \d+ cells?|is not valid JSON|must be an object|cannot be read/.test(message)
  );
}
