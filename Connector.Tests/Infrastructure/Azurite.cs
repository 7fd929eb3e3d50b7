using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// The storage the integration tests use: Azurite, started once per test run (in-memory, free loopback ports,
/// <c>--skipApiVersionCheck</c>) and stopped when the run ends. When <c>CONNECTOR_TEST_STORAGE</c> holds a
/// connection string, that storage is used instead and nothing is started. A missing npm dependency is
/// installed first (<c>npm ci</c> at the repository root).
/// </summary>
public static class Azurite
{
    public const string ExternalStorageVariable = "CONNECTOR_TEST_STORAGE";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    // Azurite runs inside its guard's own process (no child that could outlive it), and the guard exits, with Azurite,
    // as soon as the process that started it (this test run) is gone, however that ended: it looks every half second.
    // (A guard that started Azurite as a child left orphans whenever the guard was killed first; Azurite stops reading
    // stdin, so the end of stdin is no signal.) Orphans slowed every later run.
    private const string GuardScript =
        "const parent = process.ppid;\n" +
        "setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 500);\n" +
        "const azurite = process.argv[2]; process.argv.splice(1, 1); require(azurite);\n";
    private static Process? _process;

    /// <summary>The connection string of the test storage (starting Azurite on first use).</summary>
    public static Task<string> GetConnectionStringAsync() => Started.Value;

    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static async Task<string> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalStorageVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return external;
        }

        var script = await NodeModules.EnsureAsync(Path.Combine("azurite", "dist", "src", "azurite.js"));
        // Node runs Azurite when it is required from a script file (not from -e), so the guard is one.
        var guard = Path.Combine(Path.GetTempPath(), "connector-azurite-guard.js");
        await File.WriteAllTextAsync(guard, GuardScript);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var psi = new ProcessStartInfo("node")
            {
                ArgumentList = { guard, script },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            })
            {
                psi.ArgumentList.Add(arg);
            }
            var process = Process.Start(psi)!;
            var output = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            try
            {
                await WaitForPortsAsync(process, TimeSpan.FromSeconds(30), blob, queue, table);
                _process = process;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                return ConnectionString(blob, queue, table);
            }
            catch (Exception e)
            {
                lock (output)
                {
                    last = new InvalidOperationException(e.Message + " " + output.ToString().Trim(), e);
                }
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
        }
        throw new InvalidOperationException("Azurite did not start: " + last?.Message, last);
    }

    private static void Stop()
    {
        try { _process?.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    private static async Task WaitForPortsAsync(Process process, TimeSpan timeout, params int[] ports)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
                }
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
