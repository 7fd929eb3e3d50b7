using System.CommandLine;

namespace Connector.Cli.Commands;

/// <summary><c>config</c>: the settings the CLI (and the app) run with.</summary>
public static class ConfigCommand
{
    public static Command Create(CommandBinder binder) => new("config", "The effective settings and where each came from.")
    {
        ConfigShowCommand.Create(binder),
    };
}
