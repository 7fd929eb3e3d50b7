namespace Connector.Bench;

/// <summary>Latency percentiles and throughput of one measured series.</summary>
public sealed record LatencyStats(string Name, int Count, double P50Ms, double P99Ms, double MeanMs, double PerSecond)
{
    public static LatencyStats From(string name, IReadOnlyList<double> latenciesMs, TimeSpan wall)
    {
        var sorted = latenciesMs.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(name, sorted.Length, At(0.50), At(0.99), sorted.Average(), sorted.Length / wall.TotalSeconds);
    }

    public override string ToString() =>
        $"{Name,-34} n={Count,6}  p50={P50Ms,7:F2} ms  p99={P99Ms,7:F2} ms  mean={MeanMs,7:F2} ms  {PerSecond,8:F0}/s";
}
