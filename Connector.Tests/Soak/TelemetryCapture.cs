using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;

namespace Connector.Tests.Soak;

/// <summary>
/// Everything the connector's telemetry says while a soak runs, as text to search: every span of its activity sources
/// (name, tags, events, status) and every measurement of its meters (instrument and tags). Listens process-wide.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics = new();

    public TelemetryCapture()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => Watched(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _entries.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (Watched(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _metrics.SetMeasurementEventCallback<long>((i, v, tags, _) => Measured(i, tags));
        _metrics.SetMeasurementEventCallback<int>((i, v, tags, _) => Measured(i, tags));
        _metrics.SetMeasurementEventCallback<double>((i, v, tags, _) => Measured(i, tags));
        _metrics.Start();
    }

    private int _spanCount;
    private int _measurementCount;

    public int Spans => Volatile.Read(ref _spanCount);
    public int Measurements => Volatile.Read(ref _measurementCount);

    public string AllText => string.Join("\n", _entries);

    private static bool Watched(string name) => name.StartsWith("Connector", StringComparison.Ordinal);

    private string Describe(Activity activity)
    {
        Interlocked.Increment(ref _spanCount);
        var text = new StringBuilder(activity.DisplayName).Append(' ').Append(activity.StatusDescription);
        foreach (var (key, value) in activity.TagObjects)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }
        foreach (var e in activity.Events)
        {
            text.Append(" event ").Append(e.Name);
            foreach (var (key, value) in e.Tags)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }
        }
        return text.ToString();
    }

    private void Measured(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurementCount);
        var text = new StringBuilder(instrument.Name);
        foreach (var (key, value) in tags)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }
        _entries.Enqueue(text.ToString());
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }
}
