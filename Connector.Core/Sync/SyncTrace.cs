using System.Diagnostics;
using Connector.Core.Telemetry;

namespace Connector.Core.Sync;

/// <summary>
/// What one sync cycle did: calls made, time per step, fields written or kept. Stored in the job's Details. Each timed
/// step is also a span (<c>sync {step}</c>) under the run's span.
/// </summary>
public sealed class SyncTrace
{
    private readonly Dictionary<string, double> _stepMs = [];

    public int SuperOfficeCalls { get; set; }
    public int CompanyExplorerCalls { get; set; }
    public IReadOnlyDictionary<string, double> StepMs => _stepMs;
    public IReadOnlyList<FieldChange> Written { get; set; } = [];
    public IReadOnlyList<FieldKept> Kept { get; set; } = [];
    public bool UdfsUnreadable { get; set; }
    public bool DryRun { get; set; }
    public string? EnrichmentVersion { get; set; }

    /// <summary>The fields a decision writes and keeps.</summary>
    public void Record(SyncDiff.Result diff)
    {
        Written = diff.Changes;
        Kept = diff.Kept;
    }

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> action)
    {
        using var span = ConnectorTelemetry.Source.HasListeners() ? ConnectorTelemetry.Source.StartActivity("sync " + step) : null;
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            JobTelemetry.Failed(span, e);
            throw;
        }
        finally
        {
            // Steps may overlap (the lease, the claim and the contact's GET run at once).
            lock (_stepMs)
            {
                _stepMs[step] = Math.Round(_stepMs.GetValueOrDefault(step) + Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1);
            }
        }
    }

    public async Task TimeAsync(string step, Func<Task> action) => await TimeAsync(step, async () => { await action().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    public SyncDetails ToDetails()
    {
        lock (_stepMs)
        {
            return new(SuperOfficeCalls, CompanyExplorerCalls, new Dictionary<string, double>(_stepMs), Written, Kept, UdfsUnreadable, DryRun,
                EnrichmentVersion);
        }
    }
}
