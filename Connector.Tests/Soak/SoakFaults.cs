namespace Connector.Tests.Soak;

/// <summary>The switches the fault phases turn: the sandbox's (SuperOffice, Company Explorer, webhook sender) and the storage faults.</summary>
public sealed class SoakFaults(SandboxAdmin sandbox, StorageFaults storage)
{
    private int _tokenExpiries;

    public int TokenExpiries => _tokenExpiries;

    public Task SandboxAsync(object faults) => sandbox.PutAsync("faults", faults);

    public Task CompanyExplorerAsync(object settings) => sandbox.PutAsync("companyexplorer", settings);

    /// <summary>What the Company Explorer stub's fault switches did so far (<c>failed</c>, <c>hung</c>, <c>pending</c>).</summary>
    public async Task<System.Text.Json.JsonElement> CompanyExplorerFaultsAsync() => await sandbox.GetAsync("companyexplorer");

    /// <summary>Whether the sandbox has answered a SuperOffice call (not Company Explorer's) that <paramref name="matches"/>.</summary>
    public async Task<bool> SuperOfficeAnsweredAsync(Func<System.Text.Json.JsonElement, bool> matches) =>
        (await sandbox.GetAsync("requests")).EnumerateArray().Any(r =>
            r.GetProperty("path").GetString()?.StartsWith("/companyexplorer/", StringComparison.OrdinalIgnoreCase) != true && matches(r));

    /// <summary>Whether the sandbox has answered a SuperOffice call with <paramref name="status"/>.</summary>
    public Task<bool> SuperOfficeAnsweredAsync(int status) => SuperOfficeAnsweredAsync(r => r.GetProperty("status").GetInt32() == status);

    /// <summary>Whether the storage faults have both failed and held back a request.</summary>
    public bool StorageStruck => storage.Failed > 0 && storage.Delayed > 0;

    public Task WebhookSenderAsync(object faults) => sandbox.PutAsync("webhooks/faults", faults);

    public async Task ExpireTokensAsync()
    {
        await sandbox.SendAsync(HttpMethod.Post, "tokens/expire");
        Interlocked.Increment(ref _tokenExpiries);
    }

    public Task Storage(double fail, double delay)
    {
        storage.FailShare = fail;
        storage.DelayShare = delay;
        return Task.CompletedTask;
    }

    /// <summary>Every fault off: what production looks like once the bad moment has passed.</summary>
    public async Task AllOffAsync()
    {
        storage.Off();
        await SandboxAsync(new { throttleShare = 0.0, serverErrorShare = 0.0, latencyMs = 0, tenantState = "Running" });
        await CompanyExplorerAsync(new { failShare = 0.0, hangShare = 0.0, pendingCount = 0, failStatus = 0 });
        await WebhookSenderAsync(new { lostAnswerShare = 0.0, lateShare = 0.0 });
    }
}
