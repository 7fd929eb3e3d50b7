using System.Text.RegularExpressions;

namespace Connector.Core.Configuration;

/// <summary>
/// URLs that carry a secret in their query (the Functions key <c>code=</c>, a SAS <c>sig=</c>): how to show them, and
/// whether one can be a webhook target.
/// </summary>
public static partial class SecretUrl
{
    /// <summary>Hides the values of the <c>code</c>, <c>sig</c>, <c>key</c> and <c>secret</c> query parameters.</summary>
    public static string? Mask(string? url) => url is null ? null : SecretParameter().Replace(url, m => m.Groups[1].Value + "********");

    /// <summary>
    /// A Key Vault reference App Service could not resolve (it then hands the app the reference text itself, e.g. when
    /// the secret does not exist yet): not a URL, and not worth stopping the whole app for.
    /// </summary>
    public static bool IsUnresolvedReference(string? value) =>
        value is not null && value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when <paramref name="url"/> is an absolute https URL, or http to the loopback host (the sandbox, a local
    /// Functions host); else what is wrong with it, as the end of a sentence.
    /// </summary>
    public static string? TargetProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "is not an absolute https:// URL.";
        }
        return uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback
            ? "must use https:// (SuperOffice calls only HTTPS targets); http:// is accepted for 127.0.0.1 and localhost only."
            : null;
    }

    [GeneratedRegex(@"([?&](?:code|sig|key|secret)=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
