import { describe, expect, it } from "vitest";
import { slaStatementEmail } from "./sla-statement.ts";

const data = {
  siteName: "Commerce platform status",
  customerName: 'Northwind <b>"Retail"</b>',
  contractName: "Enterprise 2026",
  monthLabel: "October 2026",
  revision: 1,
  availability: "99.932 %",
  target: "99.95 %",
  met: false,
  credit: "10 % = 100.00 EUR",
  downtime: "30 min",
  reason: null,
  unknown: null,
};

describe("the SLA statement email", () => {
  it("says what was issued, with the figures and the credit, escaping what people typed", () => {
    const email = slaStatementEmail(data);
    expect(email.subject).toBe("Commerce platform status: Enterprise 2026: SLA statement for October 2026");
    expect(email.text).toContain("Availability 99.932 % against a target of 99.95 %: missed.");
    expect(email.text).toContain("Service credit: 10 % = 100.00 EUR.");
    expect(email.html).toContain("Northwind &lt;b&gt;&quot;Retail&quot;&lt;/b&gt;");
    expect(email.html).not.toContain('<b>"Retail"</b>');
  });

  it("says why a restatement was made, and mentions data gaps", () => {
    const email = slaStatementEmail({ ...data, revision: 2, reason: "Late probe results", unknown: "12 min" });
    expect(email.subject).toContain("(revision 2)");
    expect(email.text).toContain("restated (revision 2) because: Late probe results");
    expect(email.text).toContain("12 min had no monitoring data");
  });
});
