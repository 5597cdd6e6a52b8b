/// An optional member that `JSONEncoder` writes as `null` when it is absent, instead of leaving
/// the key out (what synthesized `Encodable` does): scripts reading `--json` output see every key.
// swift-format-ignore: UseSynthesizedInitializer
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    // Not the synthesized one: this is the initializer that lets the enclosing type's memberwise
    // initializer take a plain optional.
    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
