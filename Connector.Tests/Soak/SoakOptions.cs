namespace Connector.Tests.Soak;

/// <summary>The size and pace of a soak run; the short run in the test suite and the full one in the benchmarks differ only here.</summary>
public sealed record SoakOptions
{
    /// <summary>Companies in the sandbox tenant.</summary>
    public int Companies { get; init; } = 100;

    /// <summary>People's edits over the run (renames that need enrichment, and edits of fields the connector does not watch).</summary>
    public int Changes { get; init; } = 100;

    public int Seed { get; init; } = 20261204;

    /// <summary>How long a fault phase waits, at most, for its edits to be delivered and worked on before the next fault.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a phase whose fault strikes a share of the calls waits, at most, for it to strike.</summary>
    public TimeSpan StrikeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the system may take to settle after the faults stop (and again after the replay).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Messages the worker takes at once (the host's queue batch size).</summary>
    public int WorkerConcurrency { get; init; } = 8;

    /// <summary>Where to write the captured log lines and the errors the host saw, to explain a run; null: nowhere.</summary>
    public string? LogFile { get; init; }

    /// <summary>Edits a person makes at once.</summary>
    public int EditConcurrency { get; init; } = 4;
}
