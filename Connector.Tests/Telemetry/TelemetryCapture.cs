using System.Diagnostics;
using Connector.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Tests.Telemetry;

/// <summary>
/// The app's telemetry wiring (<see cref="TelemetryRegistration"/>) with in-memory exporters: every span as it ends,
/// and the metrics as of the last <see cref="Flush"/>.
/// </summary>
internal sealed class TelemetryCapture
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private IServiceProvider? _services;

    /// <summary>Adds the wiring to a container (use as a harness's <c>configure</c>).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddConnectorTelemetry(new ConfigurationBuilder().Build(), builder => builder
            .WithTracing(t => t.AddInMemoryExporter(_spans))
            .WithMetrics(m => m.AddInMemoryExporter(_metrics)));

    /// <summary>Starts the providers (a host would at start-up); before this nothing listens.</summary>
    public void Start(IServiceProvider services)
    {
        _services = services;
        _ = services.GetRequiredService<TracerProvider>();
        _ = services.GetRequiredService<MeterProvider>();
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>Exports the metrics recorded so far.</summary>
    public void Flush() => _services!.GetRequiredService<MeterProvider>().ForceFlush();

    /// <summary>The newest snapshot of each metric (the exporter's temporality is cumulative).</summary>
    public IReadOnlyList<MetricSnapshot> Metrics
    {
        get
        {
            Flush();
            lock (_metrics)
            {
                return [.. _metrics.GroupBy(m => m.Name).Select(g => g.Last())];
            }
        }
    }

    /// <summary>The count of a counter, or of a histogram's measurements, over the points whose tags include <paramref name="tags"/>.</summary>
    public long Count(string metric, params (string Key, object? Value)[] tags)
    {
        var snapshot = Metrics.SingleOrDefault(m => m.Name == metric);
        if (snapshot is null)
        {
            return 0;
        }
        long total = 0;
        foreach (var point in snapshot.MetricPoints)
        {
            var pointTags = Tags(point);
            if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            {
                total += snapshot.MetricType.IsHistogram() ? point.GetHistogramCount() : point.GetSumLong();
            }
        }
        return total;
    }

    /// <summary>The sum of a histogram's measurements over the points whose tags include <paramref name="tags"/>.</summary>
    public double HistogramSum(string metric, params (string Key, object? Value)[] tags) =>
        Metrics.SingleOrDefault(m => m.Name == metric)?.MetricPoints
            .Where(p => tags.All(t => Tags(p).TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            .Sum(p => p.GetHistogramSum()) ?? 0;

    /// <summary>Every tag of every metric point, as text (for the secret scan).</summary>
    public IEnumerable<string> AllMetricTagText() =>
        Metrics.SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p).Select(t => $"{m.Name} {t.Key}={t.Value}")));

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }
        return tags;
    }
}
