using Connector.Core.SuperOffice;

namespace Connector.Cli.Output;

/// <summary>A webhook as the CLI shows it: never its secret, and the target URL without its function key (<c>code=</c>).</summary>
public sealed record WebhookView(int WebhookId, string? Name, string? State, IReadOnlyList<string> Events, string? TargetUrl, string? LastError)
{
    public const string TooManyErrors = "TooManyErrors";

    public bool IsActive => string.Equals(State, WebhookDefinition.Active, StringComparison.OrdinalIgnoreCase);

    public static WebhookView From(WebhookDefinition webhook, string? lastError = null) =>
        new(webhook.WebhookId, webhook.Name, webhook.State, webhook.Events ?? [], MaskUrl(webhook.TargetUrl), lastError);

    /// <summary>Hides the values of <c>code</c>, <c>sig</c>, <c>key</c> and <c>secret</c> query parameters.</summary>
    public static string? MaskUrl(string? url) => TargetUrls.Mask(url);
}
