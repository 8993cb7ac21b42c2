// The detection rule as people read it: the README prints these rows, a test
// checks that it does, and confirmation.test.ts checks each row's behaviour.
import {
  ESCALATION_FACTOR,
  FLAP_SPELLS,
  FLAP_WINDOW_ROUNDS,
  MIN_FAILING_FOR_DOWN,
  SILENT_ROUNDS_UNTIL_UNKNOWN,
} from "./confirmation.ts";

/** The README heading the tables sit under. */
export const DETECTION_LEVELS_HEADING = "### Detection levels";

export const ROUND_VERDICT_HEADER = ["round verdict", "vantages failing in the round, of those that reported"] as const;
export const DETECTION_LEVEL_HEADER = ["status", "entered when", "left when"] as const;

export const ROUND_VERDICT_TABLE: readonly (readonly [verdict: string, failing: string])[] = [
  [
    "down",
    `a strict majority, and at least \`quorum\` (never fewer than ${MIN_FAILING_FOR_DOWN}: both of two, never one alone)`,
  ],
  ["partial", "at least one, but too few for *down*"],
  ["degraded", "none, but at least one saw the check slow"],
  ["up", "none, and none slow"],
];

const WINDOW = `in the last ${FLAP_WINDOW_ROUNDS} rounds`;

export const DETECTION_LEVEL_TABLE: readonly (readonly [status: string, entered: string, left: string])[] = [
  [
    "`major_outage`",
    `the same strict majority of vantages failed in each of the last ${ESCALATION_FACTOR}K rounds — or in each of the last K, when every vantage but at most one failed in each of them and no failing spell came before them ${WINDOW}; never while *down* spells keep coming back (${FLAP_SPELLS} or more ${WINDOW})`,
    "K rounds in a row that are not *down*",
  ],
  [
    "`partial_outage`",
    `the last K rounds all have failures, and one vantage failed in all K or at least \`quorum\` (never fewer than ${MIN_FAILING_FOR_DOWN}) failed together in each`,
    `K rounds in a row without a failure, once failing spells stop coming back (fewer than ${FLAP_SPELLS} ${WINDOW})`,
  ],
  ["`degraded_performance`", "the last K rounds are all at least *degraded*", "K rounds in a row that are all *up*"],
  ["`operational`", "K rounds in a row that are all *up* (from no data: the first *up* round)", "—"],
  [
    "no data",
    `${SILENT_ROUNDS_UNTIL_UNKNOWN} rounds in a row with no result from any vantage`,
    "the first round with a result",
  ],
];

/** A table row as the README prints it. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** Both tables as the README prints them, separator rows included. */
export function detectionLevelTables(): string[][] {
  const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [
    markdownRow(header),
    markdownRow(header.map(() => "---")),
    ...rows.map(markdownRow),
  ];
  return [table(ROUND_VERDICT_HEADER, ROUND_VERDICT_TABLE), table(DETECTION_LEVEL_HEADER, DETECTION_LEVEL_TABLE)];
}
