// How every command-line entry point starts and fails: the environment is
// parsed first, and any error ends the process with one line, not a trace.
import { describeEnvError, EnvError, getEnv, type Env } from "../lib/env.ts";

export function failureLine(error: unknown): string {
  if (error instanceof EnvError) return describeEnvError(error);
  if ((error as { code?: string }).code === "P2021")
    return "The database has no tables yet: run `npm run db:migrate` first.";
  if (error instanceof Error)
    return (
      error.message
        .trim()
        .split("\n")
        .find((line) => line.trim()) ?? error.name
    );
  return String(error);
}

export function runCommand(main: (env: Env) => Promise<void>): void {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    console.error(failureLine(error));
    process.exit(1);
  }
  main(env).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(failureLine(error));
      if (process.env.DEBUG) console.error(error);
      process.exit(1);
    },
  );
}
