using System.CommandLine;

namespace Connector.Cli.Commands;

/// <summary><c>webhook</c>: the SuperOffice webhook that feeds the connector.</summary>
public static class WebhookCommand
{
    public static Command Create(CommandBinder binder) => new("webhook", "Register, list, check and re-enable SuperOffice webhooks.")
    {
        WebhookRegisterCommand.Create(binder),
        WebhookListCommand.Create(binder),
        WebhookStatusCommand.Create(binder),
        WebhookEnableCommand.Create(binder),
        WebhookEnsureCommand.Create(binder),
    };
}
