import CXGBoost
import Foundation

/// Checks every XGBoost return code: a failure carries XGBoost's last error and the call's name.
@inline(__always)
func check(_ code: Int32, _ call: String) throws {
    guard code != 0 else { return }
    let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
    throw RiskModelError.xgboost(call: call, message: message)
}

/// A dense float matrix in XGBoost's memory: NaN is "missing", which trees route by learning.
final class DMatrix {
    let handle: DMatrixHandle
    let rows: Int

    init(values: [Float], rows: Int, columns: Int) throws {
        precondition(values.count == rows * columns)
        var out: DMatrixHandle?
        try values.withUnsafeBufferPointer { buffer in
            try check(XGDMatrixCreateFromMat(buffer.baseAddress, bst_ulong(rows), bst_ulong(columns), Float.nan, &out),
                      "XGDMatrixCreateFromMat")
        }
        handle = out!
        self.rows = rows
    }

    func setLabels(_ labels: [Float]) throws {
        try labels.withUnsafeBufferPointer {
            try check(XGDMatrixSetFloatInfo(handle, "label", $0.baseAddress, bst_ulong(labels.count)), "XGDMatrixSetFloatInfo(label)")
        }
    }

    func setWeights(_ weights: [Float]) throws {
        try weights.withUnsafeBufferPointer {
            try check(XGDMatrixSetFloatInfo(handle, "weight", $0.baseAddress, bst_ulong(weights.count)), "XGDMatrixSetFloatInfo(weight)")
        }
    }

    deinit { XGDMatrixFree(handle) }
}

/// One XGBoost learner. Training, prediction and SHAP contributions all go through here.
final class Booster {
    let handle: BoosterHandle

    init(caching matrices: [DMatrix]) throws {
        var out: BoosterHandle?
        var handles: [DMatrixHandle?] = matrices.map { $0.handle }
        try check(XGBoosterCreate(&handles, bst_ulong(handles.count), &out), "XGBoosterCreate")
        handle = out!
    }

    /// A booster read back from its JSON model (what the store and the shipped default hold).
    init(json: Data) throws {
        var out: BoosterHandle?
        try check(XGBoosterCreate(nil, 0, &out), "XGBoosterCreate")
        handle = out!
        try json.withUnsafeBytes { buffer in
            try check(XGBoosterLoadModelFromBuffer(handle, buffer.baseAddress, bst_ulong(buffer.count)),
                      "XGBoosterLoadModelFromBuffer")
        }
    }

    /// Takes ownership of a handle XGBoost made (`XGBoosterSlice`): freed in `deinit` like every other.
    init(owning handle: BoosterHandle) {
        self.handle = handle
    }

    deinit { XGBoosterFree(handle) }

    func set(_ name: String, _ value: String) throws {
        try check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
    }

    func update(iteration: Int, _ train: DMatrix) throws {
        try check(XGBoosterUpdateOneIter(handle, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
    }

    /// Margins (log-odds), or with `contributions` each row's exact TreeSHAP values: one per
    /// feature plus the bias, which sum to the margin.
    func predict(_ matrix: DMatrix, contributions: Bool = false, layers: Int = 0) throws -> [Float] {
        let config = """
            {"type": \(contributions ? 2 : 1), "training": false, "iteration_begin": 0, "iteration_end": \(layers), "strict_shape": false}
            """
        var shape: UnsafePointer<bst_ulong>?
        var dimension: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try check(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimension, &result),
                  "XGBoosterPredictFromDMatrix")
        var count = 1
        for index in 0..<Int(dimension) { count *= Int(shape![index]) }
        return Array(UnsafeBufferPointer(start: result, count: count))
    }

    func json() throws -> Data {
        var length: bst_ulong = 0
        var bytes: UnsafePointer<CChar>?
        try check(XGBoosterSaveModelToBuffer(handle, "{\"format\": \"json\"}", &length, &bytes), "XGBoosterSaveModelToBuffer")
        return Data(bytes: bytes!, count: Int(length))
    }
}
