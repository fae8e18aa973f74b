// WebhookSink: POSTs each notice's JSON to a URL. With a secret, the body is signed like GitHub's webhooks:
// `X-Slicewatch-Signature: sha256=<hex HMAC-SHA256(secret, body)>` over the exact bytes sent.

import Digest
import Foundation

/// Delivers `AlertNotice.json` as the body of a POST (Content-Type: application/json) with these headers:
/// - `X-Slicewatch-Event: alert` and `X-Slicewatch-Delivery: <notice id>` (the same on every retry: de-duplicate on
///   it);
/// - with `secret`, `X-Slicewatch-Signature: sha256=<lowercase hex of HMAC-SHA256(secret, body)>`. A receiver
///   recomputes it over the raw body and compares in constant time; the body's `time`, `window` and the delivery id
///   let it reject replays.
/// The configured extra headers are sent too, but cannot replace these. Timeout and retries: `DeliverySettings`.
public final class WebhookSink: AlertSink {
    /// The configuration it was built from.
    public let settings: WebhookSettings
    private let url: URL
    private let http: HTTPDelivery
    public var kind: String { "webhook" }
    public var target: String { redacted(url) }

    /// Throws when the URL is not an http(s) URL.
    public init(settings: WebhookSettings) throws {
        self.settings = settings
        url = try httpURL(settings.url, what: "webhook")
        http = HTTPDelivery(settings: settings.delivery)
    }

    deinit { http.invalidate() }

    /// The signature header's value for `body` under `secret`: "sha256=" + hex HMAC-SHA256.
    public static func signature(body: some Sequence<UInt8>, secret: String) -> String {
        "sha256=" + HMAC.sha256Hex(key: secret.utf8, message: body)
    }

    /// The request headers sent with `notice`.
    public func headers(for notice: AlertNotice) -> [String: String] {
        var headers: [String: String] = [:]
        let own: Set<String> = ["content-type", "user-agent", "x-slicewatch-event", "x-slicewatch-delivery",
                                "x-slicewatch-signature"]
        for (name, value) in settings.headers where !own.contains(name.lowercased()) { headers[name] = value }
        headers["Content-Type"] = "application/json"
        headers["User-Agent"] = "slicewatch"
        headers["X-Slicewatch-Event"] = "alert"
        headers["X-Slicewatch-Delivery"] = notice.id
        if let secret = settings.secret {
            headers["X-Slicewatch-Signature"] = Self.signature(body: notice.json.utf8, secret: secret)
        }
        return headers
    }

    public func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome {
        http.post(url, body: Data(notice.json.utf8), headers: headers(for: notice), context: context)
    }
}
