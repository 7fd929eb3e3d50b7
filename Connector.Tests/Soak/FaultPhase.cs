namespace Connector.Tests.Soak;

/// <summary>
/// One fault the soak injects while a share of the edits is made: switched on before them, off after. A fault that
/// strikes a share of the calls says, through <see cref="Struck"/>, when it has struck: the phase lasts until then
/// (within a deadline), so a slow machine that makes few calls in the phase still meets the fault.
/// </summary>
public sealed record FaultPhase(string Name, Func<SoakFaults, Task> Start, Func<SoakFaults, Task> Stop, Func<SoakFaults, Task<bool>>? Struck = null)
{
    /// <summary>
    /// Every fault kind, in the order the run goes through them (a calm phase first). Maintenance comes last: the 503s open
    /// the SuperOffice circuit breaker, which would keep the phases after it from reaching Company Explorer at all.
    /// </summary>
    public static readonly IReadOnlyList<FaultPhase> All =
    [
        new("calm", _ => Task.CompletedTask, _ => Task.CompletedTask),
        new("SuperOffice 429 with Retry-After", f => f.SandboxAsync(new { throttleShare = 0.3, retryAfterSeconds = 1 }), f => f.SandboxAsync(new { throttleShare = 0.0 }),
            f => f.SuperOfficeAnsweredAsync(429)),
        new("SuperOffice 500", f => f.SandboxAsync(new { serverErrorShare = 0.25 }), f => f.SandboxAsync(new { serverErrorShare = 0.0 }),
            f => f.SuperOfficeAnsweredAsync(500)),
        new("SuperOffice latency spike", f => f.SandboxAsync(new { latencyMs = 400 }), f => f.SandboxAsync(new { latencyMs = 0 }),
            f => f.SuperOfficeAnsweredAsync(r => r.GetProperty("delayedMs").GetInt32() > 0)),
        new("access token expiry", f => f.ExpireTokensAsync(), f => f.ExpireTokensAsync(), f => f.SuperOfficeAnsweredAsync(401)),
        new("Company Explorer 5xx, timeouts, 202 pending",
            f => f.CompanyExplorerAsync(new { failShare = 0.25, hangShare = 0.15, hangMs = 2500, pendingCount = 1, retryAfterSeconds = 1 }),
            f => f.CompanyExplorerAsync(new { failShare = 0.0, hangShare = 0.0, pendingCount = 0 }),
            async f => await f.CompanyExplorerFaultsAsync() is var ce
                && ce.GetProperty("failed").GetInt32() > 0 && ce.GetProperty("hung").GetInt32() > 0 && ce.GetProperty("pending").GetInt32() > 0),
        new("storage failures and delays", f => f.Storage(fail: 0.05, delay: 0.1), f => f.Storage(fail: 0, delay: 0),
            f => Task.FromResult(f.StorageStruck)),
        new("tenant maintenance (503, state not Running)", f => f.SandboxAsync(new { tenantState = "OfflineMaintenance" }), f => f.SandboxAsync(new { tenantState = "Running" }),
            f => f.SuperOfficeAnsweredAsync(503)),
    ];
}
