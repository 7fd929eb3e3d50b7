using Connector.Cli.Configuration;
using System.Reflection;
using Azure;
using Connector.Core.Configuration;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>Turns an exception from a command into an exit code and the one stderr line that says what to fix.</summary>
public static class ErrorReport
{
    public static (int ExitCode, string Message) From(Exception exception)
    {
        var e = Unwrap(exception);
        return e switch
        {
            CliUsageException usage => (ExitCodes.Usage, usage.Message),
            CliConfigurationException configuration => (ExitCodes.Usage, configuration.Message),
            OptionsValidationException validation => (ExitCodes.Usage, ForTheCli(FirstLine(validation.Failures.FirstOrDefault() ?? validation.Message))),
            CliFailureException failure => (ExitCodes.Failed, failure.Message),
            SuperOfficeAuthenticationException { IsTransient: false } signIn => (ExitCodes.Usage,
                $"{FirstLine(signIn.Message)} Check the SuperOffice sign-in settings (`so-connector config show`)."),
            SuperOfficeApiException api => (ExitCodes.Failed, FirstLine(api.Message)),
            RequestFailedException storage => (ExitCodes.Failed,
                $"Storage request failed ({storage.Status}{(storage.ErrorCode is null ? "" : " " + storage.ErrorCode)}): {FirstLine(storage.Message)} Check AzureWebJobsStorage and that the storage (or Azurite) is running."),
            OperationCanceledException => (ExitCodes.Failed, "Cancelled."),
            HttpRequestException http => (ExitCodes.Failed, $"HTTP request failed: {FirstLine(http.Message)}"),
            _ => (ExitCodes.Failed, $"{e.GetType().Name}: {FirstLine(e.Message)}"),
        };
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };

    /// <summary>
    /// The app's validators say "set it in local.settings.json or the app settings"; from the CLI the places are the
    /// ones it reads: "local.settings.json, .env or Section__Key".
    /// </summary>
    public static string ForTheCli(string message)
    {
        var key = message.Split(' ', 2)[0];
        if (!key.Contains(':'))
        {
            return message;
        }
        return message.Replace("local.settings.json or the app settings", $"local.settings.json, .env or {SettingKey.ToFlat(key)}", StringComparison.Ordinal);
    }

    public static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? text.Trim() : line;
    }
}
