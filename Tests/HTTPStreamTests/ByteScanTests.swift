// ByteScan: the bit-table token test against RFC 9110's tchar list, for every byte value.

import Testing

@testable import HTTPStream

@Suite struct ByteScanTests {
    @Test func tokenCharactersAreExactlyRFC9110() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for b in 0...255 {
            #expect(ByteScan.isTokenChar(UInt8(b)) == tchar.contains(UInt8(b)), "byte \(b)")
        }
    }
}
