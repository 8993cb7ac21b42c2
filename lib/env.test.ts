import { describe, expect, it } from "vitest";
import { describeEnvError, EnvError, parseEnv } from "./env.ts";

function errorOf(source: Record<string, string>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("parseEnv", () => {
  it("needs nothing to run the demo: the database is embedded", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ BELLWETHER_DATA_DIR: ".data", PORT: 3000, PUBLIC_URL: "http://localhost:3000" });
  });

  it("accepts any PostgreSQL URL and treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db.internal:5432/status", PORT: "" })).toMatchObject({
      DATABASE_URL: "postgres://u:p@db.internal:5432/status",
      PORT: 3000,
    });
  });

  it("names the variable that is wrong, in one line", () => {
    const error = errorOf({ DATABASE_URL: "postgresql://localhost" });
    expect(error.issues.map((i) => i.variable)).toEqual(["DATABASE_URL"]);
    expect(describeEnvError(error)).toBe(
      "Configuration error: DATABASE_URL must look like postgresql://user:password@host:5432/database.",
    );
  });

  it("requires a long AUTH_SECRET in production only", () => {
    expect(errorOf({ NODE_ENV: "production" }).issues).toEqual([
      { variable: "AUTH_SECRET", message: "is required in production (at least 32 random characters)" },
    ]);
    expect(errorOf({ NODE_ENV: "production", AUTH_SECRET: "short" }).issues[0]?.variable).toBe("AUTH_SECRET");
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toHaveLength(32);
  });

  it("reads detection and maintenance settings, with defaults", () => {
    expect(parseEnv({})).toMatchObject({ DETECT_TIER_2: false, MAINTENANCE_NOTICE_HOURS: 24 });
    expect(parseEnv({ DETECT_TIER_2: "true", MAINTENANCE_NOTICE_HOURS: "48" })).toMatchObject({
      DETECT_TIER_2: true,
      MAINTENANCE_NOTICE_HOURS: 48,
    });
    expect(errorOf({ DETECT_TIER_2: "yes" }).issues).toEqual([
      { variable: "DETECT_TIER_2", message: "must be true or false" },
    ]);
  });
});

describe("mail settings", () => {
  it("send nowhere until SMTP_URL (or the demo's catcher) is set", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env).toMatchObject({
      MAIL_FROM: "Bellwether <bellwether@localhost>",
      MAIL_CATCHER: false,
      MAIL_CATCHER_PORT: 1025,
    });
    expect(errorOf({ SMTP_URL: "http://mail" }).issues[0]?.variable).toBe("SMTP_URL");
    expect(errorOf({ SMTP_URL: "smtp://mail:25", MAIL_CATCHER: "true" }).issues[0]?.variable).toBe("MAIL_CATCHER");
  });

  it("takes DKIM's three variables together, with a real RSA key whose line breaks may be written as \\n", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const env = parseEnv({
      DKIM_DOMAIN: "example.com",
      DKIM_SELECTOR: "bw1",
      DKIM_PRIVATE_KEY: pem.replace(/\n/g, "\\n"),
    });
    expect(env.DKIM_PRIVATE_KEY).toBe(pem.trim());
    expect(errorOf({ DKIM_DOMAIN: "example.com" }).issues.map((i) => i.variable)).toEqual(["DKIM_SELECTOR"]);
    expect(
      errorOf({ DKIM_DOMAIN: "example.com", DKIM_SELECTOR: "bw1", DKIM_PRIVATE_KEY: "not a key" }).issues[0]?.variable,
    ).toBe("DKIM_PRIVATE_KEY");
  });
});

describe("security settings", () => {
  it("trust no proxy, let only this site frame public pages, and refuse agent results older than a week, by default", () => {
    expect(parseEnv({})).toMatchObject({
      PUBLIC_FRAME_ANCESTORS: "'self'",
      AGENT_REPLAY_WINDOW_DAYS: 7,
      SUBSCRIBE_PENDING_PER_HOUR: 500,
    });
    expect(parseEnv({}).TRUSTED_PROXIES).toBeUndefined();
  });

  it("take a hop count or proxy addresses, and CSP sources for who may frame the public pages", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES).toBe("2");
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8" }).TRUSTED_PROXIES).toBe("10.0.0.0/8, fd00::/8");
    expect(errorOf({ TRUSTED_PROXIES: "proxy.internal" }).issues[0]?.variable).toBe("TRUSTED_PROXIES");
    expect(
      parseEnv({ PUBLIC_FRAME_ANCESTORS: "'self' https://shop.example.com https://*.example.org" })
        .PUBLIC_FRAME_ANCESTORS,
    ).toBe("'self' https://shop.example.com https://*.example.org");
    expect(parseEnv({ PUBLIC_FRAME_ANCESTORS: "*" }).PUBLIC_FRAME_ANCESTORS).toBe("*");
    // Nothing that could end the directive and start another.
    expect(errorOf({ PUBLIC_FRAME_ANCESTORS: "'self'; script-src *" }).issues[0]?.variable).toBe(
      "PUBLIC_FRAME_ANCESTORS",
    );
    expect(errorOf({ AGENT_REPLAY_WINDOW_DAYS: "0" }).issues[0]?.variable).toBe("AGENT_REPLAY_WINDOW_DAYS");
  });
});
