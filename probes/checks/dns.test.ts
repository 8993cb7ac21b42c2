import { describe, expect, it } from "vitest";
import { dnsFailure } from "./dns.ts";

describe("dnsFailure", () => {
  it("says NXDOMAIN when the name does not exist", () => {
    expect(dnsFailure(["ENOTFOUND", "ENOTFOUND"])).toBe("no such domain (NXDOMAIN)");
    expect(dnsFailure(["ENODATA", "ENOTFOUND"])).toBe("no such domain (NXDOMAIN)");
  });

  it("says there are no records when the name exists without addresses", () => {
    expect(dnsFailure(["ENODATA", "ENODATA"])).toBe("no A or AAAA records");
    expect(dnsFailure(["ETIMEOUT", "ENODATA"])).toBe("no A or AAAA records");
  });

  it("names server trouble, and passes unknown codes through", () => {
    expect(dnsFailure(["ETIMEOUT", "ETIMEOUT"])).toBe("name server did not answer");
    expect(dnsFailure(["ESERVFAIL", null])).toBe("name server failure (SERVFAIL)");
    expect(dnsFailure(["EBADRESP", "EBADRESP"])).toBe("lookup failed (EBADRESP)");
  });
});
