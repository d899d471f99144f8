import { parseArgs } from 'node:util';
import { UsageError } from './output.js';

/** The options a command takes, as `node:util` parseArgs describes them (`--help`/`-h` come with every command). */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** What a command was given: its positional arguments, its options, and whether it asked for help. */
export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  help: boolean;
}

/**
 * Reads a command's arguments with Node's own parser in strict mode. An option the command does not
 * take, an option without its value, or a value given to a switch is a usage error naming what the
 * command takes.
 */
export function parseCommandArgs(args: string[], options: OptionSpecs): ParsedArgs {
  const takes = Object.keys(options).map((name) => `--${name}`);
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values;
    return { positionals, values: rest, help: help === true };
  } catch (error) {
    throw new UsageError(parseProblem(error as Error & { code?: string }, takes));
  }
}

function parseProblem(error: Error & { code?: string }, takes: string[]): string {
  const option = /'(-{1,2}[^' =]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option '${option}'${takes.length > 0 ? `; it takes ${takes.join(', ')}` : '; it takes none'}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(error.message)
      ? `option '${option}' takes no value`
      : `option '${option}' needs a value`;
  return error.message;
}

/** A string option's value, or undefined when not given (the last one, if given twice). */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : undefined;
}

/** Every value of a repeatable string option, in order. */
export function stringOptions(parsed: ParsedArgs, name: string): string[] {
  const value = parsed.values[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** An option whose value must be one of a few words: refused, naming them, when it is not. */
export function choiceOption<const T extends string>(
  parsed: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`'${value}' is not a --${name}; choose ${choices.join(', ')}`);
  return value as T;
}
