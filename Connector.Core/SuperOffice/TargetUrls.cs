using System.Text.RegularExpressions;

namespace Connector.Core.SuperOffice;

/// <summary>Webhook target URLs as they may be shown: the values of secret query parameters hidden.</summary>
public static partial class TargetUrls
{
    /// <summary>Hides the values of <c>code</c>, <c>sig</c>, <c>key</c> and <c>secret</c> query parameters.</summary>
    public static string? Mask(string? url) => url is null ? null : SecretParameter().Replace(url, m => m.Groups[1].Value + "********");

    [GeneratedRegex(@"([?&](?:code|sig|key|secret)=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
