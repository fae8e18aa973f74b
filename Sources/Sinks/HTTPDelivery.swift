// HTTPDelivery: one JSON POST with a timeout and retries with exponential backoff, shared by the webhook and
// Alertmanager sinks (and, one attempt with the answer's body, the http grader). 2xx is success; 408, 429, 5xx, timeouts and connection errors are retried; any other status
// (a 400, a 404) is given up at once, since sending the same body again cannot fix it.

import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A POST of JSON bodies to HTTP endpoints under one `DeliverySettings`.
package struct HTTPDelivery: Sendable {
    let settings: DeliverySettings
    private let session: URLSession

    package init(settings: DeliverySettings) {
        self.settings = settings
        let configuration = URLSessionConfiguration.ephemeral
        // FoundationNetworking on Linux truncates these to whole seconds (0.4 s would time out at once), so the
        // session gets a whole-second backstop above the timeout and `send` enforces the exact one itself.
        let backstop = (max(0.001, settings.timeout) + 1).rounded(.up)
        configuration.timeoutIntervalForRequest = backstop
        configuration.timeoutIntervalForResource = backstop
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    package func invalidate() { session.finishTasksAndInvalidate() }

    /// One attempt's result.
    package enum Attempt: Sendable, Equatable {
        case success
        case retryable(String, timedOut: Bool)
        case permanent(String)
    }

    /// POSTs `body` until it succeeds, fails permanently, runs out of retries, or the sink is stopping. Attempts,
    /// retries and failures are counted through `context`. `retries` overrides the settings' count.
    func post(
        _ url: URL, body: Data, headers: [String: String], context: DeliveryContext, retries: Int? = nil
    ) -> DeliveryOutcome {
        let maxRetries = max(0, retries ?? settings.retries)
        var attempt = 0
        while true {
            if context.isStopping { return .abandoned }
            switch send(url, body: body, headers: headers) {
            case .success:
                return .delivered
            case .permanent(let message):
                context.attemptFailed(message)
                return .gaveUp(message)
            case .retryable(let message, let timedOut):
                context.attemptFailed(message, timedOut: timedOut)
                guard attempt < maxRetries else {
                    return .gaveUp("\(message) (gave up after \(attempt + 1) attempt\(attempt == 0 ? "" : "s"))")
                }
                guard context.wait(until: Date(timeIntervalSinceNow: backoff(after: attempt))) else { return .abandoned }
                context.retrying()
                attempt += 1
            }
        }
    }

    /// Seconds to wait after failed attempt `attempt` (0-based): backoff × 2^attempt, capped at maxBackoff.
    func backoff(after attempt: Int) -> Double {
        let base = max(0, settings.backoff)
        return min(max(base, settings.maxBackoff), base * pow(2, Double(min(attempt, 62))))
    }

    /// One POST, waiting at most the timeout; on expiry the task is cancelled.
    func send(_ url: URL, body: Data, headers: [String: String]) -> Attempt {
        exchange(url, body: body, headers: headers).attempt
    }

    /// One POST and the answer's body (up to the first `limit` bytes kept), waiting at most the timeout.
    package func exchange(
        _ url: URL, body: Data, headers: [String: String], limit: Int = 1 << 20
    ) -> (attempt: Attempt, body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.timeoutInterval = (max(0.001, settings.timeout) + 1).rounded(.up)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }

        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var result: Attempt?
            var body = Data()
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let target = redacted(url)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Attempt
            if let error {
                let timedOut = (error as? URLError)?.code == .timedOut
                result = .retryable(
                    timedOut ? "\(target): no answer within \(settings.timeout) s" : "\(target): \(error.localizedDescription)",
                    timedOut: timedOut)
            } else {
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let snippet = String(decoding: (data ?? Data()).prefix(200), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let message = "\(target) answered HTTP \(status)" + (snippet.isEmpty ? "" : ": \(snippet)")
                switch status {
                case 200..<300: result = .success
                case 408, 429, 500..<600: result = .retryable(message, timedOut: false)
                default: result = .permanent(message)
                }
            }
            box.lock.lock()
            box.result = result
            box.body = (data ?? Data()).prefix(limit)
            box.lock.unlock()
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + max(0.001, settings.timeout)) == .timedOut {
            task.cancel()
            return (.retryable("\(target): no answer within \(settings.timeout) s", timedOut: true), Data())
        }
        box.lock.lock()
        defer { box.lock.unlock() }
        return (box.result ?? .retryable("\(target): no answer", timedOut: false), box.body)
    }
}

/// Parses an http(s) URL from configuration, or throws naming what is wrong with it.
package func httpURL(_ text: String, what: String) throws -> URL {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
        let host = url.host, !host.isEmpty
    else { throw SinkError("\(what) URL \"\(text)\" is not an http:// or https:// URL with a host") }
    return url
}

/// The URL without credentials, query or fragment: safe to show in logs and metrics.
package func redacted(_ url: URL) -> String {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(url)" }
    components.user = nil
    components.password = nil
    components.query = nil
    components.fragment = nil
    return components.string ?? "(url)"
}
