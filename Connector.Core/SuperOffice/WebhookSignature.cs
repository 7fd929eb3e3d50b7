using System.Security.Cryptography;
using System.Text;

namespace Connector.Core.SuperOffice;

/// <summary>
/// SuperOffice's webhook signature: base64(HMAC-SHA256(key = UTF-8 bytes of the secret, message = the raw body)),
/// sent in <c>X-SuperOffice-Signature</c>. Verification compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-SuperOffice-Signature";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="signature"/> matches the body under any of the secrets.</summary>
    public static bool Verify(IEnumerable<string> secrets, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
            // Every secret is checked, so the time taken does not tell which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, given);
        }
        return matched;
    }
}
