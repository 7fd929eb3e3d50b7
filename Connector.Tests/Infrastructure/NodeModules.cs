using System.Diagnostics;

namespace Connector.Tests.Infrastructure;

/// <summary>Installs the repository's npm dev dependencies when they are missing, so `dotnet test` needs no other step.</summary>
public static class NodeModules
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The full path of a file under node_modules, installing the dependencies first if it is missing.</summary>
    public static async Task<string> EnsureAsync(string relativePath)
    {
        var path = RepositoryRoot.Combine("node_modules", relativePath);
        if (File.Exists(path))
        {
            return path;
        }

        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var hasLock = File.Exists(RepositoryRoot.Combine("package-lock.json"));
                var psi = new ProcessStartInfo("npm")
                {
                    WorkingDirectory = RepositoryRoot.Path,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var arg in new[] { hasLock ? "ci" : "install", "--no-audit", "--no-fund" })
                {
                    psi.ArgumentList.Add(arg);
                }
                using var npm = Process.Start(psi) ?? throw new InvalidOperationException("npm could not be started; install Node.js 20+.");
                var stderr = npm.StandardError.ReadToEndAsync();
                _ = npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0 || !File.Exists(path))
                {
                    throw new InvalidOperationException($"npm {(hasLock ? "ci" : "install")} failed (exit {npm.ExitCode}): {await stderr}");
                }
            }
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }
}
