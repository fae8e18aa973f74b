// HandOffTests: the queue between pipeline threads — order, closing, and the return lane that brings values
// back to the producer so they are released on the thread that made them (bounded: beyond it the consumer
// releases them itself).

import Foundation
import Sidecar
import Synchronization
import Testing

/// Records the thread it was released on.
private final class Token: Sendable {
    let id: Int
    let releases: Releases
    init(_ id: Int, _ releases: Releases) {
        self.id = id
        self.releases = releases
    }
    deinit { releases.note(id, UInt(pthread_self())) }
}

private final class Releases: Sendable {
    private let seen = Mutex<[Int: UInt]>([:])
    func note(_ id: Int, _ thread: UInt) { seen.withLock { $0[id] = thread } }
    var byID: [Int: UInt] { seen.withLock { $0 } }
}

@Test func handOffKeepsOrderAndEndsAfterClose() {
    let queue = HandOff<Int>(capacity: 3)
    let received = Mutex<[Int]>([])
    let done = DispatchSemaphore(value: 0)
    let consumer = Thread {
        while let v = queue.take() { received.withLock { $0.append(v) } }
        done.signal()
    }
    consumer.start()
    for v in 0..<1000 { queue.put(v) }
    queue.close()
    done.wait()
    #expect(received.withLock { $0 } == Array(0..<1000))
}

@Test func returnLaneReleasesOnTheProducersThread() {
    let releases = Releases()
    let queue = HandOff<[Token]>(capacity: 2, returnCapacity: 50)
    let consumed = DispatchSemaphore(value: 0)
    let produced = DispatchSemaphore(value: 0)
    let threads = Mutex<(producer: UInt, consumer: UInt)>((0, 0))
    let consumer = Thread {
        threads.withLock { $0.consumer = UInt(pthread_self()) }
        var batches = 0
        while let batch = queue.take() {
            batches += 1
            queue.giveBack(batch)
        }
        consumed.signal()
    }
    consumer.start()

    let producer = Thread {
        threads.withLock { $0.producer = UInt(pthread_self()) }
        for b in 0..<50 {
            queue.put((0..<10).map { Token(b * 10 + $0, releases) })
            if b % 2 == 1 { _ = queue.takeGivenBack() }  // released here, as the drift stage does
        }
        queue.close()
        consumed.wait()
        _ = queue.takeGivenBack()
        produced.signal()
    }
    producer.start()
    produced.wait()

    let seen = releases.byID
    #expect(seen.count == 500, "every token released once")
    let (p, c) = threads.withLock { $0 }
    let onProducer = seen.values.filter { $0 == p }.count
    let onConsumer = seen.values.filter { $0 == c }.count
    #expect(onProducer + onConsumer == 500)
    // The lane has room for every batch, so none is released by the consumer.
    #expect(onProducer == 500, "released on the producer: \(onProducer), on the consumer: \(onConsumer)")
}

@Test func returnLaneIsBounded() {
    let releases = Releases()
    let queue = HandOff<Token>(capacity: 8, returnCapacity: 2)
    for k in 0..<5 { queue.giveBack(Token(k, releases)) }
    #expect(releases.byID.keys.sorted() == [2, 3, 4], "beyond the lane's room, given-back values are released at once")
    let back = queue.takeGivenBack()
    #expect(back.map(\.id) == [0, 1])
    #expect(queue.takeGivenBack().isEmpty)
}
