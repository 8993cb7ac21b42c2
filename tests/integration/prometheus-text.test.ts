// The metrics test's reader of the exposition format, held to the format's
// rules, and to prom-client's output for every kind of metric.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.ts";

describe("the Prometheus text reader", () => {
  it("reads the format's own example: escapes, timestamps, +Inf, untyped samples", () => {
    const text = [
      "# HELP http_requests_total The total number of HTTP requests.",
      "# TYPE http_requests_total counter",
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      "# Escaping in label values:",
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      "metric_without_timestamp_and_labels 12.47",
      'something_weird{problem="division by zero"} +Inf -3982045',
    ].join("\n");
    const families = parsePrometheusText(text);
    expect(sampleValue(families, "http_requests_total", { code: "400" })).toBe(3);
    expect(families.get("http_requests_total")!.type).toBe("counter");
    const msdos = families.get("msdos_file_access_time_seconds")!.samples[0]!;
    expect(msdos.labels).toEqual({ path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"' });
    expect(msdos.value).toBe(1.458255915e9);
    expect(sampleValue(families, "metric_without_timestamp_and_labels")).toBe(12.47);
    expect(sampleValue(families, "something_weird")).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    ["a sample that is not a number", "x 12abc"],
    ["an unquoted label value", "x{a=b} 1"],
    ["an unterminated label value", 'x{a="b} 1'],
    ["a bad escape", 'x{a="\\t"} 1'],
    ["a label given twice", 'x{a="1",a="2"} 1'],
    ["a TYPE after the samples", "x 1\n# TYPE x counter"],
    ["an unknown type", "# TYPE x meter"],
    ["a histogram without +Inf", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\nh_sum 1'],
    [
      "a histogram whose buckets shrink",
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\nh_sum 1',
    ],
  ])("refuses %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });

  it("reads what prom-client writes, labelled histograms included, and agrees with parse-prometheus-text-format", async () => {
    const registry = new Registry();
    const counter = new Counter({ name: "c_total", help: "c", labelNames: ["route"], registers: [registry] });
    const gauge = new Gauge({ name: "g", help: 'a "gauge"\nwith a line', labelNames: ["x"], registers: [registry] });
    const histogram = new Histogram({
      name: "h_seconds",
      help: "h",
      labelNames: ["route"],
      buckets: [0.1, 1],
      registers: [registry],
    });
    counter.inc({ route: '/a "quoted" \\ path' }, 3);
    gauge.set({ x: "1" }, 2.5);
    histogram.observe({ route: "a" }, 0.05);
    histogram.observe({ route: "a" }, 0.5);
    histogram.observe({ route: "b" }, 5);
    const text = await registry.metrics();
    const families = parsePrometheusText(text);
    expect(sampleValue(families, "c_total", { route: '/a "quoted" \\ path' })).toBe(3);
    expect(sampleValue(families, "g", { x: "1" })).toBe(2.5);
    expect(sampleValue(families, "h_seconds_bucket", { route: "a", le: "0.1" })).toBe(1);
    expect(sampleValue(families, "h_seconds_bucket", { route: "a", le: "+Inf" })).toBe(2);
    expect(sampleValue(families, "h_seconds_count", { route: "b" })).toBe(1);
    expect(sampleValue(families, "h_seconds_sum", { route: "b" })).toBe(5);

    const other = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
    expect(other.get("c_total")!.metrics[0]).toEqual({ labels: { route: '/a "quoted" \\ path' }, value: "3" });
    expect(other.get("g")!.metrics[0]).toEqual({ labels: { x: "1" }, value: "2.5" });
    expect(other.get("h_seconds")!.type).toBe("HISTOGRAM");
  });
});
