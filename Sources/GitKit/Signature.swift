import CGit2
import Foundation

/// Who did something and when, with the time zone kept as git records it.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// Offset from UTC in minutes, as recorded (e.g. +0200 → 120).
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ raw: UnsafePointer<git_signature>, encoding: String? = nil) {
        let sig = raw.pointee
        name = sig.name.map { TextEncoding.decode($0, encoding: encoding) } ?? ""
        email = sig.email.map { TextEncoding.decode($0, encoding: encoding) } ?? ""
        time = sig.when.time
        offsetMinutes = sig.when.offset
    }

    /// The offset as git prints it: `+0200`, `-0530`.
    public var offsetText: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let m = abs(Int(offsetMinutes))
        let hh = m / 60, mm = m % 60
        return sign + (hh < 10 ? "0" : "") + String(hh) + (mm < 10 ? "0" : "") + String(mm)
    }
}
