// FormatTests: numbers, rates, p-values, durations and times as the page prints them; escaping and truncation.

import Testing
@testable import Report

@Suite struct FormatTests {
    @Test func percentagesHaveOneDecimal() {
        #expect(Format.percent(0.1234) == "12.3%")
        #expect(Format.percent(0.05) == "5.0%")
        #expect(Format.percent(1) == "100.0%")
        #expect(Format.percent(0.99951) == "100.0%")
        #expect(Format.percent(nil) == "–")
        #expect(Format.percent(.nan) == "–")
        #expect(Format.percent(.infinity) == "–")
    }

    @Test func pointsAreSigned() {
        #expect(Format.points(0.091) == "+9.1 pts")
        #expect(Format.points(-0.02) == "−2.0 pts")
        #expect(Format.points(-0.0001) == "0.0 pts")
        #expect(Format.points(nil) == "–")
    }

    @Test func countsHaveThousandsSeparators() {
        #expect(Format.count(0) == "0")
        #expect(Format.count(999) == "999")
        #expect(Format.count(6_093) == "6,093")
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.count(-1_234_567) == "-1,234,567")
        #expect(Format.counted(1, "alert") == "1 alert")
        #expect(Format.counted(12_000, "window") == "12,000 windows")
    }

    @Test func pValuesSmallInScientificNotation() {
        #expect(Format.pValue(2.1e-8) == "2.1e-08")
        #expect(Format.pValue(0.000_42) == "4.2e-04")
        #expect(Format.pValue(0.0123) == "0.012")
        #expect(Format.pValue(0.5) == "0.500")
        #expect(Format.pValue(0) == "< 1e-300")
        #expect(Format.pValue(nil) == "–")
    }

    @Test func latenciesAndDurations() {
        #expect(Format.milliseconds(34.2) == "34 ms")
        #expect(Format.milliseconds(4.25) == "4.3 ms")
        #expect(Format.milliseconds(2_950) == "2,950 ms")
        #expect(Format.milliseconds(nil) == "–")
        #expect(Format.duration(45) == "45 s")
        #expect(Format.duration(5_725) == "1.6 h")
        #expect(Format.duration(600) == "10 min")
        #expect(Format.duration(3 * 86_400) == "3.0 days")
    }

    @Test func fixedRoundsWithoutFoundation() {
        #expect(Format.fixed(1.25, decimals: 1) == "1.3")
        #expect(Format.fixed(-0.04, decimals: 1) == "0.0")
        #expect(Format.fixed(-12.345, decimals: 2) == "-12.35")
        #expect(Format.fixed(7, decimals: 0) == "7")
        #expect(Format.fixed(0.05, decimals: 3) == "0.050")
        #expect(Format.coordinate(12.0) == "12")
        #expect(Format.coordinate(12.04) == "12")
        #expect(Format.coordinate(-3.26) == "-3.3")
    }

    @Test func timesAreUTC() {
        #expect(Format.utc(0) == "1970-01-01 00:00:00 UTC")
        #expect(Format.utc(1_795_456_303.26) == "2026-11-23 17:51:43 UTC")
        #expect(Format.utc(951_782_400) == "2000-02-29 00:00:00 UTC")
        #expect(Format.utc(-1) == "1969-12-31 23:59:59 UTC")
        #expect(Format.utc(.nan) == "–")
        #expect(Format.utc(1e300) == "–")
        #expect(Format.clock(1_795_456_303, withDate: false) == "17:51")
        #expect(Format.clock(1_795_456_303, withDate: true) == "11-23 17:51")
    }

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(HTML.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTML.escape("a & \"b\"") == "a &amp; &quot;b&quot;")
        #expect(HTML.escape("Zürich — 東京 ✓") == "Zürich — 東京 ✓")
        #expect(HTML.escape("tab\there\nline") == "tab\there\nline")
        #expect(HTML.escape("bell\u{7}del\u{7F}c1\u{85}") == "bell\u{FFFD}del\u{FFFD}c1\u{FFFD}")
        #expect(HTML.escape("Â plain") == "Â plain")
    }

    @Test func truncationKeepsWholeCharacters() {
        #expect(HTML.truncate("short", to: 200) == "short")
        #expect(HTML.truncate(String(repeating: "a", count: 200), to: 200) == String(repeating: "a", count: 200))
        let long = String(repeating: "é", count: 300)
        let cut = HTML.truncate(long, to: 200)
        #expect(cut.count == 200)
        #expect(cut.hasSuffix("…"))
        #expect(HTML.truncate("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", to: 2) == "👩‍👩‍👧‍👦…")
    }

    @Test func niceScales() {
        #expect(niceStep(0.023) == 0.025)
        #expect(niceStep(0.03) == 0.05)
        #expect(niceStep(7) == 10)
        let scale = ValueScale.rates([0.04, 0.104], includeZero: true, minimumTop: 0.1)
        #expect(scale.low == 0)
        #expect(scale.high >= 0.104)
        #expect(scale.ticks.map(scale.tickLabel) == ["0%", "5%", "10%", "15%"])
        let flat = ValueScale.rates([1, 1], includeZero: false, minimumTop: 0.05)
        #expect(flat.high == 1)
        #expect(flat.low < 1)
        #expect(WindowAxis.labelStep(500, maxLabels: 12) == 50)
        #expect(WindowAxis.labelStep(13, maxLabels: 12) == 2)
        #expect(WindowAxis.labelStep(1, maxLabels: 12) == 1)
    }
}
