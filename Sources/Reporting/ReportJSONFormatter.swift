import Foundation
import ReportModel

/// `report --format json`: the `RiskReport` itself (schemaVersion 1, documented in the README).
public enum ReportJSONFormatter {
    public static func data(_ report: RiskReport, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(report)
    }

    /// JSON that is safe inside an HTML `<script>` element: `</script>`, `<!--` and the
    /// characters JavaScript treats as line ends can never appear raw.
    public static func scriptSafe(_ report: RiskReport) throws -> String {
        let json = String(decoding: try data(report, pretty: false), as: UTF8.self)
        var result = ""
        result.reserveCapacity(json.utf8.count + 256)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
