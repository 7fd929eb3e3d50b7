using System.Text.Json;
using Connector.Cli;
using Connector.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Cli;

/// <summary>Runs the CLI in-process, as `so-connector` would, capturing stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>
    /// Runs <paramref name="args"/> in <paramref name="workingDirectory"/> with only the given environment variables
    /// (never the test process's own), and with the given storage names so tests do not share tables and queues.
    /// </summary>
    public static Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, StorageNames? names,
        params string[] args) => RunAsync(workingDirectory, environment, names, args, null);

    /// <summary>As above, with a further adjustment of the services (e.g. a stub behind one HttpClient).</summary>
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, StorageNames? names,
        string[] args, Action<IServiceCollection>? configure)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            WorkingDirectory = workingDirectory,
            Environment = environment,
            ConfigureServices = services =>
            {
                if (names is not null)
                {
                    services.AddSingleton(names);
                }
                configure?.Invoke(services);
            },
        };
        var exitCode = await CliApplication.RunAsync(args, context);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
