// RequestPath: the path of a request target (query, fragment and absolute-form authority removed), byte for byte.

import Testing

@testable import Exchange

@Suite struct RequestPathTests {
    @Test(arguments: [
        ("/v1/chat/completions", "/v1/chat/completions"), ("/v1/messages?beta=true", "/v1/messages"),
        ("/a#frag?x", "/a"), ("http://api.example/v1/responses?x=1", "/v1/responses"),
        ("https://api.example", "/"), ("https://api.example?x=/y", "/"), ("", ""), ("*", "*"),
        ("/é/ü?q", "/é/ü"), ("HTTP://upper/x", "HTTP://upper/x"),
    ])
    func path(target: String, expected: String) {
        #expect(RequestPath.path(of: target) == expected)
    }
}
