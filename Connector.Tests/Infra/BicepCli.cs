using System.Diagnostics;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Infra;

/// <summary>
/// The Bicep CLI at tools/bicep/bicep, installed by scripts/install-bicep.sh when missing (so a clean clone works).
/// </summary>
public static class BicepCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string Path => RepositoryRoot.Combine("tools", "bicep", "bicep");

    public static async Task EnsureInstalledAsync()
    {
        if (!File.Exists(Path))
        {
            await RunProcessAsync("bash", RepositoryRoot.Combine("scripts", "install-bicep.sh"));
        }
    }

    /// <summary>Runs <c>bicep</c> with the arguments; returns what it printed, or throws when it fails.</summary>
    public static Task<(string Stdout, string Stderr)> RunAsync(params string[] args) => RunProcessAsync(Path, args);

    private static async Task<(string Stdout, string Stderr)> RunProcessAsync(string fileName, params string[] args)
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
