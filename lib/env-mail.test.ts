import { describe, expect, it } from "vitest";
import { type EnvError, parseEnv } from "./env.ts";

describe("mail settings", () => {
  it("default to no mail server and no catcher: nothing is sent or shown by accident", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env).toMatchObject({
      MAIL_CATCHER: false,
      MAIL_CATCHER_PORT: 1025,
      MAIL_FROM: "Bellwether <bellwether@localhost>",
    });
  });

  it("accept an SMTP URL, and name it when it is not one", () => {
    expect(parseEnv({ SMTP_URL: "smtps://u:p@smtp.example.com:465" }).SMTP_URL).toBe(
      "smtps://u:p@smtp.example.com:465",
    );
    expect(() => parseEnv({ SMTP_URL: "http://smtp.example.com" })).toThrow(/SMTP_URL must look like smtp:/);
  });

  it("turn the demo's catcher on with MAIL_CATCHER=true, on its own port", () => {
    expect(parseEnv({ MAIL_CATCHER: "true", MAIL_CATCHER_PORT: "2525" })).toMatchObject({
      MAIL_CATCHER: true,
      MAIL_CATCHER_PORT: 2525,
    });
  });

  it("refuse the catcher beside a real mail server, where caught sign-in links would be readable by anyone", () => {
    try {
      parseEnv({ MAIL_CATCHER: "true", SMTP_URL: "smtp://smtp.example.com:587" });
      expect.unreachable();
    } catch (error) {
      expect((error as EnvError).issues.map((i) => i.variable)).toEqual(["MAIL_CATCHER"]);
    }
  });
});
