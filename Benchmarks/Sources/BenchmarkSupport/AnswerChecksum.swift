/// FNV-1a (64-bit) over the answers' little-endian bytes, in lower-case hex without leading
/// zeros: a short fingerprint that the reports print so that runs (any thread count, any build)
/// can be compared without the answer files.
public func answerChecksum<Answer: FixedWidthInteger>(_ answers: [Answer]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for answer in answers {
        withUnsafeBytes(of: answer.littleEndian) { raw in
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
    }
    return String(hash, radix: 16)
}
