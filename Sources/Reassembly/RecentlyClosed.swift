// RecentlyClosed: a bounded, expiring set of flow keys whose connection ended by FIN or RST, so the
// trailing ACKs and retransmissions of a finished connection are counted and dropped rather than being
// mistaken for a new connection picked up mid-stream. Entries expire after a TTL or when over capacity.

import Wire

/// Flow keys closed recently, oldest first, with O(1) amortised insert, lookup and expiry.
struct RecentlyClosed {
    private var closedAt: [FlowKey: Int64] = [:]
    private var order: [(key: FlowKey, time: Int64)] = []
    private var head = 0

    var count: Int { closedAt.count }

    mutating func insert(_ key: FlowKey, at time: Int64) {
        closedAt[key] = time
        order.append((key, time))
    }

    mutating func remove(_ key: FlowKey) {
        closedAt[key] = nil
    }

    func contains(_ key: FlowKey, at time: Int64, ttl: Int64) -> Bool {
        guard let t = closedAt[key] else { return false }
        return time &- t < ttl
    }

    /// Forgets entries older than `ttl` and the oldest beyond `capacity`.
    mutating func expire(at time: Int64, ttl: Int64, capacity: Int) {
        while head < order.count {
            let entry = order[head]
            guard time &- entry.time >= ttl || order.count - head > capacity else { break }
            if closedAt[entry.key] == entry.time { closedAt[entry.key] = nil }
            head += 1
        }
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
