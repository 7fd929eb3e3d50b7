using System.Diagnostics;
using System.Text.Json.Nodes;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Infra;

/// <summary>
/// Compiles infra/main.bicep once with the Bicep CLI at tools/bicep/bicep (installed by
/// scripts/install-bicep.sh when missing, so a clean clone works) and keeps the ARM JSON and what Bicep printed.
/// </summary>
public sealed class BicepBuild : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public JsonObject Template { get; private set; } = [];
    public string Diagnostics { get; private set; } = "";

    public static string BicepPath => RepositoryRoot.Combine("tools", "bicep", "bicep");

    public async Task InitializeAsync()
    {
        if (!File.Exists(BicepPath))
        {
            await RunAsync("bash", RepositoryRoot.Combine("scripts", "install-bicep.sh"));
        }

        var output = Path.Combine(Path.GetTempPath(), $"connector-main-{Guid.NewGuid():N}.json");
        try
        {
            var (stdout, stderr) = await RunAsync(BicepPath, "build", RepositoryRoot.Combine("infra", "main.bicep"), "--outfile", output);
            Diagnostics = (stdout + stderr).Trim();
            Template = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
        }
        finally
        {
            File.Delete(output);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(string Stdout, string Stderr)> RunAsync(string fileName, params string[] args)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {Timeout}.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} failed (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        return (await stdout, await stderr);
    }
}
