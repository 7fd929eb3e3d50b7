using System.Diagnostics;
using System.Globalization;
using Connector.Sandbox;
using Connector.Tests.Infrastructure;

namespace Connector.Bench;

/// <summary>
/// The sandbox in its own process (the built Connector.Sandbox.dll next to the benchmark), so that what the benchmark
/// measures in its own process (time, heap) is the connector's, not the emulator's. Killed on dispose.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process, SandboxOptions options, Uri baseUrl)
    {
        _process = process;
        Options = options;
        BaseUrl = baseUrl;
    }

    public SandboxOptions Options { get; }
    public Uri BaseUrl { get; }
    public int ProcessId => _process.Id;
    public Uri CompanyExplorerBaseUrl => new(BaseUrl + SandboxServer.CompanyExplorerPath.TrimStart('/'));

    public static async Task<SandboxProcess> StartAsync(int companyCount, int saleCount, bool largeSales = false, int latencyMs = 0)
    {
        var port = Azurite.FreePort();
        var options = new SandboxOptions { Port = port, CompanyCount = companyCount, SaleCount = saleCount, LargeSales = largeSales, LatencyMs = latencyMs };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Connector.Sandbox.dll"), "--port", port.ToString(CultureInfo.InvariantCulture),
                     $"--Sandbox:CompanyCount={companyCount}", $"--Sandbox:SaleCount={saleCount}", $"--Sandbox:LargeSales={largeSales}",
                     $"--Sandbox:LatencyMs={latencyMs}",
                 })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox process did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var sandbox = new SandboxProcess(process, options, new Uri($"http://127.0.0.1:{port}/"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("listening on", StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return sandbox;
                }
            }
            throw new InvalidOperationException("The sandbox process ended before it was listening.");
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
