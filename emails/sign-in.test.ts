import { describe, expect, it } from "vitest";
import { signInEmail, userAddedEmail } from "./sign-in.ts";

describe("console emails", () => {
  it("puts the one-time link in both the text and the HTML, and says when it expires", () => {
    const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=eli%40example.com";
    const mail = signInEmail({ url, host: "localhost:3000", validMinutes: 15 });
    expect(mail.subject).toBe("Sign in to Bellwether (localhost:3000)");
    expect(mail.text).toContain(url);
    expect(mail.text).toContain("expires in 15 minutes");
    expect(mail.html).toContain(
      'href="http://localhost:3000/api/auth/callback/email?token=abc&amp;email=eli%40example.com"',
    );
  });

  it("escapes what an admin typed", () => {
    const mail = userAddedEmail({
      signInUrl: "http://x/admin/sign-in",
      roleLabel: "Engineer",
      addedBy: "<script>alert(1)</script>",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.text).toContain("as Engineer");
  });
});
