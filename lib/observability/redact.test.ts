import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED, urlSecrets } from "./redact.ts";

const redact = createRedactor(["s3cr3t-auth-value-0123456789", "p@ss:word/1"]);

describe("log redaction", () => {
  it.each([
    ["a subscriber's address", '{"msg":"suppressed jane.doe+status@example.co.uk: 550"}', "jane.doe"],
    ["a percent-encoded address", '{"url":"/subscribe?to=jane%40example.com"}', "jane%40example.com"],
    ["an agent token", '{"msg":"push with bwa_Ab12-_xyzXYZ0987654321abcdefghijklmnopq"}', "bwa_Ab12"],
    ["an API token", '{"note":"bwt_k3yK3yK3y"}', "bwt_k3y"],
    ["a bearer header", '{"headers":{"x":"Bearer abc.def.ghi"}}', "abc.def.ghi"],
    ["SMTP credentials", '{"err":"connect smtp://mailer:hunter2@smtp.example.com:587 failed"}', "hunter2"],
    ["a token query parameter", '{"path":"/subscribe/manage?token=Zm9vYmFy&x=1"}', "Zm9vYmFy"],
    ["a sign-in callback", '{"path":"/api/auth/callback/email?callbackUrl=%2Fadmin&token=abc123"}', "abc123"],
    ["a secret-named field", '{"webhookSecret":"whsec_plain","password":"pw"}', "whsec_plain"],
    ["a known secret value", '{"msg":"AUTH_SECRET is s3cr3t-auth-value-0123456789"}', "s3cr3t-auth-value"],
    ["a known secret, percent-encoded", '{"msg":"smtp://u:p%40ss%3Aword%2F1@h"}', "p%40ss"],
    ["a 32-byte random value", `{"msg":"verification ${"a1".repeat(32)}"}`, "a1a1a1a1a1"],
  ])("hides %s", (_, line, secret) => {
    const out = redact(line);
    expect(out).not.toContain(secret);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it("keeps what an operator needs: ids, routes, numbers, levels", () => {
    const line =
      '{"level":30,"reqId":"0b6f5c1e-8a61-4a8e-9d1e-3f0b0c8b1a2e","route":"/components/[key]","status":200,"ms":1.2,"id":"cmabc123def456ghi789jkl0m"}';
    expect(redact(line)).toBe(line);
  });

  it("replaces secret fields with the marker, leaving valid JSON", () => {
    expect(JSON.parse(redact('{"authorization":"Basic x","n":1}'))).toEqual({ authorization: REDACTED, n: 1 });
  });

  it("finds the secret parts of connection URLs", () => {
    expect(urlSecrets("smtps://user:pa%2Fss@smtp.example.com:465")).toEqual(["pa%2Fss", "pa/ss"]);
    expect(urlSecrets("https://hooks.example.com/x")).toEqual([]);
    expect(urlSecrets(undefined)).toEqual([]);
  });
});
