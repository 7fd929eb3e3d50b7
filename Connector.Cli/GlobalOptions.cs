using System.CommandLine;

namespace Connector.Cli;

/// <summary>The options every command takes (one set per parser: options are not shared between parsers).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to stdout instead of text.",
        Recursive = true,
    };

    public Option<string?> EnvFile { get; } = new("--env-file")
    {
        Description = "A KEY=VALUE file that wins over local.settings.json, .env and the environment variables.",
        Recursive = true,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "A setting that wins over every other source, e.g. --set SuperOffice:ApiAssociateId=528 (repeatable).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Write the connector's log (information and above) to stderr.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Json, EnvFile, Set, Verbose];
}
