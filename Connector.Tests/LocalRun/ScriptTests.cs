using System.Diagnostics;
using System.Text;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.LocalRun;

/// <summary>
/// The local-run scripts (<c>npm start</c>, <c>npm run demo</c>) have Node tests under <c>scripts/test/</c>; this runs
/// them so that <c>dotnet test</c> stays the one test command.
/// </summary>
public sealed class ScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Node_tests_of_the_local_run_scripts_pass()
    {
        // Azurite is one of the things the scripts start; install it first as the other tests do.
        await NodeModules.EnsureAsync(Path.Combine("azurite", "dist", "src", "azurite.js"));

        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--test", "--test-reporter=spec", "scripts/test/" })
        {
            psi.ArgumentList.Add(arg);
        }
        // `dotnet test` sets MSBuild variables for its own build; a `dotnet run` started by the scripts must not inherit them.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(name);
        }
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["FORCE_COLOR"] = "0";

        var output = new StringBuilder();
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("node could not be started; install Node.js 20+.");
        node.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) { output.AppendLine(e.Data); } };
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) { output.AppendLine(e.Data); } };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await node.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            // A grandchild whose parent is gone is no longer in the tree and may hold the output open: do not wait on it.
            node.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.Fail($"node --test scripts/test/ did not finish within {Timeout.TotalMinutes} minutes.\n{Text(output)}");
        }
        node.WaitForExit(); // drains the redirected output

        Assert.True(node.ExitCode == 0, $"node --test scripts/test/ exited with {node.ExitCode}:\n{Text(output)}");
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
