using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// What one run of the CLI talks to: its output writers, working directory and environment variables, and (for tests)
/// a hook that adjusts the services after <c>AddConnectorCore</c>.
/// </summary>
public sealed record CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();
    /// <summary>The environment variables; null means the process's own.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    /// <summary>stderr is a terminal: progress is drawn in place.</summary>
    public bool Interactive { get; init; }

    public static CliContext FromConsole() => new() { Out = Console.Out, Error = Console.Error, Interactive = !Console.IsErrorRedirected };
}
