// What decides which Playwright project runs a test (playwright.config.ts).

/**
 * The tag of a test of the server's behaviour — roles refused through crafted requests, tokens, conflicts, answers
 * that must not differ — which a phone's viewport cannot change: the phone project leaves it out.
 */
export const SERVER_BEHAVIOUR_TAG = "@server";

/** Test details for such a test: `test(title, SERVER_ONLY, body)`. */
export const SERVER_ONLY = { tag: SERVER_BEHAVIOUR_TAG };
