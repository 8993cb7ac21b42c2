// Evaluating a probe's body assertions against a response body. Pure; the
// first failing assertion is the reason reported.
import { evaluateJsonPath } from "./json-path.ts";
import type { Assertion, JsonPathAssertion } from "./types.ts";

export interface ResponseBody {
  text: string;
  /** Only a prefix was read (see MAX_BODY_BYTES in http.ts). */
  truncated: boolean;
}

const NOT_PARSED = Symbol("not parsed");
const NOT_JSON = Symbol("not JSON");

/** null when every assertion holds, else why the first one does not. */
export function assertionFailure(assertions: readonly Assertion[], body: ResponseBody): string | null {
  let document: unknown = NOT_PARSED;
  for (const assertion of assertions) {
    if (assertion.type === "body_contains") {
      if (!body.text.includes(assertion.value)) return `body does not contain ${quote(assertion.value)}`;
      continue;
    }
    if (document === NOT_PARSED) document = parseJson(body.text);
    if (document === NOT_JSON) {
      return body.truncated ? "body is not JSON (only its first 1 MB was read)" : "body is not JSON";
    }
    const failure = jsonPathFailure(assertion, document);
    if (failure !== null) return failure;
  }
  return null;
}

export function jsonPathFailure(assertion: JsonPathAssertion, document: unknown): string | null {
  const lookup = evaluateJsonPath(document, assertion.path);
  const { path, equals, exists } = assertion;
  if (exists === false) return lookup.found ? `${path} is ${quote(lookup.value)}, expected it to be absent` : null;
  if (!lookup.found)
    return equals === undefined ? `${path} is missing` : `${path} is missing, expected ${quote(equals)}`;
  if (equals !== undefined && lookup.value !== equals)
    return `${path} is ${quote(lookup.value)}, expected ${quote(equals)}`;
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** A value as JSON, short enough for a status line. */
function quote(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= 60 ? json : `${json.slice(0, 59)}…`;
}
