import Foundation

/// A temperature reading from a sensor.
struct Reading: Codable, Equatable {
    let sensor: String
    let celsius: Double
    var timestamp: Date = Date()

    var fahrenheit: Double { celsius * 9 / 5 + 32 }
}

enum SensorError: Error {
    case offline(String)
    case outOfRange(Double)
}

protocol Sensor {
    func read() async throws -> Reading
}

final class Thermometer: Sensor {
    private let name: String
    private(set) var history: [Reading] = []

    init(name: String) {
        self.name = name
    }

    func read() async throws -> Reading {
        let value = Double.random(in: -10...40)
        guard value < 35.5 else { throw SensorError.outOfRange(value) }
        let reading = Reading(sensor: name, celsius: value)
        history.append(reading)
        return reading
    }
}

@main
struct App {
    static func main() async {
        let t = Thermometer(name: "kitchen")
        do {
            let r = try await t.read()
            print("\(r.sensor): \(r.celsius)°C / \(r.fahrenheit)°F")
        } catch let error as SensorError {
            print("sensor error: \(error)")
        } catch {
            print("unexpected: \(error)", 0x1F, 1e3, true, nil as Int?)
        }
        let names = t.history.map { $0.sensor }.filter { !$0.isEmpty }
        if let first = names.first, names.count > 1 { print(first) }
    }
}
