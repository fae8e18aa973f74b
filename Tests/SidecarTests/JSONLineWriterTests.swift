// JSONLineWriterTests: the background output thread keeps order, writes every line, and reports a
// closed reader instead of dying of SIGPIPE.

import Foundation
import Sidecar
import Testing

@Test func writesEveryLineInOrder() throws {
    let pipe = Pipe()
    let writer = JSONLineWriter<Int>(fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, batchSize: 7) { v, w in
        w.beginObject()
        w.field("n", v)
        w.endObject()
        w.newline()
    }
    let reader = Thread.detachNewThreadReturning { pipe.fileHandleForReading.readDataToEndOfFile() }
    for i in 0..<10_000 { writer.write(i) }
    #expect(writer.close())
    try pipe.fileHandleForWriting.close()
    let lines = String(decoding: reader.value, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 10_000)
    #expect(lines.first == "{\"n\":0}")
    #expect(lines.last == "{\"n\":9999}")
    #expect(lines.enumerated().allSatisfy { $0.element == "{\"n\":\($0.offset)}" })
}

@Test func aClosedReaderIsReportedNotFatal() throws {
    signal(SIGPIPE, SIG_IGN)
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let writer = JSONLineWriter<Int>(fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, batchSize: 1) { v, w in
        w.int(v)
        w.newline()
    }
    var accepted = true
    for i in 0..<1000 where accepted {
        accepted = writer.write(i)
        if accepted { usleep(100) }
    }
    #expect(writer.close() == false)
}

extension Thread {
    /// Runs `body` on a new thread; `value` of the result waits for it.
    static func detachNewThreadReturning<T: Sendable>(_ body: @escaping @Sendable () -> T) -> Rendezvous<T> {
        let result = Rendezvous<T>()
        Thread.detachNewThread { result.set(body()) }
        return result
    }
}
