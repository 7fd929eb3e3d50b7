using System.CommandLine;
using System.CommandLine.Invocation;
using Connector.Cli.Commands;

namespace Connector.Cli;

/// <summary>
/// The CLI's entry point: parses, runs one command, and maps the outcome to an exit code
/// (<see cref="ExitCodes"/>); on failure stderr gets one line that says what to fix.
/// </summary>
public static class CliApplication
{
    public const string Name = "so-connector";

    public static RootCommand BuildRoot(CliContext context)
    {
        var globals = new GlobalOptions();
        var binder = new CommandBinder(context, globals);
        var root = new RootCommand("Operator commands for the SuperOffice enrichment connector. They read the app's settings " +
                                   "(local.settings.json < .env < environment < --env-file < --set) and run the app's own code.")
        {
            ConfigCommand.Create(binder),
            WhoAmICommand.Create(binder),
            CreateCompanyCommand.Create(binder),
            VerifyEnrichmentCommand.Create(binder),
            DebugRawCommand.Create(binder),
            ListProductsCommand.Create(binder),
            SyncCommand.Create(binder),
            JobsCommand.Create(binder),
            WebhookCommand.Create(binder),
            BackfillCommand.Create(binder),
            RecoverCommand.Create(binder),
            ReportCommand.Create(binder),
        };
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parseResult = BuildRoot(context).Parse(args);
        if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
        {
            var command = string.Join(' ', parseResult.CommandResult.Command.Name == Name
                ? [Name]
                : Ancestry(parseResult.CommandResult).Prepend(Name));
            await context.Error.WriteLineAsync($"{OneLine(parseResult.Errors[0].Message)} See `{command} --help`.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (exitCode, message) = ErrorReport.From(e);
            await context.Error.WriteLineAsync(message).ConfigureAwait(false);
            return exitCode;
        }
    }

    /// <summary>A multi-line parser message (e.g. with suggestions) as one line.</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines.Skip(1)) + ".";
    }

    private static IEnumerable<string> Ancestry(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null && current.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command.Name);
        }
        return names;
    }
}
