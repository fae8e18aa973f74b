// ScalarClassTests: the normaliser's ASCII fast path classifies every ASCII scalar as the Unicode properties do.

@testable import Dedup
import Testing

@Test func asciiFastPathAgreesWithUnicodeProperties() {
    for value in UInt8(0)...UInt8(127) {
        let scalar = Unicode.Scalar(value)
        #expect(ScalarClass(scalar) == ScalarClass.byProperties(scalar), "U+\(String(value, radix: 16))")
    }
}
