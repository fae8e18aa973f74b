// ScreenshotTests: the sample page written to /tmp/report-sample.html, photographed by headless Chromium at
// 1280 and 900 pixels (scripts/report-screenshot.sh) and checked not blank (scripts/check_screenshot.py); the
// checker itself must reject a blank image. Skipped, with the reason, when Chromium or Python is missing.

import Foundation
import Report
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func executable(_ name: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
}

private let hasChromium = executable("chromium") || executable("chromium-browser")
private let hasPython = executable("python3")

/// Runs a command, returning its exit status and combined output.
private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite(.serialized) struct ScreenshotTests {
    static let html = "/tmp/report-sample.html"

    /// Writes the sample page, and the edge cases beside it for a person to look at.
    @Test func writesTheSamplePages() throws {
        try ReportHTML.render(SampleModels.realistic()).write(toFile: Self.html, atomically: true, encoding: .utf8)
        try ReportHTML.render(SampleModels.empty()).write(toFile: "/tmp/report-empty.html", atomically: true, encoding: .utf8)
        try ReportHTML.render(SampleModels.oneWindow()).write(toFile: "/tmp/report-one-window.html", atomically: true, encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: Self.html))
    }

    @Test(.enabled(if: hasChromium && hasPython, "needs chromium and python3: apt-get install -y chromium python3"))
    func screenshotsAreNotBlank() throws {
        try ReportHTML.render(SampleModels.realistic()).write(toFile: Self.html, atomically: true, encoding: .utf8)
        for (png, width) in [("/tmp/report-sample.png", 1280), ("/tmp/report-sample-narrow.png", 900)] {
            let shot = try run([root.appendingPathComponent("scripts/report-screenshot.sh").path, Self.html, png, String(width)])
            #expect(shot.status == 0, "screenshot failed: \(shot.output)")
            let check = try run(["python3", root.appendingPathComponent("scripts/check_screenshot.py").path, png])
            print(check.output, terminator: "")
            #expect(check.status == 0, "\(check.output)")
        }
    }

    @Test(.enabled(if: hasPython, "needs python3"))
    func checkerRejectsABlankImage() throws {
        let blank = "/tmp/report-blank-check.png"
        let write = """
            import struct, zlib
            w, h = 400, 300
            raw = b"".join(b"\\x00" + b"\\xff" * (w * 3) for _ in range(h))
            def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
            png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
            open("\(blank)", "wb").write(png)
            """
        #expect(try run(["python3", "-c", write]).status == 0)
        let check = try run(["python3", root.appendingPathComponent("scripts/check_screenshot.py").path, blank])
        #expect(check.status == 1, "the checker must fail on a blank image: \(check.output)")
        let notPNG = try run(["python3", root.appendingPathComponent("scripts/check_screenshot.py").path, #filePath])
        #expect(notPNG.status == 2)
    }
}
