namespace Connector.Cli.Configuration;

/// <summary>What <see cref="CliConfigurationLoader"/> reads, besides the files it finds in the repository root.</summary>
public sealed record ConfigurationSources
{
    /// <summary>Where the search for the repository root (the folder holding <c>Connector.Functions.sln</c>) starts.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The environment variables; null means the process's own.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>A <c>.env</c>-style file given explicitly (<c>--env-file</c>); it must exist.</summary>
    public string? EnvFile { get; init; }

    /// <summary><c>Section:Key=value</c> settings given on the command line (<c>--set</c>); they win over everything.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
}
