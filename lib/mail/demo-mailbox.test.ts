import { describe, expect, it } from "vitest";
import { linkify } from "./demo-mailbox.ts";

describe("linkify", () => {
  it("turns http(s) addresses into links and leaves everything else as text", () => {
    expect(linkify("Sign in:\n\nhttp://localhost:3000/api/auth/callback/email?token=a&email=b%40c.d\n\nBye")).toEqual([
      { text: "Sign in:\n\n" },
      { href: "http://localhost:3000/api/auth/callback/email?token=a&email=b%40c.d" },
      { text: "\n\nBye" },
    ]);
  });

  it("never makes a link of another scheme", () => {
    expect(linkify("javascript:alert(1) and data:text/html,x")).toEqual([
      { text: "javascript:alert(1) and data:text/html,x" },
    ]);
  });
});
