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
    expect(describeEnvError(error)).toBe("Configuration error: DATABASE_URL must look like postgresql://user:password@host:5432/database.");
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
    expect(parseEnv({ DETECT_TIER_2: "true", MAINTENANCE_NOTICE_HOURS: "48" })).toMatchObject({ DETECT_TIER_2: true, MAINTENANCE_NOTICE_HOURS: 48 });
    expect(errorOf({ DETECT_TIER_2: "yes" }).issues).toEqual([{ variable: "DETECT_TIER_2", message: "must be true or false" }]);
  });
});
