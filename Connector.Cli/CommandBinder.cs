using System.CommandLine;

namespace Connector.Cli;

/// <summary>Gives a command its action: a <see cref="CommandScope"/> per run, disposed afterwards.</summary>
public sealed class CommandBinder(CliContext context, GlobalOptions globals)
{
    public GlobalOptions Globals => globals;

    public Command Bind(Command command, Func<CommandScope, CancellationToken, Task<int>> run)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = new CommandScope(context, globals, parseResult);
            return await run(scope, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
