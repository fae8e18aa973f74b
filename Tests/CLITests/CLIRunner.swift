// CLIRunner: runs the built `slicewatch` executable the way a user does, for the command-line tests.

import Foundation

/// The repository root (for samples and fixtures).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What a run printed and how it ended.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `slicewatch` binary built beside the test bundle.
let slicewatchBinary: URL = {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("slicewatch")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return candidate
        }
        directory = directory.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/slicewatch")
}()

/// Runs `slicewatch arguments...` in the repository root and waits for it.
func slicewatch(_ arguments: String...) throws -> CLIResult {
    let process = Process()
    process.executableURL = slicewatchBinary
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so neither fills up and blocks the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let readDone = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    Thread.detachNewThread {
        errBox.data = errHandle.readDataToEndOfFile()
        readDone.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    readDone.wait()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errBox.data, as: UTF8.self))
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
