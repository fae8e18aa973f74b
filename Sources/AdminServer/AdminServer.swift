// AdminServer: the sidecar's admin HTTP API on Hummingbird — a fixed set of GET routes whose bodies come from
// closures the sidecar supplies (so this target knows nothing of capture or drift), a bearer-token check on all
// but the health probes, and the bound port reported once listening (port 0 picks a free one).

import Hummingbird
import Logging
import ServiceLifecycle

/// What a route answers.
public struct AdminResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func json(_ text: String, status: Int = 200) -> AdminResponse {
        AdminResponse(status: status, contentType: "application/json", body: Array(text.utf8))
    }

    public static func text(_ text: String, status: Int = 200) -> AdminResponse {
        AdminResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}

/// The admin server's bind address and access rule.
public struct AdminServerSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// When set, every route but the health probes needs `Authorization: Bearer <token>`.
    public var token: String?

    public init(host: String = "127.0.0.1", port: Int = 9464, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }
}

/// The admin API as a Service for a ServiceGroup.
public struct AdminServer: Service {
    /// Paths answered without a token (Kubernetes probes).
    public static let openPaths: Set<String> = ["/healthz", "/readyz"]

    private let application: Application<RouterResponder<BasicRequestContext>>

    /// `routes` maps GET paths ("/metrics") to their handlers; `onListening` gets the bound port.
    public init(
        settings: AdminServerSettings, routes: [String: @Sendable () async -> AdminResponse],
        logger: Logger = Logger(label: "slicewatch.admin"), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let router = Router()
        router.add(middleware: BearerTokenMiddleware(token: settings.token, open: Self.openPaths))
        for (path, handler) in routes {
            router.get(RouterPath(path)) { _, _ -> Response in
                let answer = await handler()
                return Response(
                    status: HTTPResponse.Status(code: answer.status),
                    headers: [.contentType: answer.contentType],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
            }
        }
        application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "slicewatch"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
            logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}

/// Rejects requests without the configured bearer token (compared in constant time), except on `open` paths.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?
    let open: Set<String>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token, !open.contains(request.uri.path) else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard Self.constantTimeEqual(Array(given.utf8), Array("Bearer \(token)".utf8)) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Bearer realm=\"slicewatch\"", .contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "a bearer token is required\n")))
        }
        return try await next(request, context)
    }

    /// Equality whose time depends only on the lengths, not on where the bytes differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
