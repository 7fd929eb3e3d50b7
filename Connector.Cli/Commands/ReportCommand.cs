using System.CommandLine;

namespace Connector.Cli.Commands;

/// <summary><c>report</c>: the connector's reports.</summary>
public static class ReportCommand
{
    public static Command Create(CommandBinder binder) => new("report", "Run a report now.")
    {
        ReportProductsCommand.Create(binder),
    };
}
