using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Core.Watchdog;

/// <summary>
/// A salted PBKDF2 hash of a webhook secret, kept so that the watchdog can tell whether SuperOffice still holds the
/// configured secret when SuperOffice does not show it. It does not reveal the secret; compared in constant time.
/// Form: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).
/// </summary>
public static class SecretFingerprint
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 100_000;

    public static string Create(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Hash(secret, salt, Iterations);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="fingerprint"/> was made from <paramref name="secret"/>; false for any other secret or a malformed fingerprint.</summary>
    public static bool Matches(string? fingerprint, string secret)
    {
        var parts = fingerprint?.Split('$');
        if (parts is not [Scheme, var iterations, var salt, var hash]
            || !int.TryParse(iterations, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 10_000_000)
        {
            return false;
        }
        try
        {
            var expected = Convert.FromBase64String(hash);
            return CryptographicOperations.FixedTimeEquals(Hash(secret, Convert.FromBase64String(salt), count), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Hash(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
}
