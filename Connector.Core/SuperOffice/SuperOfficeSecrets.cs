using System.Collections.Concurrent;
using Connector.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The secret values in play (configured secrets, and every token or ticket obtained since), so that any text that
/// could reach a log or an exception message (e.g. an error body SuperOffice echoes) can be scrubbed.
/// </summary>
public sealed class SuperOfficeSecrets
{
    public const string Mask = "***";
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    public SuperOfficeSecrets(IOptions<SuperOfficeOptions> options)
    {
        var o = options.Value;
        foreach (var value in new[] { o.ClientSecret, o.RefreshToken, o.SystemUserToken, o.PrivateKey })
        {
            Add(value);
        }
    }

    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; real secrets and tokens are long.
        if (!string.IsNullOrWhiteSpace(secret) && secret.Length >= 6)
        {
            _values.TryAdd(secret, 0);
        }
    }

    public string Scrub(string text)
    {
        foreach (var secret in _values.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }
}
