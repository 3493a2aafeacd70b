using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qase.Webhooks.Bench;

/// <summary>
/// How many HTTP requests to the receiver were in flight, on average over a run and at most, read from
/// the runtime's own <c>http.client.active_requests</c> (meter <c>System.Net.Http</c>): the service's
/// sender and the baseline's client both report there, so nothing in the service is changed to measure it.
/// A request counts from <c>SendAsync</c> until its response headers arrive.
/// </summary>
public sealed class InFlightProbe : IDisposable
{
    private readonly Lock _lock = new();
    private readonly MeterListener _listener = new();
    private readonly int _port;
    private long _current;
    private long _max;
    private double _area; // requests × seconds since the last reset
    private long _lastChange;
    private long _resetAt;

    public InFlightProbe(int receiverPort)
    {
        _port = receiverPort;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.active_requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnChange);
        _listener.Start();
        Reset();
    }

    public void Reset()
    {
        lock (_lock)
        {
            _resetAt = _lastChange = Stopwatch.GetTimestamp();
            _area = 0;
            _max = _current;
        }
    }

    /// <summary>The time-weighted mean and the maximum since <see cref="Reset"/>.</summary>
    public (double Mean, long Max) Read()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            var area = _area + _current * Stopwatch.GetElapsedTime(_lastChange, now).TotalSeconds;
            return (area / Stopwatch.GetElapsedTime(_resetAt, now).TotalSeconds, _max);
        }
    }

    private void OnChange(Instrument instrument, long delta, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int port && port == _port)
            {
                lock (_lock)
                {
                    var now = Stopwatch.GetTimestamp();
                    _area += _current * Stopwatch.GetElapsedTime(_lastChange, now).TotalSeconds;
                    _lastChange = now;
                    _current += delta;
                    _max = Math.Max(_max, _current);
                }
                return;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
