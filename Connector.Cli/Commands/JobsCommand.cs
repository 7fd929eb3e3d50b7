using System.CommandLine;

namespace Connector.Cli.Commands;

/// <summary><c>jobs</c>: the job records in table <c>jobs</c>.</summary>
public static class JobsCommand
{
    public static Command Create(CommandBinder binder) => new("jobs", "List, show, replay and purge job records (table jobs).")
    {
        JobsListCommand.Create(binder),
        JobsShowCommand.Create(binder),
        JobsReplayCommand.Create(binder),
        JobsPurgeCommand.Create(binder),
    };
}
